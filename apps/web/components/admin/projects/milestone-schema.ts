/**
 * The milestone editor's rules, the same as the API's: a title, lengths, an order from 0, and at
 * most one way to bill on approval — an amount in whole francs (HT) or a percentage (1–100) of the
 * project's accepted quote. The API checks again and its 400s land on the same fields.
 */
import { enum as zEnum, maxLength, minLength, object, refine, string, trim } from "zod/mini";
import type { infer as ZodInfer } from "zod/mini";
import type { components } from "@/lib/api/schema";
import type { Milestone, MilestoneStatus } from "@/lib/api/types";
import { MAX_XOF, parseFrancs } from "./project-schema";

type Schemas = components["schemas"];
export type MilestoneCreate = Schemas["CreateMilestoneRequest"];
export type MilestoneUpdate = Schemas["UpdateMilestoneRequest"];

export const MILESTONE_FIELDS = ["title", "description", "due_date", "position", "billing", "amount", "quote_percent"] as const;

/** How a milestone bills when the client approves it. */
export const BILLING_MODES = ["none", "amount", "percent"] as const;
export type BillingMode = (typeof BILLING_MODES)[number];

export type MilestoneFormMessages = {
  titleRequired: string;
  tooLong: (max: number) => string;
  position: string;
  amount: string;
  percent: string;
};

/** The API's highest position. */
export const MAX_POSITION = 10_000;

/** `"3"` → 3; blank → null; anything but a whole number from 0 → NaN. */
export function parseWhole(value: string): number | null {
  const trimmed = value.trim();
  if (trimmed === "") return null;
  return /^\d{1,6}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

export function milestoneFormSchema(messages: MilestoneFormMessages) {
  return object({
    title: string().check(trim(), minLength(1, messages.titleRequired), maxLength(200, messages.tooLong(200))),
    description: string().check(trim(), maxLength(10_000, messages.tooLong(10_000))),
    due_date: string(),
    position: string().check(
      refine((value) => {
        const position = parseWhole(value);
        return position === null || (!Number.isNaN(position) && position <= MAX_POSITION);
      }, messages.position),
    ),
    billing: zEnum(BILLING_MODES),
    amount: string(),
    quote_percent: string(),
  }).check(
    refine(
      (values) => {
        if (values.billing !== "amount") return true;
        const amount = parseFrancs(values.amount);
        return amount !== null && Number.isSafeInteger(amount) && amount > 0 && amount <= MAX_XOF;
      },
      { message: messages.amount, path: ["amount"] },
    ),
    refine(
      (values) => {
        if (values.billing !== "percent") return true;
        const percent = parseWhole(values.quote_percent);
        return percent !== null && percent >= 1 && percent <= 100;
      },
      { message: messages.percent, path: ["quote_percent"] },
    ),
  );
}

export type MilestoneFormValues = ZodInfer<ReturnType<typeof milestoneFormSchema>>;

/** A new milestone's values: it goes after the last one. */
export function emptyMilestoneForm(position: number): MilestoneFormValues {
  return { title: "", description: "", due_date: "", position: String(position), billing: "none", amount: "", quote_percent: "" };
}

/** A milestone as the editor's starting values. */
export function milestoneFormValues(milestone: Milestone): MilestoneFormValues {
  const amount = milestone.amount ?? null;
  const percent = milestone.quote_percent ?? null;
  return {
    title: milestone.title,
    description: milestone.description,
    due_date: milestone.due_date ?? "",
    position: String(milestone.position),
    billing: amount !== null ? "amount" : percent !== null ? "percent" : "none",
    amount: amount === null ? "" : String(amount),
    quote_percent: percent === null ? "" : String(percent),
  };
}

/** What a milestone bills on approval, from the form: one of the two, or neither. */
export function milestoneBilling(values: MilestoneFormValues): { amount: number | null; quote_percent: number | null } {
  if (values.billing === "amount") return { amount: parseFrancs(values.amount), quote_percent: null };
  if (values.billing === "percent") return { amount: null, quote_percent: parseWhole(values.quote_percent) };
  return { amount: null, quote_percent: null };
}

/** A new milestone; without an order it goes after the project's last one. */
export function toMilestoneCreate(values: MilestoneFormValues, projectId: string): MilestoneCreate {
  const position = parseWhole(values.position);
  return {
    project_id: projectId,
    title: values.title.trim(),
    description: values.description.trim(),
    due_date: values.due_date === "" ? null : values.due_date,
    ...(position === null ? {} : { position }),
    ...milestoneBilling(values),
  };
}

/** The changes: `null` for both billing fields bills nothing. */
export function toMilestoneUpdate(values: MilestoneFormValues): MilestoneUpdate {
  const position = parseWhole(values.position);
  return {
    title: values.title.trim(),
    description: values.description.trim(),
    due_date: values.due_date === "" ? null : values.due_date,
    ...(position === null ? {} : { position }),
    ...milestoneBilling(values),
  };
}

/**
 * The moves staff make from the editor (crates/domain/src/workflow.rs), the one to offer
 * first leading. "Done" after "awaiting approval" is the client's approval only, never staff's; staff
 * can only withdraw the request (back to in progress).
 */
const MILESTONE_MOVES: Record<MilestoneStatus, MilestoneStatus[]> = {
  planned: ["in_progress", "late"],
  in_progress: ["awaiting_approval", "done", "late"],
  late: ["awaiting_approval", "in_progress", "done"],
  awaiting_approval: ["in_progress"],
  done: [],
};

export function milestoneMoves(status: MilestoneStatus): MilestoneStatus[] {
  return MILESTONE_MOVES[status] ?? [];
}

/** Milestones in the project's order (position, then date, then title). */
export function byPosition<T extends Pick<Milestone, "position" | "due_date" | "title">>(milestones: T[]): T[] {
  return [...milestones].sort(
    (a, b) => a.position - b.position || (a.due_date ?? "9999").localeCompare(b.due_date ?? "9999") || a.title.localeCompare(b.title),
  );
}
