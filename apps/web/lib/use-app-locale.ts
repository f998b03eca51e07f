// No "use client": next-intl's `useLocale` works in server components too (the public pay page).

import { useLocale } from "next-intl";
import type { AppLocale } from "./format";

export function useAppLocale(): AppLocale {
  return useLocale() === "en" ? "en" : "fr";
}
