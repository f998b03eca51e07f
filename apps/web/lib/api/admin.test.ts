import { describe, expect, it } from "vitest";
import { isAdmin, normalizeTeam, staffRole } from "./admin";

describe("back-office roles", () => {
  it("reads admin and staff, nothing else", () => {
    expect(staffRole({ role: "admin" })).toBe("admin");
    expect(staffRole({ role: "staff" as "admin" })).toBe("staff");
    expect(staffRole({ role: "client" })).toBeNull();
    expect(staffRole(undefined)).toBeNull();
    expect(isAdmin({ role: "staff" as "admin" })).toBe(false);
  });
});

describe("the team answer", () => {
  const member = { id: "u1", email: "a@nourx.ci", full_name: "A", role: "admin", is_active: true, two_factor_enabled: true, last_login_at: null, created_at: "" };
  const invitation = { id: "i1", email: "b@nourx.ci", role: "staff", expires_at: "2026-12-14T00:00:00Z" };

  it("splits one mixed array into members and invitations", () => {
    expect(normalizeTeam([member, invitation])).toEqual({ members: [member], invitations: [invitation] });
  });

  it("reads an object with members and invitations", () => {
    expect(normalizeTeam({ members: [member], invitations: [invitation] })).toEqual({ members: [member], invitations: [invitation] });
    expect(normalizeTeam({ staff: [member] })).toEqual({ members: [member], invitations: [] });
  });
});
