import { getRequestConfig } from "next-intl/server";
import { cookies, headers } from "next/headers";
import { MESSAGE_SCOPE_HEADER } from "@/lib/message-scope";
import { defaultLocale, isLocale, localeFromAcceptLanguage, type Locale } from "./config";
import { LOCALE_COOKIE } from "./config";

/**
 * French unless the user chose otherwise: the cookie is set when they pick a language and
 * from their saved `locale` at login. In the portal the browser's own language is not used,
 * since many phones here are set to English while their owners read French and the account
 * keeps the person's choice. A pay link's pages (`/payer/…`) are read by whoever holds the link,
 * who has no account: without the cookie they follow `Accept-Language` as the API does for
 * callers without an account (English only when it comes before French), and the FR/EN switch
 * sets the cookie.
 */
async function requestLocale(): Promise<Locale> {
  const saved = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(saved)) return saved;
  const incoming = await headers();
  // proxy.ts sets the scope (it removes the browser's own value).
  if (incoming.get(MESSAGE_SCOPE_HEADER) === "pay-link") return localeFromAcceptLanguage(incoming.get("accept-language"));
  return defaultLocale;
}

/**
 * The back-office's message files, `messages/admin/<part>.<locale>.json`, each under the
 * namespace `admin.<part>` (`useTranslations("admin.clients")`). The root layout leaves the
 * whole `admin` namespace out of what it sends to portal pages; app/admin/layout.tsx sends it.
 */
export const ADMIN_MESSAGE_PARTS = [
  "shell",
  "dashboard",
  "clients",
  "team",
  "journal",
  "billing",
  "projects",
  "tasks",
  "payments",
  "reconciliation",
  "support",
  "support-settings",
  "prospects-setup",
  "prospects",
  "email-templates",
] as const;

async function adminMessages(locale: Locale) {
  const parts = await Promise.all(
    ADMIN_MESSAGE_PARTS.map(async (part) => [part, (await import(`../messages/admin/${part}.${locale}.json`)).default] as const),
  );
  return Object.fromEntries(parts);
}

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  const [portal, admin] = await Promise.all([import(`../messages/${locale}.json`), adminMessages(locale)]);
  return {
    locale,
    messages: { ...portal.default, admin },
    // Only for next-intl's own formatters; data dates go through lib/format.ts in the browser's zone.
    timeZone: "Africa/Abidjan",
  };
});
