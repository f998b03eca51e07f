import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "@/components/language-switch";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("payLink");
  // A pay link is a secret: its page stays out of search engines and link previews' indexes.
  return { title: t("metaTitle"), robots: { index: false, follow: false } };
}

/**
 * The pay link's pages: whoever holds the link, with no account and no portal around it (no
 * navigation, no session), NOURX's name and the language switch only. Kept light for a phone on
 * mobile data: the invoice is drawn on the server, only the pay form runs in the browser.
 */
export default async function PayLinkLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("app");
  const tp = await getTranslations("payLink");
  return (
    <div className="flex min-h-dvh flex-col bg-muted/40">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-card focus:px-3 focus:py-2">
        {t("skipToContent")}
      </a>
      <header className="border-b bg-card">
        <div className="mx-auto flex w-full max-w-3xl items-center justify-between gap-3 px-4 py-2">
          <span className="flex min-w-0 items-center gap-2">
            <span aria-hidden="true" className="inline-flex size-8 shrink-0 items-center justify-center rounded-md bg-primary text-sm font-bold text-primary-foreground">
              N
            </span>
            <span className="flex min-w-0 flex-col leading-tight">
              <span className="text-lg font-semibold tracking-tight">{t("name")}</span>
              <span className="truncate text-xs text-muted-foreground">{tp("tagline")}</span>
            </span>
          </span>
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="mx-auto flex w-full max-w-3xl flex-1 flex-col gap-4 px-4 pt-4 pb-10">
        {children}
      </main>
    </div>
  );
}
