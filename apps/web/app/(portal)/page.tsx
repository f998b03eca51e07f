import type { Metadata } from "next";
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { getTranslations } from "next-intl/server";
import { serverApi } from "@/lib/api/server";
import { clientsQuery } from "@/queries/clients";
import { invoiceSummaryQuery } from "@/queries/invoices";
import { meQuery } from "@/queries/me";
import { milestonesQuery } from "@/queries/milestones";
import { projectsQuery } from "@/queries/projects";
import { tasksQuery } from "@/queries/tasks";
import { ticketsQuery } from "@/queries/tickets";
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
  return queryClient;
}

export default async function DashboardPage() {
  const queryClient = await prefetchDashboard();
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <DashboardClient />
    </HydrationBoundary>
  );
}
