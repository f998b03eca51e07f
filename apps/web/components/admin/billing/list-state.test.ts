import { describe, expect, it } from "vitest";
import {
  DEFAULT_INVOICE_LIST,
  activeChips,
  invoiceExportHref,
  invoiceFilterParams,
  invoiceListParams,
  invoiceListSearch,
  isBadAmountRange,
  isIsoDay,
  parseAmount,
  pageCount,
  readInvoiceListState,
  withInvoiceListChange,
  withoutFilters,
} from "./list-state";

const read = (search: string) => readInvoiceListState(new URLSearchParams(search));
const CLIENT = "0190a1b2-0000-7000-8000-000000000001";
const PROJECT = "0190a1b2-0000-7000-8000-0000000000bb";

describe("staff invoice list state in the address", () => {
  it("reads an empty address as the defaults, and writes the defaults as nothing", () => {
    expect(read("")).toEqual(DEFAULT_INVOICE_LIST);
    expect(invoiceListSearch(DEFAULT_INVOICE_LIST)).toBe("");
  });

  it("round-trips every parameter of the contract", () => {
    const search =
      `status=overdue&client=${CLIENT}&project=${PROJECT}&search=FA-2026&issued_after=2026-01-01&issued_before=2026-03-31` +
      "&due_after=2026-02-01&due_before=2026-04-30&amount_min=100000&amount_max=500000&ordering=-total_ttc&page=3";
    const state = read(search);
    expect(state).toEqual({
      status: "overdue",
      client: CLIENT,
      project: PROJECT,
      search: "FA-2026",
      issued_after: "2026-01-01",
      issued_before: "2026-03-31",
      due_after: "2026-02-01",
      due_before: "2026-04-30",
      amount_min: "100000",
      amount_max: "500000",
      ordering: "-total_ttc",
      page: 3,
    });
    expect(invoiceListSearch(state)).toBe(search);
  });

  it("reads the dashboard's links", () => {
    expect(read("status=overdue")).toEqual({ ...DEFAULT_INVOICE_LIST, status: "overdue" });
    expect(read("status=unpaid&ordering=due_date")).toMatchObject({ status: "unpaid", ordering: "due_date" });
  });

  it("accepts every status and every ordering field in both directions", () => {
    for (const status of ["draft", "sent", "partially_paid", "paid", "cancelled", "credited", "overdue", "unpaid"]) {
      expect(read(`status=${status}`).status).toBe(status);
    }
    for (const field of ["created_at", "issue_date", "due_date", "number", "total_ttc", "status"]) {
      expect(read(`ordering=${field}`).ordering).toBe(field);
      expect(read(`ordering=-${field}`).ordering).toBe(`-${field}`);
    }
  });

  it("drops what makes no sense instead of sending it to the API", () => {
    const state = read("status=deleted&client=awa&project=x&ordering=password&page=-2&issued_after=2026-02-31&due_before=23/11/2026&ordering=--total_ttc");
    expect(state).toEqual(DEFAULT_INVOICE_LIST);
  });

  it("reads amount ranges as whole amounts, and drops a backwards or unreadable one", () => {
    expect(read("amount_min=0").amount_min).toBe("0");
    expect(read("amount_min=007500").amount_min).toBe("7500");
    expect(read("amount_max=150000").amount_max).toBe("150000");
    expect(read("amount_min=12.5&amount_max=-3")).toMatchObject({ amount_min: "", amount_max: "" });
    expect(read("amount_min=1e6").amount_min).toBe("");
    expect(read(`amount_max=${"9".repeat(13)}`).amount_max).toBe("");
    expect(read("amount_min=500000&amount_max=100000")).toMatchObject({ amount_min: "", amount_max: "" });
    expect(read("amount_min=100000&amount_max=100000")).toMatchObject({ amount_min: "100000", amount_max: "100000" });
  });

  it("reads an amount as staff type it", () => {
    expect(parseAmount("150 000")).toBe("150000");
    expect(parseAmount("150\u202f000 FCFA")).toBe("150000");
    expect(parseAmount("1.500.000")).toBe("1500000");
    expect(parseAmount(" 0 ")).toBe("0");
    expect(parseAmount("12,5")).toBe("");
    expect(parseAmount("-5")).toBe("");
    expect(parseAmount("")).toBe("");
    expect(isBadAmountRange("500", "100")).toBe(true);
    expect(isBadAmountRange("100", "")).toBe(false);
    expect(isBadAmountRange("100", "100")).toBe(false);
  });

  it("trims and bounds the search", () => {
    expect(read("search=%20%20FA-0012%20").search).toBe("FA-0012");
    expect(read(`search=${"x".repeat(150)}`).search).toHaveLength(100);
  });

  it("goes back to page 1 when a filter or the sort changes, keeps the rest when the page changes", () => {
    const state = read("status=paid&page=4");
    expect(withInvoiceListChange(state, { due_after: "2026-01-01" }).page).toBe(1);
    expect(withInvoiceListChange(state, { ordering: "-total_ttc" }).page).toBe(1);
    expect(withInvoiceListChange(state, { page: 5 })).toEqual({ ...state, page: 5 });
  });

  it("builds the API query with the same names, only those in use", () => {
    expect(invoiceListParams(read(`status=overdue&client=${CLIENT}&issued_after=2026-01-01&ordering=-total_ttc`))).toEqual({
      status: "overdue",
      client: CLIENT,
      issued_after: "2026-01-01",
      ordering: "-total_ttc",
      page: 1,
      page_size: 25,
    });
    expect(invoiceListParams(DEFAULT_INVOICE_LIST)).toEqual({ ordering: "-issue_date", page: 1, page_size: 25 });
    expect(invoiceListParams(read("amount_min=100000&amount_max=250000"))).toMatchObject({ amount_min: 100000, amount_max: 250000 });
  });

  it("gives the totals and the export the list's filters, without its page", () => {
    const state = read(`status=unpaid&client=${CLIENT}&amount_min=100000&ordering=-total_ttc&page=4`);
    expect(invoiceFilterParams(state)).toEqual({ status: "unpaid", client: CLIENT, amount_min: 100000 });
    expect(invoiceFilterParams(DEFAULT_INVOICE_LIST)).toEqual({});
    expect(invoiceExportHref(state, "invoices")).toBe(`/api/admin/invoices/export/?status=unpaid&client=${CLIENT}&amount_min=100000&ordering=-total_ttc`);
    expect(invoiceExportHref(state, "lines")).toBe(
      `/api/admin/invoices/export/?status=unpaid&client=${CLIENT}&amount_min=100000&ordering=-total_ttc&layout=lines`,
    );
    expect(invoiceExportHref(DEFAULT_INVOICE_LIST, "invoices")).toBe("/api/admin/invoices/export/");
  });

  it("lists the filters in use as chips, without search, sort or page", () => {
    expect(activeChips(read(`due_before=2026-04-30&search=x&status=paid&client=${CLIENT}&page=2`))).toEqual(["status", "client", "due_before"]);
    expect(activeChips(read(`project=${PROJECT}`))).toEqual(["project"]);
    expect(activeChips(read("amount_max=9000&amount_min=10"))).toEqual(["amount_min", "amount_max"]);
    expect(activeChips(read("search=x&ordering=number"))).toEqual([]);
  });

  it("clears every filter but keeps the sort", () => {
    expect(withoutFilters(read("status=paid&search=x&ordering=number&page=3"))).toEqual({ ...DEFAULT_INVOICE_LIST, ordering: "number" });
  });

  it("knows real calendar days", () => {
    expect(isIsoDay("2028-02-29")).toBe(true);
    expect(isIsoDay("2026-02-29")).toBe(false);
    expect(isIsoDay("2026-1-01")).toBe(false);
  });

  it("counts pages, at least one", () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(25)).toBe(1);
    expect(pageCount(26)).toBe(2);
  });
});
