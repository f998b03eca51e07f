/**
 * The project form's rules, the same as the API's (crates/api/src/projects/dto.rs): a client and
 * a name, lengths, a due date after the start date, a budget in whole francs. The API checks again
 * and its 400s land on the same fields.
 */
import { enum as zEnum, maxLength, minLength, object, refine, string, trim } from "zod/mini";
import type { infer as ZodInfer } from "zod/mini";
import type { components } from "@/lib/api/schema";
import type { Project, ProjectStatus } from "@/lib/api/types";
import { PROJECT_STATUSES } from "@/lib/api/types";
import { isUuid } from "./list-state";

type Schemas = components["schemas"];
export type ProjectCreate = Schemas["CreateProjectRequest"];
export type ProjectUpdate = Schemas["UpdateProjectRequest"];

export const PROJECT_FIELDS = ["client_id", "name", "description", "start_date", "due_date", "manager_id", "budget", "status"] as const;

/** The largest amount the forms take, in francs (a bigint column, but no project costs more). */
export const MAX_XOF = 100_000_000_000;

/** The messages the rules show, from `admin.projects` (`form.errors`). */
export type ProjectFormMessages = {
  clientRequired: string;
  nameRequired: string;
  tooLong: (max: number) => string;
  dueBeforeStart: string;
  budget: string;
};

/**
 * `"150 000"`, `"150000"`, `"150.000"` → 150000: whole francs as people type them, with spaces,
 * dots or commas between thousands. Blank → null; anything else (decimals, letters, negatives) → NaN.
 */
export function parseFrancs(value: string): number | null {
  const compact = value.replace(/[\s\u00a0\u202f]/g, "");
  if (compact === "") return null;
  if (!/^\d{1,3}([.,]?\d{3})*$/.test(compact) && !/^\d+$/.test(compact)) return Number.NaN;
  return Number(compact.replace(/[.,]/g, ""));
}

/** A budget as the form starts with it: the number without grouping (the input formats nothing). */
export function francsText(amount: number | null | undefined): string {
  return amount === null || amount === undefined ? "" : String(amount);
}

function validFrancs(value: string, { allowZero }: { allowZero: boolean }): boolean {
  const amount = parseFrancs(value);
  if (amount === null) return true;
  return Number.isSafeInteger(amount) && amount <= MAX_XOF && (allowZero ? amount >= 0 : amount > 0);
}

export function projectFormSchema(messages: ProjectFormMessages) {
  return object({
    client_id: string().check(refine((value) => isUuid(value), messages.clientRequired)),
    name: string().check(trim(), minLength(1, messages.nameRequired), maxLength(200, messages.tooLong(200))),
    description: string().check(trim(), maxLength(10_000, messages.tooLong(10_000))),
    start_date: string(),
    due_date: string(),
    manager_id: string().check(refine((value) => value === "" || isUuid(value))),
    budget: string().check(refine((value) => validFrancs(value, { allowZero: true }), messages.budget)),
    status: zEnum(PROJECT_STATUSES as [ProjectStatus, ...ProjectStatus[]]),
  }).check(
    refine((values) => !values.start_date || !values.due_date || values.due_date >= values.start_date, {
      message: messages.dueBeforeStart,
      path: ["due_date"],
    }),
  );
}

export type ProjectFormValues = ZodInfer<ReturnType<typeof projectFormSchema>>;

export function emptyProjectForm(clientId = ""): ProjectFormValues {
  return { client_id: clientId, name: "", description: "", start_date: "", due_date: "", manager_id: "", budget: "", status: "draft" };
}

/** A project as the form's starting values. */
export function projectFormValues(project: Project): ProjectFormValues {
  return {
    client_id: project.client_id,
    name: project.name,
    description: project.description,
    start_date: project.start_date ?? "",
    due_date: project.due_date ?? "",
    manager_id: project.manager_id ?? "",
    budget: francsText(project.budget),
    status: project.status,
  };
}

const day = (value: string) => (value === "" ? null : value);

/** The form's values as `POST /api/projects/` takes them. */
export function toProjectCreate(values: ProjectFormValues): ProjectCreate {
  return {
    client_id: values.client_id,
    name: values.name.trim(),
    description: values.description.trim(),
    status: values.status,
    start_date: day(values.start_date),
    due_date: day(values.due_date),
    manager_id: values.manager_id || null,
    budget: parseFrancs(values.budget),
  };
}

/**
 * The form's values as `PATCH /api/projects/{id}/` takes them. The status goes only when it
 * changed: the API refuses a move to the status a project is already in.
 */
export function toProjectUpdate(values: ProjectFormValues, project: Pick<Project, "status">): ProjectUpdate {
  return {
    name: values.name.trim(),
    description: values.description.trim(),
    start_date: day(values.start_date),
    due_date: day(values.due_date),
    manager_id: values.manager_id || null,
    budget: parseFrancs(values.budget),
    ...(values.status !== project.status ? { status: values.status } : {}),
  };
}

/** The statuses a project may move to (crates/domain/src/workflow.rs), its own first. */
const PROJECT_MOVES: Record<ProjectStatus, ProjectStatus[]> = {
  draft: ["active", "cancelled"],
  active: ["on_hold", "completed", "cancelled"],
  on_hold: ["active", "completed", "cancelled"],
  completed: [],
  cancelled: [],
};

/** What the status menu offers: a new project starts as a draft or active; an existing one follows the workflow. */
export function projectStatusChoices(current: ProjectStatus | null): ProjectStatus[] {
  if (current === null) return ["draft", "active"];
  return [current, ...PROJECT_MOVES[current]];
}
