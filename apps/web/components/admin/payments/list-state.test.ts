import { describe, expect, it } from "vitest";
import {
  DEFAULT_PAYMENT_LIST,
  activePaymentChips,
  badAmountRange,
  clearedChip,
  methodsFor,
  pageCount,
  paymentListParams,
  paymentListSearch,
  readPaymentListState,
  toggleFlagged,
  withPaymentListChange,
  withPendingFor,
} from "./list-state";

const read = (search: string) => readPaymentListState(new URLSearchParams(search));
const CLIENT = "0190a1b2-0000-7000-8000-000000000001";

describe("payments console state in the address", () => {
  it("reads an empty address as the defaults, and writes the defaults as nothing", () => {
    expect(read("")).toEqual(DEFAULT_PAYMENT_LIST);
    expect(paymentListSearch(DEFAULT_PAYMENT_LIST)).toBe("");
  });

  it("round-trips every filter of the contract", () => {
    const search =
      `status=pending&source=cinetpay&channel=MOBILE_MONEY&method=OM&client=${CLIENT}` +
      "&date_from=2026-11-01&date_to=2026-11-30&amount_min=1000&amount_max=500000&pending_for=30&page=2";
    const state = read(search);
    expect(state).toEqual({
      status: "pending",
      source: "cinetpay",
      channel: "MOBILE_MONEY",
      method: "OM",
      client: CLIENT,
      date_from: "2026-11-01",
      date_to: "2026-11-30",
      amount_min: 1000,
      amount_max: 500000,
      pending_for: 30,
      page: 2,
    });
    expect(paymentListSearch(state)).toBe(search);
    expect(paymentListParams(state)).toEqual({ ...state, page: 2, page_size: 25 });
  });

  it("reads the dashboard's links: from, to and the operator's key", () => {
    expect(read("status=accepted&operator=orange_money&from=2026-03-01&to=2026-03-31")).toEqual({
      ...DEFAULT_PAYMENT_LIST,
      status: "accepted",
      method: "OM",
      date_from: "2026-03-01",
      date_to: "2026-03-31",
    });
    expect(read("operator=wave").method).toBe("WAVECI");
    expect(read("operator=other").method).toBe("");
    expect(read("channel=mobile_money")).toMatchObject({ channel: "MOBILE_MONEY", method: "" });
    expect(read("channel=card").channel).toBe("CREDIT_CARD");
    expect(read("channel=cheque")).toMatchObject({ channel: "", method: "cheque" });
    expect(read("channel=other")).toEqual(DEFAULT_PAYMENT_LIST);
    // The API's own name wins over the dashboard's.
    expect(read("date_from=2026-01-01&from=2026-03-01").date_from).toBe("2026-01-01");
  });

  it("drops what makes no sense instead of sending it to the API", () => {
    const state = read("status=paid&source=cash&channel=mobile&method=OM%20OR%201&client=nope&date_from=2026-02-31&amount_min=-5&amount_max=1e6&pending_for=0&page=-1");
    expect(state).toEqual(DEFAULT_PAYMENT_LIST);
    expect(read("pending_for=999999").pending_for).toBe(0);
    expect(read("pending_for=12.5").pending_for).toBe(0);
    expect(read(`client=${CLIENT.toUpperCase()}`).client).toBe(CLIENT);
  });

  it("keeps an amount of zero as a filter", () => {
    const state = read("amount_min=0");
    expect(state.amount_min).toBe(0);
    expect(paymentListSearch(state)).toBe("amount_min=0");
    expect(paymentListParams(state)).toEqual({ amount_min: 0, page: 1, page_size: 25 });
    expect(activePaymentChips(state)).toEqual(["amount_min"]);
  });

  it("sends only the filters in use", () => {
    expect(paymentListParams(read("source=offline"))).toEqual({ source: "offline", page: 1, page_size: 25 });
  });

  it("goes back to the first page when a filter changes, not when the page does", () => {
    const state = read("source=offline&page=3");
    expect(withPaymentListChange(state, { channel: "CREDIT_CARD" }).page).toBe(1);
    expect(withPaymentListChange(state, { page: 4 }).page).toBe(4);
  });

  it("lists the chips in use in a stable order, and clears each one", () => {
    const state = read(`client=${CLIENT}&status=flagged&amount_max=10&source=offline`);
    expect(activePaymentChips(state)).toEqual(["status", "source", "client", "amount_max"]);
    expect(withPaymentListChange(state, clearedChip("amount_max")).amount_max).toBeNull();
    expect(withPaymentListChange(state, clearedChip("client")).client).toBe("");
  });
});

describe("quick filters", () => {
  it("toggles the flagged payments", () => {
    expect(toggleFlagged(DEFAULT_PAYMENT_LIST)).toEqual({ status: "flagged", pending_for: 0 });
    expect(toggleFlagged({ ...DEFAULT_PAYMENT_LIST, status: "flagged" })).toEqual({ status: "" });
  });

  it("asks for open payments waiting too long, dropping a status they cannot have", () => {
    expect(withPendingFor(DEFAULT_PAYMENT_LIST, 15)).toEqual({ pending_for: 15 });
    expect(withPendingFor({ ...DEFAULT_PAYMENT_LIST, status: "pending" }, 60)).toEqual({ pending_for: 60 });
    expect(withPendingFor({ ...DEFAULT_PAYMENT_LIST, status: "accepted" }, 15)).toEqual({ pending_for: 15, status: "" });
    expect(withPendingFor({ ...DEFAULT_PAYMENT_LIST, pending_for: 15 }, 0)).toEqual({ pending_for: 0 });
  });
});

describe("helpers", () => {
  it("offers each source's methods", () => {
    expect(methodsFor("offline")).toEqual(["bank_transfer", "cash", "cheque", "mobile_money"]);
    expect(methodsFor("cinetpay")).toContain("WAVECI");
    expect(methodsFor("")).toHaveLength(9);
  });

  it("finds an upside-down amount range", () => {
    expect(badAmountRange(10, 5)).toBe(true);
    expect(badAmountRange(5, 5)).toBe(false);
    expect(badAmountRange(null, 5)).toBe(false);
  });

  it("counts pages", () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(26)).toBe(2);
  });
});
