import { describe, expect, it } from "vitest";
import { isActivityKind, isAdmin, staffRole } from "./admin";

describe("back-office roles", () => {
  it("reads admin and staff, nothing else", () => {
    expect(staffRole({ role: "admin" })).toBe("admin");
    expect(staffRole({ role: "staff" as "admin" })).toBe("staff");
    expect(staffRole({ role: "client" })).toBeNull();
    expect(staffRole(undefined)).toBeNull();
    expect(isAdmin({ role: "staff" as "admin" })).toBe(false);
  });
});

describe("activity kinds", () => {
  it("knows the kinds the journal names, nothing else", () => {
    expect(isActivityKind("billing")).toBe(true);
    expect(isActivityKind("accounts")).toBe(true);
    expect(isActivityKind("weather")).toBe(false);
    expect(isActivityKind("")).toBe(false);
  });
});
