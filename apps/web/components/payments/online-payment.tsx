"use client";

import dynamic from "next/dynamic";
import Link from "next/link";
import { Clock, ExternalLink, Info, Wallet } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import type { Invoice } from "@/lib/api/types";

// The dialog (form, validation, channels) loads when the invoice can be paid, not with every page.
const loadPayDialog = () => import("./pay-dialog").then((m) => m.PayDialog);
const PayDialog = dynamic(loadPayDialog, { ssr: false });

/** Drops `?payer=1` from the address once used, so that a reload does not open the dialog again. */
function forgetPayParam() {
  const url = new URL(window.location.href);
  if (!url.searchParams.has("payer")) return;
  url.searchParams.delete("payer");
  window.history.replaceState(window.history.state, "", url);
}

function Note({ icon, children }: { icon?: React.ReactNode; children: React.ReactNode }) {
  return (
    <div className="flex gap-2 rounded-md bg-muted/70 p-3 text-sm text-muted-foreground">
      {icon ?? <Info className="mt-0.5 size-4 shrink-0" aria-hidden="true" />}
      <div className="flex flex-col gap-2">{children}</div>
    </div>
  );
}

/**
 * What the invoice page offers to pay online: the "Payer" button and its dialog when the person
 * may pay now (opened at once by `/factures/{id}?payer=1`), else why not and what to do.
 */
export function OnlinePayment({ invoice, payNow }: { invoice: Invoice; payNow?: boolean }) {
  const t = useTranslations("payments");
  const online = invoice.online_payment ?? null;
  const canPay = Boolean(online?.can_pay);
  const [open, setOpen] = useState(Boolean(payNow) && canPay);

  useEffect(() => {
    if (canPay) void loadPayDialog();
    // `?payer=1` on an invoice that cannot be paid (paid meanwhile): nothing to open.
    else if (payNow) forgetPayParam();
  }, [canPay, payNow]);

  if (invoice.status !== "sent" && invoice.status !== "partially_paid") return null;

  if (!online) {
    return <Note>{t("offline")}</Note>;
  }

  if (online.can_pay) {
    return (
      <div className="flex flex-col gap-2" data-testid="online-payment">
        <Button size="lg" className="w-full sm:w-auto sm:self-start sm:px-10" onClick={() => setOpen(true)}>
          <Wallet aria-hidden="true" />
          {t("pay")}
        </Button>
        <p className="text-sm text-muted-foreground">{t("payHint")}</p>
        {open ? (
          <PayDialog
            invoice={{ id: invoice.id, number: invoice.number ?? "", currency: invoice.currency }}
            online={online}
            open={open}
            onOpenChange={(next) => {
              setOpen(next);
              if (!next) forgetPayParam();
            }}
          />
        ) : null}
      </div>
    );
  }

  switch (online.reason) {
    case "in_progress": {
      const current = online.open_payment;
      return (
        <Note icon={<Clock className="mt-0.5 size-4 shrink-0 text-warning" aria-hidden="true" />}>
          <p className="font-medium text-foreground">{t("inProgress")}</p>
          <p>{t("inProgressHint")}</p>
          {current ? (
            <div className="flex flex-wrap gap-2">
              {current.checkout_url ? (
                <Button asChild size="sm">
                  <a href={current.checkout_url}>
                    <ExternalLink aria-hidden="true" />
                    {t("resume")}
                  </a>
                </Button>
              ) : null}
              <Button asChild size="sm" variant="outline">
                <Link href={`/paiements/${current.id}`}>{t("follow")}</Link>
              </Button>
            </div>
          ) : null}
        </Note>
      );
    }
    case "below_minimum":
      return (
        <Note>
          <p>{t("belowMinimum")}</p>
          <Link href="/support/nouveau" className="inline-flex min-h-11 items-center self-start font-medium text-primary hover:underline">
            {t("contactSupport")}
          </Link>
        </Note>
      );
    case "not_member":
      return <Note>{t("notMember")}</Note>;
    default:
      // not_payable, nothing_due: the invoice's status already says it (paid, cancelled).
      return null;
  }
}
