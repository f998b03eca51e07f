import { describe, expect, it } from "vitest";
import { ADMIN_NAV, adminNavFor } from "./nav";

describe("adminNavFor", () => {
  it("lists the sections that exist, in order", () => {
    expect(adminNavFor("staff").map((item) => item.label)).toEqual(["dashboard", "clients", "team", "journal"]);
  });

  it("shows admin-only sections to admins only", () => {
    const items = ADMIN_NAV.map((item) => ({ ...item, ready: true }));
    expect(adminNavFor("admin", items).some((item) => item.label === "settings")).toBe(true);
    expect(adminNavFor("staff", items).some((item) => item.label === "settings")).toBe(false);
  });

  it("marks the dashboard current only on /admin itself", () => {
    const dashboard = ADMIN_NAV[0];
    expect(dashboard.match("/admin")).toBe(true);
    expect(dashboard.match("/admin/clients")).toBe(false);
    const clients = ADMIN_NAV[1];
    expect(clients.match("/admin/clients/42")).toBe(true);
    expect(clients.match("/admin/clientsx")).toBe(false);
  });
});
