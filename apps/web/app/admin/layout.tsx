import { getTranslations } from "next-intl/server";
import { TwoFactorBanner } from "./two-factor-banner";

/** The NOURX back-office (a later issue fills it); its own frame, apart from the client portal. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations("admin");
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b bg-card">
        <div className="mx-auto flex h-14 max-w-6xl items-center px-4 font-semibold">{t("title")}</div>
      </header>
      <TwoFactorBanner />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6">
        {children}
      </main>
    </div>
  );
}
