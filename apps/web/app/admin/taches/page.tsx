import type { Metadata } from "next";
import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { AdminTasks } from "@/components/admin/tasks/tasks-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("admin.tasks");
  return { title: t("title") };
}

/** `/admin/taches?view=list&assignee=…&due=late`: the board's state is in the address. */
export default function AdminTasksPage() {
  return (
    <Suspense>
      <AdminTasks />
    </Suspense>
  );
}
