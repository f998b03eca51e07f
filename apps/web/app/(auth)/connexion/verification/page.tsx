import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { CodeForm } from "./code-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("twoFactor");
  return { title: t("codeTitle") };
}

/** The second step of a login with two-factor authentication. */
export default function VerificationPage() {
  return (
    <Suspense>
      <CodeForm />
    </Suspense>
  );
}
