import { AlertTriangle, Clock, Link2Off, RefreshCw, SearchX } from "lucide-react";
import { getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { retryMinutes, type LinkProblem } from "@/lib/pay-link";
import { cn } from "@/lib/utils";

/** A link that no longer leads anywhere: the page answers 404 (not-found.tsx) with the explanation. */
export function isDeadLink(problem: LinkProblem): boolean {
  return problem.kind === "invalid" || problem.kind === "expired" || problem.kind === "revoked";
}

/** 404, 410, 429 or the API unreachable: what happened, and what to do. */
export async function ProblemView({ problem, token }: { problem: LinkProblem; token: string }) {
  const t = await getTranslations("payLink.problems");
  const link = "inline-flex min-h-11 items-center font-medium text-primary hover:underline";
  const content = (() => {
    switch (problem.kind) {
      case "invalid":
        return { icon: SearchX, title: t("invalidTitle"), text: t("invalidText"), next: null, retry: false };
      case "expired":
      case "revoked":
        return {
          icon: Link2Off,
          title: t(problem.kind === "expired" ? "expiredTitle" : "revokedTitle"),
          text: problem.message ?? t(problem.kind === "expired" ? "expiredText" : "revokedText"),
          next: t("whatToDo"),
          retry: false,
        };
      case "throttled":
        return { icon: Clock, title: t("throttledTitle"), text: t("throttledText", { minutes: retryMinutes(problem.retryAfter) }), next: null, retry: true };
      case "unavailable":
        return { icon: AlertTriangle, title: t("unavailableTitle"), text: t("unavailableText"), next: null, retry: true };
    }
  })();
  const Icon = content.icon;
  return (
    <Card>
      <CardContent className="flex flex-col items-start gap-3 pt-5" data-testid="pay-link-problem" data-problem={problem.kind}>
        <Icon className="size-10 text-muted-foreground" strokeWidth={1.75} aria-hidden="true" />
        <h1 className="text-2xl font-semibold tracking-tight">{content.title}</h1>
        <p>{content.text}</p>
        {content.next ? (
          <>
            <p className="text-sm text-muted-foreground">{content.next}</p>
            {/* A full navigation: the portal needs the messages this page was not sent (lib/message-scope.ts). */}
            <a href="/connexion" className={link}>
              {t("signIn")}
            </a>
          </>
        ) : null}
        {content.retry ? (
          <a href={`/payer/${encodeURIComponent(token)}`} className={cn(buttonVariants({ variant: "outline" }))}>
            <RefreshCw aria-hidden="true" />
            {t("retry")}
          </a>
        ) : null}
      </CardContent>
    </Card>
  );
}

