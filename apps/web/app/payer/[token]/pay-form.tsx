"use client";

import { ExternalLink, Loader2, RefreshCw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { PayChoiceFields, PaySummary, usePayChoices, type PayRange } from "@/components/payments/pay-choices";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { api, unwrap } from "@/lib/api/client";
import { retryMinutes, startProblem, type LinkProblem, type StartProblem } from "@/lib/pay-link";
import { leaveWithLink, linkReturnUrl, resumeThroughLink } from "@/lib/pay-link-checkout";
import { useErrorMessage } from "@/lib/use-error-message";

/** Back from CinetPay with the back button, the page may come from the back-forward cache: draw it again from the server. */
export function RefreshOnReturn() {
  const router = useRouter();
  useEffect(() => {
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted) router.refresh();
    };
    window.addEventListener("pageshow", onShow);
    return () => window.removeEventListener("pageshow", onShow);
  }, [router]);
  return null;
}

/**
 * « Reprendre le paiement » (CinetPay's page, while it can still be completed, whoever started the
 * payment: CinetPay's return then comes back here) and « Suivre le paiement ».
 */
export function ResumePayment({ token, paymentId, checkoutUrl }: { token: string; paymentId: string; checkoutUrl: string | null }) {
  const t = useTranslations("payLink");
  const [resuming, setResuming] = useState(false);
  // Back from CinetPay with the browser's back button: usable again.
  useEffect(() => {
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted) setResuming(false);
    };
    window.addEventListener("pageshow", onShow);
    return () => window.removeEventListener("pageshow", onShow);
  }, []);
  return (
    <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap">
      {checkoutUrl ? (
        <Button asChild>
          <a
            href={checkoutUrl}
            aria-disabled={resuming}
            data-testid="pay-link-resume"
            onClick={(event) => {
              event.preventDefault();
              if (resuming) return;
              setResuming(true);
              void resumeThroughLink(token, paymentId, checkoutUrl);
            }}
          >
            {resuming ? <Loader2 className="animate-spin" aria-hidden="true" /> : <ExternalLink aria-hidden="true" />}
            {t("resume")}
          </a>
        </Button>
      ) : null}
      <Button asChild variant={checkoutUrl ? "outline" : "default"}>
        <a
          href={linkReturnUrl(paymentId)}
          onClick={(event) => {
            event.preventDefault();
            leaveWithLink(token, paymentId, linkReturnUrl(paymentId));
          }}
        >
          {t("follow")}
        </a>
      </Button>
    </div>
  );
}

/** The sentence for a problem with the link itself, met while starting a payment. */
function useLinkProblemText() {
  const t = useTranslations("payLink.problems");
  return (problem: LinkProblem): string => {
    switch (problem.kind) {
      case "invalid":
        return t("invalidText");
      case "expired":
      case "revoked":
        return `${problem.message ?? t(problem.kind === "expired" ? "expiredText" : "revokedText")} ${t("whatToDo")}`;
      case "throttled":
        return t("throttledText", { minutes: retryMinutes(problem.retryAfter) });
      case "unavailable":
        return t("unavailableText");
    }
  };
}

/**
 * The pay form of a pay link: the whole balance, or an instalment when the client may pay in
 * several times, the channel (Mobile Money first), then CinetPay's page. The portal's pay choices,
 * on the page rather than in a dialog; the API's answer stays the authority.
 */
export function PayLinkForm({ token, currency, payment }: { token: string; currency: string; payment: PayRange }) {
  const t = useTranslations("payLink");
  const td = useTranslations("payments.dialog");
  const tc = useTranslations("common");
  const router = useRouter();
  const errorMessage = useErrorMessage();
  const linkProblemText = useLinkProblemText();
  const uid = useId();
  const choices = usePayChoices(payment, currency);
  const { amount, channel } = choices;
  const [problem, setProblem] = useState<StartProblem>();
  const [sending, setSending] = useState(false);
  const [redirecting, setRedirecting] = useState(false);
  const busy = sending || redirecting;

  // Back from CinetPay with the browser's back button: the form may come back frozen as it was.
  useEffect(() => {
    const onShow = (event: PageTransitionEvent) => {
      if (event.persisted) setRedirecting(false);
    };
    window.addEventListener("pageshow", onShow);
    return () => window.removeEventListener("pageshow", onShow);
  }, []);

  const submit = async () => {
    setProblem(undefined);
    if (!choices.validate() || amount === null) return;
    setSending(true);
    try {
      // The CSRF cookie is fetched first by the client, as for every POST (lib/api/client.ts).
      const started = await unwrap(
        api.POST("/api/public/pay/{token}/init/", { params: { path: { token } }, body: { amount, channel } }),
      );
      setRedirecting(true);
      leaveWithLink(token, started.id, started.checkout_url ?? linkReturnUrl(started.id));
    } catch (error) {
      const found = startProblem(error);
      if (found.kind === "amount" && choices.showServerAmountError(found.text)) return;
      setProblem(found);
    } finally {
      setSending(false);
    }
  };

  const problemText = (found: StartProblem): string => {
    switch (found.kind) {
      case "link":
        return linkProblemText(found.problem);
      case "amount":
      case "inProgress":
      case "notPayable":
        return found.text || errorMessage(null);
      case "unavailable":
      case "message":
        return found.text ?? errorMessage(null);
    }
  };

  return (
    <section aria-labelledby={`${uid}-title`} className="flex flex-col gap-4 rounded-lg border bg-card p-4 shadow-xs" data-testid="pay-link-form">
      <div className="flex flex-col gap-1">
        <h2 id={`${uid}-title`} className="text-lg font-semibold">
          {t("form.title")}
        </h2>
        <p className="text-sm text-muted-foreground">{t("form.intro")}</p>
      </div>
      <form
        id={`${uid}-form`}
        noValidate
        className="flex flex-col gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <PayChoiceFields state={choices} uid={uid} busy={busy} />
        <PaySummary state={choices} />
        {problem ? (
          <Alert tone="error" className="flex flex-col gap-2" data-testid="pay-link-error">
            <p>{problemText(problem)}</p>
            {problem.kind === "inProgress" && problem.paymentId ? (
              <ResumePayment token={token} paymentId={problem.paymentId} checkoutUrl={problem.checkoutUrl} />
            ) : problem.kind === "notPayable" ? (
              <Button type="button" variant="outline" className="self-start" onClick={() => router.refresh()}>
                <RefreshCw aria-hidden="true" />
                {t("form.refresh")}
              </Button>
            ) : problem.kind === "unavailable" ? (
              <Button type="submit" variant="outline" className="self-start" disabled={busy}>
                {tc("retry")}
              </Button>
            ) : null}
          </Alert>
        ) : null}
        <Button type="submit" size="lg" disabled={busy} aria-disabled={busy} className="w-full sm:w-auto sm:self-start sm:px-10">
          {busy ? <Loader2 className="animate-spin" aria-hidden="true" /> : null}
          {busy ? td("redirecting") : td("continue")}
        </Button>
        <p className="text-xs text-muted-foreground">{td("redirectNote")}</p>
      </form>
    </section>
  );
}
