import { describe, expect, it } from "vitest";
import { asksForRating, canRateTicket } from "./ticket-rating";

const client = "c1";
const person = (role: "owner" | "member" | "viewer") => ({ role: "client", memberships: [{ client_id: client, role }] }) as never;

describe("canRateTicket", () => {
  it("lets owners and members rate a resolved or closed ticket", () => {
    expect(canRateTicket({ status: "resolved", client_id: client }, person("owner"))).toBe(true);
    expect(canRateTicket({ status: "closed", client_id: client }, person("member"))).toBe(true);
  });

  it("waits for the resolution", () => {
    expect(canRateTicket({ status: "open", client_id: client }, person("owner"))).toBe(false);
    expect(canRateTicket({ status: "pending", client_id: client }, person("owner"))).toBe(false);
  });

  it("leaves viewers, other clients' people and staff out", () => {
    expect(canRateTicket({ status: "resolved", client_id: client }, person("viewer"))).toBe(false);
    expect(canRateTicket({ status: "resolved", client_id: "other" }, person("owner"))).toBe(false);
    expect(canRateTicket({ status: "resolved", client_id: client }, { role: "admin", memberships: [] } as never)).toBe(false);
    expect(canRateTicket({ status: "resolved", client_id: client }, undefined)).toBe(false);
  });
});

describe("asksForRating", () => {
  it("reads ?noter=1", () => {
    expect(asksForRating("?noter=1")).toBe(true);
    expect(asksForRating("?x=2&noter=1")).toBe(true);
    expect(asksForRating("?noter=0")).toBe(false);
    expect(asksForRating("")).toBe(false);
  });
});
