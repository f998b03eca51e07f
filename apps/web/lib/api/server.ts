import { headers } from "next/headers";
import { getLocale } from "next-intl/server";
import { createApiClient } from "./client";

/**
 * The API client for server components: it calls the API directly (NOURX_API_ADDR, read when the
 * server runs) with the browser's own cookies, so a page can arrive with its data already in it.
 * A 401 does nothing here; the browser's client redirects when it meets one.
 */
export async function serverApi() {
  const incoming = await headers();
  const locale = await getLocale();
  const cookie = incoming.get("cookie");
  // The client's address as scripts/serve.mjs worked it out (it overwrites what the browser sent),
  // so the API's per-address rules see the person, not this server.
  const forwardedFor = incoming.get("x-forwarded-for");
  return createApiClient({
    baseUrl: `http://${process.env.NOURX_API_ADDR || "127.0.0.1:8000"}`,
    readCookie: () => undefined,
    locale: () => locale,
    currentPath: () => "/",
    redirect: () => {},
    headers: { ...(cookie ? { Cookie: cookie } : {}), ...(forwardedFor ? { "X-Forwarded-For": forwardedFor } : {}) },
  });
}
