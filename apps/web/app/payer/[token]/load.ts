import { cache } from "react";
import { serverApi } from "@/lib/api/server";
import { linkProblem, type LinkProblem } from "@/lib/pay-link";
import type { PublicInvoice } from "@/queries/pay-links";

/** A pay link's token as the API makes them: 32 random bytes in base64url, 43 characters. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export type Loaded = { invoice: PublicInvoice } | { problem: LinkProblem };

/**
 * The invoice of the link, asked on the server (one round trip close to the API, not over mobile
 * data). Once per request: the page and its not-found boundary share the answer.
 */
export const loadInvoice = cache(async (token: string): Promise<Loaded> => {
  if (!TOKEN.test(token)) return { problem: { kind: "invalid" } };
  try {
    const api = await serverApi();
    const { data, error, response } = await api.GET("/api/public/pay/{token}/", { params: { path: { token } }, cache: "no-store" });
    if (data) return { invoice: data };
    const body = error && typeof error === "object" ? (error as { code?: string; detail?: string }) : {};
    return { problem: linkProblem(response.status, body.code, body.detail, Number(response.headers.get("Retry-After"))) };
  } catch (error) {
    console.error("pay link: API call failed", error);
    return { problem: { kind: "unavailable" } };
  }
});

/** The token in a pay link page's path (`/payer/{token}`), as proxy.ts passes it on. */
export function tokenOfPath(path: string | null): string {
  const segment = path?.split("/")[2] ?? "";
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
