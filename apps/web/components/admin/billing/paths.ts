import type { DocumentKind } from "./editor/document-form";

export const INVOICES_PATH = "/admin/facturation/factures";
export const QUOTES_PATH = "/admin/facturation/devis";
export const RECURRING_PATH = "/admin/facturation/recurrentes";

export function listPath(kind: DocumentKind): string {
  return kind === "invoice" ? INVOICES_PATH : QUOTES_PATH;
}

export function documentPath(kind: DocumentKind, id: string): string {
  return `${listPath(kind)}/${id}`;
}

export function editPath(kind: DocumentKind, id: string): string {
  return `${documentPath(kind, id)}/modifier`;
}

/** `/admin/facturation/factures/nouvelle?client=…&projet=…` */
export function newPath(kind: DocumentKind, prefill: { client?: string | null; project?: string | null } = {}): string {
  const search = new URLSearchParams();
  if (prefill.client) search.set("client", prefill.client);
  if (prefill.project) search.set("projet", prefill.project);
  const query = search.toString();
  return `${listPath(kind)}/${kind === "invoice" ? "nouvelle" : "nouveau"}${query ? `?${query}` : ""}`;
}
