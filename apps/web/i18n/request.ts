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

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  // TEMPORARY (h14-web-pages): messages/admin/<part>.<locale>.json under `admin.<part>`, as
  // h14-web-shell's i18n/request.ts does; drop this commit for theirs at the merge.
  const [base, clients, team, journal] = await Promise.all([
    import(`../messages/${locale}.json`),
    import(`../messages/admin/clients.${locale}.json`),
    import(`../messages/admin/team.${locale}.json`),
    import(`../messages/admin/journal.${locale}.json`),
  ]);
  return {
    locale,
    messages: {
      ...base.default,
      admin: { ...base.default.admin, clients: clients.default, team: team.default, journal: journal.default },
    },
    // Only for next-intl's own formatters; data dates go through lib/format.ts in the browser's zone.
    timeZone: "Africa/Abidjan",
  };
});
