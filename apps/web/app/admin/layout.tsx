import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { NextIntlClientProvider } from "next-intl";
import { getTranslations } from "next-intl/server";
import { AdminShell } from "@/components/admin/shell/admin-shell";
import { loginUrl } from "@/lib/api/client";
import { isApiError } from "@/lib/api/errors";
import { serverApi } from "@/lib/api/server";
import type { Me } from "@/lib/api/types";
import { isStaff } from "@/lib/roles";
import { meQuery } from "@/queries/me";
import { TwoFactorBanner } from "./two-factor-banner";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.shell");
  return { title: { default: t("title"), template: `%s · ${t("title")}` } };
}

/**
 * Who is asking, from the API with the browser's cookies: a client session never sees the
 * back-office (the portal instead), an expired one logs in again. When the API cannot say (down,
 * a network refusing staff), the page renders and the browser's own queries handle it.
 */
async function staffMember(queryClient: QueryClient): Promise<Me | null> {
  try {
    return await queryClient.fetchQuery(meQuery(await serverApi()));
  } catch (error) {
    if (isApiError(error) && error.status === 401) return redirect(loginUrl("/admin"));
    return null;
  }
}

/** The back-office's frame, apart from the client portal's, with its own messages (`admin.*`). */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const queryClient = new QueryClient();
  const me = await staffMember(queryClient);
  if (me && !isStaff(me.role)) redirect("/");
  // A staff account that must enrol in two-factor authentication does so before anything else.
  if (me?.two_factor.enrolment_required) redirect("/double-authentification?next=%2Fadmin");
  return (
    // Without `messages`, the provider sends them all, the back-office's included (the root layout leaves those out).
    <NextIntlClientProvider>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <AdminShell me={me ? { name: me.name, role: me.role } : null} banner={<TwoFactorBanner />}>
          {children}
        </AdminShell>
      </HydrationBoundary>
    </NextIntlClientProvider>
  );
}
