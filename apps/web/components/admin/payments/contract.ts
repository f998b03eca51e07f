/**
 * The shapes of issue 16's payment routes as /work/handoff/api16.md writes them, by hand until
 * the API's openapi.json has them; then these become aliases of the generated types.
 */
import type { PaymentDto as GeneratedPayment, PaymentStatus as GeneratedStatus } from "@/lib/api/types";

export type PaymentSource = "cinetpay" | "offline";
export type OfflineMethod = "bank_transfer" | "cash" | "cheque" | "mobile_money";
export type ConsolePaymentStatus = GeneratedStatus | "voided";

export type OfflineDetails = {
  method: OfflineMethod;
  method_label: string;
  reference?: string | null;
  /** `YYYY-MM-DD`. */
  received_on: string;
  note?: string | null;
  proof_url?: string | null;
  proof_filename?: string | null;
};

export type ConsolePayment = Omit<GeneratedPayment, "status"> & {
  status: ConsolePaymentStatus;
  source: PaymentSource;
  offline?: OfflineDetails | null;
  voided_at?: string | null;
  void_reason?: string | null;
};

export type PaymentPage = { count: number; next?: string | null; previous?: string | null; results: ConsolePayment[] };

export type JournalNotification = {
  id: number;
  received_at: string;
  verdict: string;
  remote_addr?: string | null;
  body: string;
};

export type JournalCheck = {
  id: number;
  at: string;
  trigger: string;
  http_status?: number | null;
  code?: string | null;
  status?: string | null;
  outcome: string;
  error?: string | null;
};

export type PaymentJournal = { notifications: JournalNotification[]; checks: JournalCheck[] };

export type OfflinePaymentRequest = {
  invoice_id: string;
  amount: number;
  method: OfflineMethod;
  received_on: string;
  reference?: string;
  note?: string;
};

export type ResolveAction = "apply_to_invoice" | "refunded_outside" | "keep_flagged";
export type ResolveRequest = { action: ResolveAction; invoice_id?: string; reason: string };
