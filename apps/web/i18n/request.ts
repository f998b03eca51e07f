import { getRequestConfig } from "next-intl/server";
import { cookies } from "next/headers";
import { defaultLocale, isLocale, type Locale } from "./config";
import { LOCALE_COOKIE } from "./config";

/**
 * French unless the user chose otherwise: the cookie is set when they pick a language and
 * from their saved `locale` at login. The browser's own language is not used, since many
 * phones here are set to English while their owners read French.
 */
async function requestLocale(): Promise<Locale> {
  const saved = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(saved) ? saved : defaultLocale;
}

/**
 * The back-office's message files, `messages/admin/<part>.<locale>.json`, each under the
 * namespace `admin.<part>` (`useTranslations("admin.clients")`). The root layout leaves the
 * whole `admin` namespace out of what it sends to portal pages; app/admin/layout.tsx sends it.
 */
export const ADMIN_MESSAGE_PARTS = ["shell", "dashboard", "clients", "team", "journal", "billing", "projects", "tasks", "payments", "reconciliation"] as const;

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
