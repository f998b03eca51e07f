"use client";

import Link from "next/link";
import { CheckCircle2, Clock, Download, ExternalLink, Loader2, MailCheck, RefreshCw, ShieldAlert, TimerOff, XCircle } from "lucide-react";
import { useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";
import { PaymentStatusBadge } from "@/components/badges";
import { usePollSchedule, usePollWindow } from "@/components/payments/poll-schedule";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDateTime, formatMoney } from "@/lib/format";
import { linkProblemOf, linkTokenFor, retryMinutes, sessionStore, withLang } from "@/lib/pay-link";
import { isOpenPayment, paymentOutcome, type PaymentOutcome } from "@/lib/payments";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { usePublicPayment, type PublicPayment } from "@/queries/pay-links";

const ICONS: Record<PaymentOutcome, { icon: typeof CheckCircle2; className: string }> = {
  success: { icon: CheckCircle2, className: "text-success" },
  refused: { icon: XCircle, className: "text-destructive" },
  pending: { icon: Loader2, className: "text-primary motion-safe:animate-spin" },
  expired: { icon: TimerOff, className: "text-muted-foreground" },
  flagged: { icon: ShieldAlert, className: "text-warning" },
};

const noSubscription = () => () => {};

/** The link's token kept in this tab before leaving for CinetPay; `undefined` until the browser has read it. */
function useLinkToken(paymentId: string): string | null | undefined {
  return useSyncExternalStore(
    noSubscription,
    () => linkTokenFor(sessionStore(), paymentId),
    () => undefined,
  );
}

/** A message in the middle of the page: a title read out when it appears, a text, and what to do. */
function Message({
  icon: Icon,
  iconClass,
  title,
  text,
  children,
  testId,
}: {
  icon: typeof CheckCircle2;
  iconClass?: string;
  title: string;
  text: string;
  children?: React.ReactNode;
  testId?: string;
}) {
  return (
    <div className="mx-auto flex w-full max-w-lg flex-col items-center gap-4 pt-4 text-center" data-testid={testId}>
      <Icon className={cn("size-14", iconClass ?? "text-muted-foreground")} strokeWidth={1.75} aria-hidden="true" />
      <div role="status" aria-live="polite" aria-atomic="true" className="flex flex-col items-center gap-2">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        <p className="max-w-prose text-sm text-muted-foreground">{text}</p>
      </div>
      {children}
    </div>
  );
}

function Facts({ payment }: { payment: PublicPayment }) {
  const t = useTranslations("payments.return");
  const locale = useAppLocale();
  return (
    <Card className="w-full">
      <CardContent className="pt-4">
        <dl className="grid grid-cols-2 gap-x-4 gap-y-3 text-left">
          <div className="flex min-w-0 flex-col gap-0.5">
            <dt className="text-xs text-muted-foreground">{t("amount")}</dt>
            <dd className="text-lg font-semibold tabular-nums">{formatMoney(payment.amount, payment.currency, locale)}</dd>
          </div>
          {payment.settled_at ? (
            <div className="flex min-w-0 flex-col gap-0.5">
              <dt className="text-xs text-muted-foreground">{t("date")}</dt>
              <dd className="font-medium tabular-nums">{formatDateTime(payment.settled_at, locale)}</dd>
            </div>
          ) : null}
          {payment.receipt_number ? (
            <div className="flex min-w-0 flex-col gap-0.5">
              <dt className="text-xs text-muted-foreground">{t("receiptNumber")}</dt>
              <dd className="font-medium tabular-nums">{payment.receipt_number}</dd>
            </div>
          ) : null}
          <div className="col-span-2 flex min-w-0 flex-col gap-0.5">
            <dt className="text-xs text-muted-foreground">{t("reference")}</dt>
            <dd className="font-mono text-sm break-all">{payment.transaction_id}</dd>
          </div>
        </dl>
      </CardContent>
    </Card>
  );
}

function Result({
  payment,
  token,
  stopped,
  checking,
  onCheckAgain,
}: {
  payment: PublicPayment;
  token: string;
  stopped: boolean;
  checking: boolean;
  onCheckAgain: () => void;
}) {
  const t = useTranslations("payments.return");
  const tl = useTranslations("payLink.return");
  const locale = useAppLocale();
  const outcome = paymentOutcome(payment.status);
  // Once the page has stopped asking, no spinner: nothing moves until "Vérifier à nouveau".
  const { icon: Icon, className } = outcome === "pending" && stopped ? { icon: Clock, className: "text-warning" } : ICONS[outcome];
  const invoiceHref = `/payer/${encodeURIComponent(token)}`;
  const backToInvoice = (primary = false) => (
    <Button asChild variant={primary ? "default" : "outline"} size="lg">
      <Link href={invoiceHref}>{tl("backToInvoice")}</Link>
    </Button>
  );
  const retry = (
    <Button asChild size="lg">
      <Link href={invoiceHref}>{t("retry")}</Link>
    </Button>
  );

  const title = {
    success: t("successTitle"),
    refused: t("refusedTitle"),
    pending: t("pendingTitle"),
    expired: t("expiredTitle"),
    flagged: t("flaggedTitle"),
  }[outcome];
  const text = {
    success: tl("successText"),
    refused: payment.status === "failed" ? t("failedText") : t("refusedText"),
    pending: stopped ? tl("pendingNext") : t("pendingHint"),
    expired: tl("expiredText"),
    flagged: tl("flaggedText"),
  }[outcome];

  return (
    <div className="mx-auto flex w-full max-w-lg flex-col gap-5" data-testid="payment-result" data-outcome={outcome}>
      <div className="flex flex-col items-center gap-3 text-center">
        <Icon className={cn("size-16", className)} strokeWidth={1.75} aria-hidden="true" />
        {/* Read out when the status changes while the page waits. */}
        <div role="status" aria-live="polite" aria-atomic="true" className="flex flex-col items-center gap-2">
          <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
          <p className="max-w-prose text-sm text-muted-foreground">{text}</p>
        </div>
        <PaymentStatusBadge status={payment.status} />
        {outcome === "pending" && !stopped ? <span className="sr-only">{t("checking")}</span> : null}
      </div>

      <Facts payment={payment} />

      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:justify-center">
        {outcome === "success" ? (
          <>
            {payment.receipt_url ? (
              <Button asChild size="lg">
                <a href={withLang(payment.receipt_url, locale)} target="_blank" rel="noopener" data-testid="receipt-download">
                  <Download aria-hidden="true" />
                  {t("downloadReceipt")}
                </a>
              </Button>
            ) : null}
            {backToInvoice()}
          </>
        ) : outcome === "refused" || outcome === "expired" ? (
          <>
            {retry}
            {backToInvoice()}
          </>
        ) : outcome === "flagged" ? (
          backToInvoice(true)
        ) : (
          <>
            {stopped ? (
              <Button size="lg" onClick={onCheckAgain} disabled={checking}>
                <RefreshCw className={cn(checking && "motion-safe:animate-spin")} aria-hidden="true" />
                {t("checkAgain")}
              </Button>
            ) : null}
            {payment.checkout_url ? (
              <Button asChild variant={stopped ? "outline" : "default"} size="lg">
                <a href={payment.checkout_url}>
                  <ExternalLink aria-hidden="true" />
                  {t("backToCheckout")}
                </a>
              </Button>
            ) : null}
            {backToInvoice()}
          </>
        )}
      </div>
    </div>
  );
}

/** Another browser, or a tab that lost its storage: the payment goes on without this page. */
function WithoutToken({ paymentId, signedIn }: { paymentId: string | null; signedIn: boolean }) {
  const t = useTranslations("payLink.return");
  return (
    <Message icon={MailCheck} iconClass="text-primary" title={t("noTokenTitle")} text={t("noTokenText")} testId="pay-link-no-token">
      {signedIn && paymentId ? (
        <div className="flex flex-col items-center gap-2">
          <p className="text-sm text-muted-foreground">{t("noTokenPortal")}</p>
          <Button asChild variant="outline">
            {/* A full navigation: the portal needs the messages this page was not sent (lib/message-scope.ts). */}
            <a href={`/paiements/${paymentId}`}>{t("openPortal")}</a>
          </Button>
        </div>
      ) : null}
    </Message>
  );
}

function Polled({ token, paymentId }: { token: string; paymentId: string }) {
  const t = useTranslations("payLink");
  const tc = useTranslations("common");
  const schedule = usePollSchedule();
  const payment = usePublicPayment(token, paymentId, schedule.refetchInterval);
  const open = payment.data ? isOpenPayment(payment.data.status) : false;
  const checkAgain = usePollWindow(schedule, open, payment.refetch);

  if (payment.data) {
    return <Result payment={payment.data} token={token} stopped={schedule.stopped} checking={payment.isFetching} onCheckAgain={checkAgain} />;
  }
  if (payment.isError) {
    const problem = linkProblemOf(payment.error);
    const text =
      problem.kind === "invalid"
        ? t("return.notFound")
        : problem.kind === "expired" || problem.kind === "revoked"
          ? t("return.linkGone")
          : problem.kind === "throttled"
            ? t("problems.throttledText", { minutes: retryMinutes(problem.retryAfter) })
            : t("problems.unavailableText");
    const title = problem.kind === "throttled" ? t("problems.throttledTitle") : problem.kind === "unavailable" ? t("problems.unavailableTitle") : t("return.noTokenTitle");
    return (
      <Message icon={problem.kind === "unavailable" || problem.kind === "throttled" ? Clock : MailCheck} title={title} text={text} testId="pay-link-return-problem">
        {problem.kind === "unavailable" || problem.kind === "throttled" ? (
          <Button variant="outline" onClick={() => payment.refetch()} disabled={payment.isFetching}>
            <RefreshCw aria-hidden="true" />
            {tc("retry")}
          </Button>
        ) : null}
      </Message>
    );
  }
  return <ReturnSkeleton />;
}

function ReturnSkeleton() {
  const tc = useTranslations("common");
  return (
    <div className="mx-auto flex w-full max-w-lg flex-col items-center gap-4 pt-4" aria-busy="true">
      <span className="sr-only">{tc("loading")}</span>
      <Skeleton className="size-16 rounded-full" />
      <Skeleton className="h-8 w-2/3" />
      <Skeleton className="h-4 w-full" />
      <Skeleton className="h-40 w-full" />
    </div>
  );
}

/** After CinetPay's page: the payment's state, asked again while it is pending, then the receipt. */
export function PayLinkReturn({ paymentId, signedIn }: { paymentId: string | null; signedIn: boolean }) {
  const token = useLinkToken(paymentId ?? "");
  if (!paymentId) return <WithoutToken paymentId={null} signedIn={false} />;
  if (token === undefined) return <ReturnSkeleton />;
  if (token === null) return <WithoutToken paymentId={paymentId} signedIn={signedIn} />;
  return <Polled token={token} paymentId={paymentId} />;
}
