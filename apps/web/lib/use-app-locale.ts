"use client";

import { useLocale } from "next-intl";
import type { AppLocale } from "./format";

export function useAppLocale(): AppLocale {
  return useLocale() === "en" ? "en" : "fr";
}
