import { describe, expect, it } from "vitest";
import { ADMIN_NAV } from "@/components/admin/shell/nav";
import { abidjanToday, ageingDueDates, dashboardLinks, daysBefore, sectionReady } from "./links";

/** The sidebar's sections with billing ready, as the billing issue leaves them (the flag, not a copy of it). */
const withBilling = ADMIN_NAV.map((item) => (item.label === "billing" ? { ...item, ready: true } : item));
const TODAY = "2026-03-15";
const links = dashboardLinks({ today: TODAY, nav: withBilling });
const range = { from: "2026-03-01", to: "2026-03-31" };

describe("sectionReady", () => {
  it("follows the sidebar's flags, section by section", () => {
    for (const item of ADMIN_NAV) {
      expect(sectionReady(item.href), item.href).toBe(item.ready);
      expect(sectionReady(`${item.href}?page=2`), item.href).toBe(item.ready);
    }
  });

  it("reads the section holding a page under it", () => {
    expect(sectionReady("/admin/journal/travaux?status=dead")).toBe(true);
    expect(sectionReady("/admin/facturation/factures?status=overdue", withBilling)).toBe(true);
    expect(sectionReady("/admin/support/123#messages")).toBe(true);
    expect(sectionReady("/admin/prospects/123#notes", withBilling)).toBe(true);
    expect(sectionReady("/admin/parametres/etapes#top", withBilling)).toBe(false);
  });

  it("knows no page outside the sections (the dashboard is only /admin itself)", () => {
    expect(sectionReady("/admin/nowhere")).toBe(false);
    expect(sectionReady("/admin")).toBe(true);
    expect(sectionReady("/admin/")).toBe(true);
    expect(sectionReady("/admin/facturations", withBilling)).toBe(false);
  });
});

describe("dashboardLinks", () => {
  it("links the invoice figures to the filtered invoice list", () => {
    expect(links.invoiced(range)).toBe("/admin/facturation/factures?issued_after=2026-03-01&issued_before=2026-03-31");
    expect(links.outstanding()).toBe("/admin/facturation/factures?status=unpaid");
    expect(links.overdue()).toBe("/admin/facturation/factures?status=overdue");
    expect(links.dso()).toBe("/admin/facturation/factures?status=unpaid&ordering=due_date");
  });

  it("links each ageing bucket to the invoices overdue by that many days", () => {
    expect(links.ageing("0_30")).toBe("/admin/facturation/factures?status=overdue&due_after=2026-02-13&due_before=2026-03-14");
    expect(links.ageing("31_60")).toBe("/admin/facturation/factures?status=overdue&due_after=2026-01-14&due_before=2026-02-12");
    expect(links.ageing("61_90")).toBe("/admin/facturation/factures?status=overdue&due_after=2025-12-15&due_before=2026-01-13");
    expect(links.ageing("90_plus")).toBe("/admin/facturation/factures?status=overdue&due_before=2025-12-14");
  });

  it("leaves out the figures whose section is not ready", () => {
    const notReady = withBilling.map((item) => ({ ...item, ready: item.label === "dashboard" }));
    const none = dashboardLinks({ today: TODAY, nav: notReady });
    expect(none.overdue()).toBeUndefined();
    expect(none.ageing("0_30")).toBeUndefined();
    expect(none.journal()).toBeUndefined();
    expect(none.openTickets()).toBeUndefined();
  });

  it("links a later section's figures once its flag is on", () => {
    const all = dashboardLinks({ today: TODAY, nav: ADMIN_NAV.map((item) => ({ ...item, ready: true })) });
    expect(all.collected(range)).toBe("/admin/paiements?status=accepted&from=2026-03-01&to=2026-03-31");
    expect(all.operator("orange", range)).toBe("/admin/paiements?status=accepted&operator=orange&from=2026-03-01&to=2026-03-31");
    expect(all.openTickets()).toBe("/admin/support?status=open");
    expect(all.sla()).toBe("/admin/support?breached=true");
    expect(all.firstResponse()).toBe("/admin/support?status=open&ordering=first_response_due");
    expect(all.activeProjects()).toBe("/admin/projets?status=active");
    expect(all.lateMilestones()).toBe("/admin/projets?late=true");
    expect(all.overdueTasks()).toBe("/admin/taches?due=late");
  });

  it("reads the flags of the sidebar by default", () => {
    const today = dashboardLinks({ today: TODAY });
    const ready = (href: string) => ADMIN_NAV.find((item) => item.href === href)!.ready;
    expect(today.overdue() !== undefined).toBe(ready("/admin/facturation"));
    expect(today.openTickets() !== undefined).toBe(ready("/admin/support"));
    expect(today.collected(range) !== undefined).toBe(ready("/admin/paiements"));
    expect(today.journal()).toBe("/admin/journal");
  });
});

describe("dates", () => {
  it("counts days back across months and years", () => {
    expect(daysBefore("2026-03-01", 1)).toBe("2026-02-28");
    expect(daysBefore("2024-03-01", 1)).toBe("2024-02-29");
    expect(daysBefore("2026-01-10", 30)).toBe("2025-12-11");
  });

  it("takes today in Abidjan (UTC, all year)", () => {
    expect(abidjanToday(new Date("2026-03-15T23:59:59Z"))).toBe("2026-03-15");
    expect(abidjanToday(new Date("2026-03-16T00:00:01+01:00"))).toBe("2026-03-15");
  });

  it("keeps each bucket's ends inside it", () => {
    expect(ageingDueDates("0_30", TODAY)).toEqual({ due_after: "2026-02-13", due_before: "2026-03-14" });
    expect(ageingDueDates("90_plus", TODAY)).toEqual({ due_after: undefined, due_before: "2025-12-14" });
  });
});
