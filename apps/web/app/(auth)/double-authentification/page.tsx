import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { EnrolClient } from "./enrol-client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("twoFactor");
  return { title: t("enrolTitle") };
}

/** Turning two-factor authentication on: from the profile, or where staff must before anything else. */
export default function EnrolPage() {
  return (
    <Suspense>
      <EnrolClient />
    </Suspense>
  );
}
