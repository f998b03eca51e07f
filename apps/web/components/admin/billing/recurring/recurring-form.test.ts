import { describe, expect, it } from "vitest";
import {
  newRecurringValues,
  parseDueDays,
  readRecurringListState,
  recurringFieldErrors,
  recurringFormValues,
  recurringListParams,
  recurringListSearch,
  recurringPath,
  statusActions,
  toRecurringRequest,
  type Recurring,
} from "./recurring-form";

const CLIENT = "0b7c1f3e-2a4d-4e8f-9a6b-1c2d3e4f5a6b";

const template: Recurring = {
  id: "11111111-2222-4333-8444-555555555555",
  client_id: CLIENT,
  client_name: "Akwaba Digital",
  project_id: null,
  title: "Maintenance",
  currency: "XOF",
  notes: "",
  payment_terms: "30 jours",
  discount: "5.00",
  items: [
    { label: "Maintenance", description: "", quantity: "1.00", unit_price: 50000, tax_rate: "18.00", discount: "0.00" },
    { label: "Hébergement", description: "VPS", quantity: "2.00", unit_price: 10000, tax_rate: "0.00", discount: "10.00" },
  ],
  total_ttc: 80000,
  rhythm: "quarterly",
  start_date: "2026-12-10",
  end_date: null,
  due_days: 15,
  next_date: "2026-12-10",
  status: "active",
  periods_done: 0,
  last_invoice_id: null,
  created_at: "2026-12-07T10:00:00Z",
};

describe("recurring template form", () => {
  it("reads due days from 0 to 365, blank being 30", () => {
    expect(parseDueDays("")).toBe(30);
    expect(parseDueDays(" 0 ")).toBe(0);
    expect(parseDueDays("365")).toBe(365);
    expect(parseDueDays("366")).toBeUndefined();
    expect(parseDueDays("-1")).toBeUndefined();
    expect(parseDueDays("1.5")).toBeUndefined();
  });

  it("starts a new template monthly from today, without an end", () => {
    const values = newRecurringValues({ taxRate: "18.00", paymentTerms: "À réception", clientId: CLIENT }, "2026-12-07");
    expect(values).toMatchObject({ client_id: CLIENT, rhythm: "monthly", issue_date: "2026-12-07", end_date: "", due_days: "30", payment_terms: "À réception" });
    expect(values.lines).toHaveLength(1);
  });

  it("round-trips a saved template through the form to the API's request", () => {
    const values = recurringFormValues(template);
    expect(values.lines.map((line) => [line.label, line.quantity, line.discount])).toEqual([
      ["Maintenance", "1", ""],
      ["Hébergement", "2", "10"],
    ]);
    expect(values).toMatchObject({ discount: "5", rhythm: "quarterly", due_days: "15", issue_date: "2026-12-10", end_date: "" });
    const request = toRecurringRequest({ ...values, end_date: "2027-12-31", lines: [...values.lines, { ...values.lines[0], label: "", unit_price: "", quantity: "1", discount: "" }] });
    expect(request).toMatchObject({ client_id: CLIENT, project_id: null, rhythm: "quarterly", start_date: "2026-12-10", end_date: "2027-12-31", due_days: 15, discount: "5" });
    expect(request.items).toHaveLength(2);
    expect(request.items[1]).toMatchObject({ label: "Hébergement", quantity: "2", unit_price: 10000, tax_rate: "0", discount: "10" });
  });

  it("names the API's date errors as the editor's fields", () => {
    expect(recurringFieldErrors({ start_date: ["a"], end_date: ["b"], "items[0].label": ["c"] })).toEqual({ issue_date: ["a"], due_date: ["b"], "items[0].label": ["c"] });
  });

  it("offers pause and stop while active, resume and stop while paused, nothing once over", () => {
    expect(statusActions("active")).toEqual(["paused", "stopped"]);
    expect(statusActions("paused")).toEqual(["active", "stopped"]);
    expect(statusActions("stopped")).toEqual([]);
    expect(statusActions("finished")).toEqual([]);
  });
});

describe("recurring list state", () => {
  it("keeps a known status, a client's uuid and a page, drops the rest", () => {
    const state = readRecurringListState(new URLSearchParams(`status=paused&client=${CLIENT.toUpperCase()}&page=3`));
    expect(state).toEqual({ status: "paused", client: CLIENT, page: 3 });
    expect(readRecurringListState(new URLSearchParams("status=draft&client=x&page=-2"))).toEqual({ status: "", client: "", page: 1 });
    expect(recurringListSearch(state)).toBe(`status=paused&client=${CLIENT}&page=3`);
    expect(recurringListSearch({ status: "", client: "", page: 1 })).toBe("");
    expect(recurringListParams({ status: "", client: CLIENT, page: 1 })).toEqual({ page: 1, client: CLIENT });
  });

  it("addresses the list's pages", () => {
    expect(recurringPath()).toBe("/admin/facturation/recurrentes/nouvelle");
    expect(recurringPath("abc")).toBe("/admin/facturation/recurrentes/abc");
  });
});
