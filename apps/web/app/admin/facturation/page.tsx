import { redirect } from "next/navigation";

/** The billing desk opens on its invoices. */
export default function AdminBillingPage() {
  redirect("/admin/facturation/factures");
}
