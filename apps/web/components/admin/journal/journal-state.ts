/** The journal's filters in the address: `/admin/journal?client=…&actor=…&kind=billing&page=2`. */
import { isActivityKind, type ActivityParams } from "@/lib/api/admin";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function readJournalState(params: Pick<URLSearchParams, "get">): ActivityParams {
  const client = params.get("client") ?? "";
  const actor = params.get("actor") ?? "";
  const kind = params.get("kind") ?? "";
  const page = Number(params.get("page"));
  return {
    client: UUID.test(client) ? client : undefined,
    actor: UUID.test(actor) ? actor : undefined,
    kind: isActivityKind(kind) ? kind : undefined,
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

export function journalSearch(state: ActivityParams): string {
  const out = new URLSearchParams();
  if (state.client) out.set("client", state.client);
  if (state.actor) out.set("actor", state.actor);
  if (state.kind) out.set("kind", state.kind);
  if (state.page && state.page > 1) out.set("page", String(state.page));
  return out.toString();
}
