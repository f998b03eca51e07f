/**
 * Leaving a pay link's pages for CinetPay's checkout, in the browser: the link's token goes with
 * the person in the tab's sessionStorage (the return page carries only the payment's id), and a
 * payment resumed from the link is first made the link's, so that CinetPay's return comes back to
 * `/payer/retour` rather than to the portal, whoever started it.
 */
import { api, unwrap } from "./api/client";
import { rememberLink, sessionStore } from "./pay-link";

/** The return page of a payment made through a link. */
export function linkReturnUrl(paymentId: string): string {
  return `/payer/retour?paiement=${encodeURIComponent(paymentId)}`;
}

/** Leaves for CinetPay's page (or the return page), the link's token kept for the way back. */
export function leaveWithLink(token: string, paymentId: string | null, url: string) {
  rememberLink(sessionStore(), token, paymentId);
  window.location.assign(url);
}

/**
 * Back to CinetPay's page for a payment of the link's invoice still open there: the API makes the
 * link its way back and says where to go (the return page once the payment is over). Should the
 * API not answer, CinetPay's page is still worth going to.
 */
export async function resumeThroughLink(token: string, paymentId: string, checkoutUrl: string | null) {
  let url = checkoutUrl ?? linkReturnUrl(paymentId);
  try {
    const resumed = await unwrap(
      api.POST("/api/public/pay/{token}/payments/{payment_id}/resume/", { params: { path: { token, payment_id: paymentId } } }),
    );
    url = resumed.checkout_url ?? linkReturnUrl(paymentId);
  } catch (error) {
    console.warn("pay link: resuming through the link failed", error);
  }
  leaveWithLink(token, paymentId, url);
}
