import type { Metadata } from "next";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { JobList } from "@/components/admin/journal/jobs";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.journal");
  return { title: t("jobs.title") };
}

/** `/admin/journal/travaux?status=dead&page=2`: the dashboard's dead-job alert links here. */
export default function JobsPage() {
  return (
    <Suspense>
      <JobList />
    </Suspense>
  );
}
