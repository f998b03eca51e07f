"use client";

import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { PaymentStatus } from "@/lib/api/types";
import { PAYMENT_STATUS_TONE } from "@/lib/payments";

/** An online payment: « Payé » in green, « En attente de confirmation » in amber, « Refusé » in red… */
export function PaymentStatusBadge({ status }: { status: PaymentStatus }) {
  const t = useTranslations("payments.status");
  return (
    <Badge tone={PAYMENT_STATUS_TONE[status]} data-testid="payment-status">
      {t(status)}
    </Badge>
  );
}
