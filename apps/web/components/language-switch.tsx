"use client";

import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { locales, type Locale } from "@/i18n/config";
import { setLocaleCookie } from "@/lib/locale";
import { cn } from "@/lib/utils";

/** FR / EN before login; once logged in, the profile page also saves the choice on the account. */
export function LanguageSwitch({ className }: { className?: string }) {
  const t = useTranslations("common");
  const current = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  const choose = (locale: Locale) => {
    setLocaleCookie(locale);
    startTransition(() => router.refresh());
  };

  return (
    <div role="group" aria-label={t("language")} className={cn("inline-flex gap-1", className)}>
      {locales.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={current === locale}
          disabled={pending}
          onClick={() => choose(locale)}
          className={cn(
            "min-h-11 min-w-11 rounded-md px-3 text-sm font-medium",
            current === locale ? "bg-secondary text-secondary-foreground" : "text-muted-foreground hover:bg-accent",
          )}
        >
          {t(`languages.${locale}`)}
        </button>
      ))}
    </div>
  );
}
