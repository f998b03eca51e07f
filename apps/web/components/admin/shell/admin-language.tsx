"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { locales, type Locale } from "@/i18n/config";
import { useToast } from "@/components/toaster";
import { setLocaleCookie } from "@/lib/locale";
import { cn } from "@/lib/utils";
import { useUpdateMe } from "@/queries/me";

/**
 * FR / EN, saved on the staff member's profile (as the portal's profile page does) and in the
 * cookie the server renders with, so the next login and this page agree.
 */
export function AdminLanguage({ className, buttonClassName }: { className?: string; buttonClassName?: string }) {
  const t = useTranslations("admin.shell");
  const tc = useTranslations("common");
  const current = useLocale();
  const router = useRouter();
  const update = useUpdateMe();
  const toast = useToast();
  const [refreshing, startTransition] = useTransition();

  const choose = async (locale: Locale) => {
    if (locale === current) return;
    try {
      await update.mutateAsync({ locale });
    } catch {
      toast.show("error", t("languageError"));
      return;
    }
    setLocaleCookie(locale);
    startTransition(() => router.refresh());
  };

  return (
    <div role="group" aria-label={t("language")} className={cn("inline-flex gap-0.5", className)}>
      {locales.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={current === locale}
          disabled={update.isPending || refreshing}
          onClick={() => void choose(locale)}
          className={cn(
            "min-h-9 rounded-md px-2 text-xs font-semibold uppercase",
            current === locale ? "bg-secondary text-secondary-foreground" : "text-muted-foreground hover:bg-accent",
            buttonClassName,
          )}
        >
          <span aria-hidden="true">{locale}</span>
          <span className="sr-only">{tc(`languages.${locale}`)}</span>
        </button>
      ))}
    </div>
  );
}
