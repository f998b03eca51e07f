import { describe, expect, it } from "vitest";
import type { Milestone, Project } from "@/lib/api/types";
import {
  byPosition,
  emptyMilestoneForm,
  milestoneBilling,
  milestoneFormSchema,
  milestoneFormValues,
  milestoneMoves,
  parseWhole,
  toMilestoneCreate,
  toMilestoneUpdate,
  type MilestoneFormValues,
} from "./milestone-schema";
import {
  emptyProjectForm,
  parseFrancs,
  projectFormSchema,
  projectFormValues,
  projectStatusChoices,
  toProjectCreate,
  toProjectUpdate,
  type ProjectFormValues,
} from "./project-schema";

const CLIENT = "0190a1b2-0000-7000-8000-000000000001";
const MANAGER = "0190a1b2-0000-7000-8000-0000000000aa";

const projectMessages = {
  clientRequired: "client",
  nameRequired: "name",
  tooLong: (max: number) => `max ${max}`,
  dueBeforeStart: "order",
  budget: "budget",
};

function projectErrors(values: Partial<ProjectFormValues>) {
  const result = projectFormSchema(projectMessages).safeParse({ ...emptyProjectForm(CLIENT), name: "Site", ...values });
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
}

describe("parseFrancs", () => {
  it("reads whole francs as people type them", () => {
    expect(parseFrancs("150000")).toBe(150000);
    expect(parseFrancs("150 000")).toBe(150000);
    expect(parseFrancs("1\u202f500\u202f000")).toBe(1500000);
    expect(parseFrancs("1.500.000")).toBe(1500000);
    expect(parseFrancs("0")).toBe(0);
    expect(parseFrancs("  ")).toBeNull();
  });

  it("refuses decimals, signs and letters", () => {
    for (const value of ["12,5", "-100", "1e6", "abc", "150 000 FCFA", "1.50"]) expect(parseFrancs(value)).toBeNaN();
  });
});

describe("project form", () => {
  it("needs a client and a name", () => {
    expect(projectErrors({ client_id: "", name: "  " })).toEqual({ client_id: "client", name: "name" });
  });

  it("wants the due date after the start date", () => {
    expect(projectErrors({ start_date: "2026-11-23", due_date: "2026-11-01" })).toEqual({ due_date: "order" });
    expect(projectErrors({ start_date: "2026-11-23", due_date: "2026-11-23" })).toEqual({});
    expect(projectErrors({ due_date: "2026-11-01" })).toEqual({});
  });

  it("takes a budget in whole francs, or none", () => {
    expect(projectErrors({ budget: "2 500 000" })).toEqual({});
    expect(projectErrors({ budget: "" })).toEqual({});
    expect(projectErrors({ budget: "2,5" })).toEqual({ budget: "budget" });
    expect(projectErrors({ budget: "-5" })).toEqual({ budget: "budget" });
  });

  it("creates with blanks as null and trimmed text", () => {
    const values = { ...emptyProjectForm(CLIENT), name: " Refonte ", description: " x ", due_date: "2026-12-31", status: "active" as const };
    expect(toProjectCreate(values)).toEqual({
      client_id: CLIENT,
      name: "Refonte",
      description: "x",
      status: "active",
      start_date: null,
      due_date: "2026-12-31",
      manager_id: null,
      budget: null,
    });
    expect(toProjectCreate({ ...values, manager_id: MANAGER, budget: "2 500 000" })).toMatchObject({ manager_id: MANAGER, budget: 2500000 });
  });

  it("starts from a project's manager and budget, and clears them with null", () => {
    const project = { ...emptyProjectForm(CLIENT), id: "p", client_name: "Akwaba", manager_id: MANAGER, budget: 2500000, status: "active" } as unknown as Project;
    const values = projectFormValues(project);
    expect(values).toMatchObject({ manager_id: MANAGER, budget: "2500000" });
    expect(toProjectUpdate({ ...values, manager_id: "", budget: "" }, project)).toMatchObject({ manager_id: null, budget: null });
  });

  it("sends the status only when it changed", () => {
    const values = { ...emptyProjectForm(CLIENT), name: "Refonte", status: "active" as const };
    expect(toProjectUpdate(values, { status: "active" })).not.toHaveProperty("status");
    expect(toProjectUpdate(values, { status: "draft" })).toMatchObject({ status: "active" });
  });

  it("offers the workflow's moves", () => {
    expect(projectStatusChoices(null)).toEqual(["draft", "active"]);
    expect(projectStatusChoices("draft")).toEqual(["draft", "active", "cancelled"]);
    expect(projectStatusChoices("on_hold")).toEqual(["on_hold", "active", "completed", "cancelled"]);
    expect(projectStatusChoices("completed")).toEqual(["completed"]);
  });
});

const milestoneMessages = { titleRequired: "title", tooLong: (max: number) => `max ${max}`, position: "position", amount: "amount", percent: "percent" };

function milestoneErrors(values: Partial<MilestoneFormValues>) {
  const result = milestoneFormSchema(milestoneMessages).safeParse({ ...emptyMilestoneForm(0), title: "Maquettes", ...values });
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
}

describe("milestone form", () => {
  it("needs a title and a whole order", () => {
    expect(milestoneErrors({ title: "", position: "1.5" })).toEqual({ title: "title", position: "position" });
    expect(parseWhole("")).toBeNull();
    expect(parseWhole("-1")).toBeNaN();
  });

  it("bills an amount above zero, or a percentage from 1 to 100, only for the mode chosen", () => {
    expect(milestoneErrors({ billing: "amount", amount: "" })).toEqual({ amount: "amount" });
    expect(milestoneErrors({ billing: "amount", amount: "0" })).toEqual({ amount: "amount" });
    expect(milestoneErrors({ billing: "amount", amount: "450 000" })).toEqual({});
    expect(milestoneErrors({ billing: "percent", quote_percent: "0" })).toEqual({ quote_percent: "percent" });
    expect(milestoneErrors({ billing: "percent", quote_percent: "101" })).toEqual({ quote_percent: "percent" });
    expect(milestoneErrors({ billing: "percent", quote_percent: "30" })).toEqual({});
    // What the other mode holds is ignored (and not sent).
    expect(milestoneErrors({ billing: "none", amount: "abc", quote_percent: "500" })).toEqual({});
  });

  it("sends one of amount and percentage, never both", () => {
    const values = { ...emptyMilestoneForm(2), title: "Recette", amount: "450 000", quote_percent: "30" };
    expect(milestoneBilling({ ...values, billing: "amount" })).toEqual({ amount: 450000, quote_percent: null });
    expect(milestoneBilling({ ...values, billing: "percent" })).toEqual({ amount: null, quote_percent: 30 });
    expect(milestoneBilling({ ...values, billing: "none" })).toEqual({ amount: null, quote_percent: null });
  });

  it("writes blanks as null, the order when given, and clears billing with two nulls", () => {
    const values = { ...emptyMilestoneForm(3), title: " Recette " };
    expect(toMilestoneCreate(values, CLIENT)).toEqual({
      project_id: CLIENT,
      title: "Recette",
      description: "",
      due_date: null,
      position: 3,
      amount: null,
      quote_percent: null,
    });
    expect(toMilestoneCreate({ ...values, position: "" }, CLIENT)).not.toHaveProperty("position");
    expect(toMilestoneUpdate({ ...values, due_date: "2026-11-23", billing: "amount", amount: "450 000" })).toEqual({
      title: "Recette",
      description: "",
      due_date: "2026-11-23",
      position: 3,
      amount: 450000,
      quote_percent: null,
    });
  });

  it("keeps positions within the API's 0–10 000", () => {
    expect(milestoneErrors({ position: "10000" })).toEqual({});
    expect(milestoneErrors({ position: "10001" })).toEqual({ position: "position" });
    expect(milestoneErrors({ position: "" })).toEqual({});
  });

  it("starts from a milestone's order and billing", () => {
    const milestone = { title: "Bêta", description: "", due_date: null, position: 4, amount: null, quote_percent: 30 } as unknown as Milestone;
    expect(milestoneFormValues(milestone)).toMatchObject({ position: "4", billing: "percent", quote_percent: "30", amount: "" });
    expect(milestoneFormValues({ ...milestone, amount: 450000, quote_percent: null })).toMatchObject({ billing: "amount", amount: "450000" });
  });

  it("orders milestones by position, then date", () => {
    const m = (title: string, position: number, due_date: string | null) => ({ title, position, due_date });
    expect(byPosition([m("c", 1, null), m("b", 0, "2026-12-01"), m("a", 0, "2026-11-01")]).map((x) => x.title)).toEqual(["a", "b", "c"]);
  });

  it("offers staff the workflow's moves, never the client's approval", () => {
    expect(milestoneMoves("in_progress")).toEqual(["awaiting_approval", "done", "late"]);
    expect(milestoneMoves("awaiting_approval")).toEqual(["in_progress"]);
    expect(milestoneMoves("done")).toEqual([]);
  });
});
