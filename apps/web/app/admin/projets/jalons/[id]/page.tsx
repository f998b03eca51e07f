import { notFound, redirect } from "next/navigation";
import { serverApi } from "@/lib/api/server";

/** A milestone's address (the journal and notifications link here): its place on its project's page. */
export default async function AdminMilestonePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const api = await serverApi();
  const { data } = await api.GET("/api/milestones/{id}/", { params: { path: { id } } });
  if (!data) notFound();
  redirect(`/admin/projets/${data.project_id}#jalon-${data.id}`);
}
