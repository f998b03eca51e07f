export const locales = ["fr", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "fr";
/** The cookie that remembers the interface language (also read by the server). */
export const LOCALE_COOKIE = "NEXT_LOCALE";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/**
 * The language an `Accept-Language` header asks for, by the API's rule (`Lang::from_accept_language`
 * in crates/domain/src/i18n.rs): of the French and English tags it names, the one with the highest
 * weight (the first on a tie); French when it names neither.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  let best: { locale: Locale; quality: number } | null = null;
  for (const part of (header ?? "").split(",")) {
    const [rawTag = "", ...params] = part.trim().split(";");
    const tag = rawTag.trim().toLowerCase();
    const locale: Locale | null = tag === "en" || tag.startsWith("en-") ? "en" : tag === "fr" || tag.startsWith("fr-") ? "fr" : null;
    if (!locale) continue;
    // The first `q=` that is a number, else 1.
    const weights = params.map((p) => p.trim()).filter((p) => p.startsWith("q=") && p.length > 2);
    const quality = weights.map((p) => Number(p.slice(2))).find((q) => !Number.isNaN(q)) ?? 1;
    if (!best || quality > best.quality) best = { locale, quality };
  }
  return best?.locale ?? defaultLocale;
}
