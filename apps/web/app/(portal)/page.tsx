import type { Metadata } from "next";
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { getTranslations } from "next-intl/server";
import { unwrap } from "@/lib/api/client";
import { serverApi } from "@/lib/api/server";
import type { Me, Project } from "@/lib/api/types";
import { awaitingApproval } from "@/lib/milestones";
import { clientsQuery } from "@/queries/clients";
import { invoiceSummaryQuery } from "@/queries/invoices";
import { meQuery } from "@/queries/me";
import { milestonesQuery } from "@/queries/milestones";
import { projectKeys, projectsQuery } from "@/queries/projects";
import { tasksQuery } from "@/queries/tasks";
import { ticketsQuery } from "@/queries/tickets";
import { ApprovalsCard, type MilestoneToApprove } from "./approvals-card";
import { DashboardClient } from "./dashboard-client";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("dashboard");
  return { title: t("title") };
}

/**
 * The first screen answers the client's questions, so its data comes with the HTML: the server
 * asks the API (one round trip on the server's side instead of several over mobile data) and
 * hands the answers to the client's cache. Anything that fails here is simply fetched again by
 * the browser, which also handles an expired session.
 */
async function prefetchDashboard() {
  const queryClient = new QueryClient();
  const api = await serverApi();
  const me = await queryClient.fetchQuery(meQuery(api)).catch(() => null);
  const approvals = milestonesToApprove(api, me);
  // People of several clients pick one in the browser; their lists are fetched there.
  if (me && me.client_ids.length <= 1) {
    await Promise.allSettled([
      queryClient.prefetchQuery(clientsQuery(api)),
      queryClient.prefetchQuery(tasksQuery({ assigned_to: me.id }, api)),
      queryClient.prefetchQuery(projectsQuery({ status: "active" }, api)),
      queryClient.prefetchQuery(milestonesQuery({}, api)),
      queryClient.prefetchQuery(ticketsQuery({}, api)),
      queryClient.prefetchQuery(invoiceSummaryQuery(undefined, api)),
    ]);
  }
  const toApprove = await approvals;
  // The project's name from the active projects the dashboard shows anyway (none for people of several clients).
  const projects = queryClient.getQueryData<{ results: Project[] }>(projectKeys.list({ status: "active" }))?.results ?? [];
  const names = new Map(projects.map((project) => [project.id, project.name]));
  return {
    queryClient,
    toApprove: toApprove.map((milestone) => ({ ...milestone, project_name: names.get(milestone.project_id) })),
  };
}

/** Milestones NOURX submitted for approval, in every client of the person (the card is drawn on the server). */
async function milestonesToApprove(api: Awaited<ReturnType<typeof serverApi>>, me: Me | null): Promise<MilestoneToApprove[]> {
  if (!me || me.client_ids.length === 0) return [];
  try {
    const page = await unwrap(
      api.GET("/api/milestones/", { params: { query: { status: "awaiting_approval", ordering: "due_date", page_size: 20 } } }),
    );
    return awaitingApproval(page.results);
  } catch {
    return [];
  }
}

export default async function DashboardPage() {
  const { queryClient, toApprove } = await prefetchDashboard();
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <DashboardClient approvals={toApprove.length > 0 ? <ApprovalsCard milestones={toApprove} /> : null} />
    </HydrationBoundary>
  );
}
