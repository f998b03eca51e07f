"use client";

import { Clock, MailCheck, RefreshCw } from "lucide-react";
import { useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";
import { PaymentReturn, PaymentReturnSkeleton } from "@/components/payments/payment-return";
import { usePollSchedule, usePollWindow } from "@/components/payments/poll-schedule";
import { Button } from "@/components/ui/button";
import { linkProblemOf, linkTokenFor, retryMinutes, sessionStore, withLang } from "@/lib/pay-link";
import { resumeThroughLink } from "@/lib/pay-link-checkout";
import { isOpenPayment, paymentOutcome } from "@/lib/payments";
import { useAppLocale } from "@/lib/use-app-locale";
import { cn } from "@/lib/utils";
import { usePublicPayment, type PublicPayment } from "@/queries/pay-links";

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
  icon: typeof MailCheck;
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

/** The pay link's side of the shared return page: texts for someone without an account, ways back to the link. */
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
  const invoiceHref = `/payer/${encodeURIComponent(token)}`;
  const text = {
    success: tl("successText"),
    refused: payment.status === "failed" ? t("failedText") : t("refusedText"),
    pending: stopped ? tl("pendingNext") : t("pendingHint"),
    expired: tl("expiredText"),
    flagged: tl("flaggedText"),
  }[paymentOutcome(payment.status)];
  return (
    <PaymentReturn
      payment={payment}
      stopped={stopped}
      checking={checking}
      onCheckAgain={onCheckAgain}
      text={text}
      receiptHref={payment.receipt_url ? withLang(payment.receipt_url, locale) : null}
      retryHref={invoiceHref}
      invoice={{ href: invoiceHref, label: tl("backToInvoice") }}
      onResume={(checkoutUrl) => void resumeThroughLink(token, payment.id, checkoutUrl)}
    />
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
  return <PaymentReturnSkeleton label={tc("loading")} />;
}

/** After CinetPay's page: the payment's state, asked again while it is pending, then the receipt. */
export function PayLinkReturn({ paymentId, signedIn }: { paymentId: string | null; signedIn: boolean }) {
  const token = useLinkToken(paymentId ?? "");
  if (!paymentId) return <WithoutToken paymentId={null} signedIn={false} />;
  if (token === undefined) return <ReturnSkeleton />;
  if (token === null) return <WithoutToken paymentId={paymentId} signedIn={signedIn} />;
  return <Polled token={token} paymentId={paymentId} />;
}
