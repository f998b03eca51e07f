import { describe, expect, it } from "vitest";
import { ADMIN_NAV, adminNavFor } from "./nav";

describe("adminNavFor", () => {
  it("lists the sections that exist, in order", () => {
    expect(adminNavFor("staff").map((item) => item.label)).toEqual(["dashboard", "clients", "prospects", "projects", "tasks", "billing", "payments", "support", "team", "journal"]);
  });

  it("shows admin-only sections to admins only", () => {
    const items = ADMIN_NAV.map((item) => ({ ...item, ready: true }));
    expect(adminNavFor("admin", items).some((item) => item.label === "settings")).toBe(true);
    expect(adminNavFor("staff", items).some((item) => item.label === "settings")).toBe(false);
  });

  it("lists every section once, under /admin", () => {
    expect(new Set(ADMIN_NAV.map((item) => item.href)).size).toBe(ADMIN_NAV.length);
    expect(ADMIN_NAV.every((item) => item.href === "/admin" || item.href.startsWith("/admin/"))).toBe(true);
  });
});
