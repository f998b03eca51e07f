import { describe, expect, it } from "vitest";
import { landingAfterJoining } from "./landing";
import { isStaff } from "./roles";

describe("roles", () => {
  it("knows NOURX staff from clients", () => {
    expect(isStaff("admin")).toBe(true);
    expect(isStaff("staff")).toBe(true);
    expect(isStaff("client")).toBe(false);
    expect(isStaff(undefined)).toBe(false);
  });

  it("sends new staff through two-factor enrolment to the back-office, clients to their portal", () => {
    expect(landingAfterJoining({ role: "staff", two_factor: { enabled: false } })).toBe("/double-authentification?next=%2Fadmin");
    expect(landingAfterJoining({ role: "admin", two_factor: { enabled: true } })).toBe("/admin");
    expect(landingAfterJoining({ role: "client", two_factor: { enabled: false } })).toBe("/");
  });
});
