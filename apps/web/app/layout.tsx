import type { Metadata, Viewport } from "next";
import { GeistSans } from "geist/font/sans";
import { NextIntlClientProvider } from "next-intl";
import { headers } from "next/headers";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { Providers } from "@/components/providers";
import { MESSAGE_SCOPE_HEADER, scopedMessages } from "@/lib/message-scope";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: { default: t("title"), template: `%s · ${t("name")}` }, description: t("description") };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#0f766e",
};

function withoutAdmin<T extends { admin?: unknown }>(messages: T): Omit<T, "admin"> {
  const portal = { ...messages };
  delete portal.admin;
  return portal;
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  // The back-office's messages stay on the server here; app/admin/layout.tsx sends them to its pages.
  // The pay link's pages get only the few namespaces their client components read (proxy.ts).
  const messages = scopedMessages(withoutAdmin(await getMessages()), (await headers()).get(MESSAGE_SCOPE_HEADER));
  return (
    <html lang={locale} className={`${GeistSans.variable} h-full antialiased`}>
      <body className="min-h-full">
        <NextIntlClientProvider messages={messages}>
          <Providers>{children}</Providers>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
