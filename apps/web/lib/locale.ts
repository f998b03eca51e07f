import { LOCALE_COOKIE, type Locale } from "@/i18n/config";

/** Remembers the interface language for the server's next render (one year). */
export function setLocaleCookie(locale: Locale) {
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
}
