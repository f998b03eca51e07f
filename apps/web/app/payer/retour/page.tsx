import type { Metadata } from "next";
import { cookies } from "next/headers";
import { getTranslations } from "next-intl/server";
import { isPaymentId } from "@/lib/pay-link";
import { PayLinkReturn } from "./return-client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("payments.return");
  return { title: t("title") };
}

/**
 * `/payer/retour?paiement={id}`: where CinetPay's page sends back whoever paid through a pay link
 * (through the API's `/api/payments/return/`). The link's token is in the tab's sessionStorage,
 * so the page asks for the payment from the browser.
 */
export default async function PayLinkReturnPage({ searchParams }: { searchParams: Promise<{ paiement?: string | string[] }> }) {
  const { paiement } = await searchParams;
  const paymentId = typeof paiement === "string" && isPaymentId(paiement) ? paiement : null;
  // Someone signed in to the portal (in another tab, say) can follow the payment there instead.
  const signedIn = (await cookies()).has("sessionid");
  return <PayLinkReturn paymentId={paymentId} signedIn={signedIn} />;
}
