"use client";

import dynamic from "next/dynamic";
import { Share2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import type { Invoice } from "@/lib/api/types";
import { isUnpaid } from "./due-status";

// The dialog (and the link it makes) loads on the first tap, not with every invoice page.
const ShareDialog = dynamic(() => import("./share-dialog").then((m) => m.ShareDialog), { ssr: false });

/**
 * Whether the person may share the invoice for payment: it waits for money, and they may pay it
 * (`online_payment.reason` is not `not_member`: viewers may not, nor may NOURX staff from the portal).
 */
export function canShareInvoice(invoice: Pick<Invoice, "status" | "balance_due" | "online_payment">): boolean {
  const online = invoice.online_payment;
  return isUnpaid(invoice) && invoice.balance_due > 0 && Boolean(online) && online?.reason !== "not_member";
}

/** « Partager »: a pay link to this invoice for someone without an account (WhatsApp, SMS, copied). */
export function ShareInvoice({ invoice }: { invoice: Invoice }) {
  const t = useTranslations("payLink.share");
  const [open, setOpen] = useState(false);
  // Mounted once opened, so that closing and opening again shows the same link.
  const [mounted, setMounted] = useState(false);
  if (!canShareInvoice(invoice)) return null;
  return (
    <>
      <Button
        type="button"
        variant="outline"
        className="w-full sm:w-auto"
        onClick={() => {
          setMounted(true);
          setOpen(true);
        }}
        data-testid="share-invoice"
      >
        <Share2 aria-hidden="true" />
        {t("button")}
      </Button>
      {mounted ? <ShareDialog invoice={invoice} open={open} onOpenChange={setOpen} /> : null}
    </>
  );
}
