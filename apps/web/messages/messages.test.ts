import { describe, expect, it } from "vitest";
import fr from "./fr.json";
import en from "./en.json";
import shellFr from "./admin/shell.fr.json";
import shellEn from "./admin/shell.en.json";
import dashboardFr from "./admin/dashboard.fr.json";
import dashboardEn from "./admin/dashboard.en.json";
import clientsFr from "./admin/clients.fr.json";
import clientsEn from "./admin/clients.en.json";
import teamFr from "./admin/team.fr.json";
import teamEn from "./admin/team.en.json";
import journalFr from "./admin/journal.fr.json";
import journalEn from "./admin/journal.en.json";
import billingFr from "./admin/billing.fr.json";
import billingEn from "./admin/billing.en.json";
import tasksFr from "./admin/tasks.fr.json";
import tasksEn from "./admin/tasks.en.json";
import projectsFr from "./admin/projects.fr.json";
import projectsEn from "./admin/projects.en.json";
import paymentsFr from "./admin/payments.fr.json";
import paymentsEn from "./admin/payments.en.json";
import reconciliationFr from "./admin/reconciliation.fr.json";
import reconciliationEn from "./admin/reconciliation.en.json";
import supportFr from "./admin/support.fr.json";
import supportEn from "./admin/support.en.json";
import supportSettingsFr from "./admin/support-settings.fr.json";
import supportSettingsEn from "./admin/support-settings.en.json";
import prospectsSetupFr from "./admin/prospects-setup.fr.json";
import prospectsSetupEn from "./admin/prospects-setup.en.json";
import prospectsFr from "./admin/prospects.fr.json";
import prospectsEn from "./admin/prospects.en.json";
import emailTemplatesFr from "./admin/email-templates.fr.json";
import emailTemplatesEn from "./admin/email-templates.en.json";

function keys(value: unknown, prefix = ""): string[] {
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

/** Every message file, French then English: the portal's and the back-office's (i18n/request.ts). */
const FILES: [string, unknown, unknown][] = [
  ["fr/en.json", fr, en],
  ["admin/shell", shellFr, shellEn],
  ["admin/dashboard", dashboardFr, dashboardEn],
  ["admin/clients", clientsFr, clientsEn],
  ["admin/team", teamFr, teamEn],
  ["admin/journal", journalFr, journalEn],
  ["admin/billing", billingFr, billingEn],
  ["admin/tasks", tasksFr, tasksEn],
  ["admin/projects", projectsFr, projectsEn],
  ["admin/payments", paymentsFr, paymentsEn],
  ["admin/reconciliation", reconciliationFr, reconciliationEn],
  ["admin/support", supportFr, supportEn],
  ["admin/support-settings", supportSettingsFr, supportSettingsEn],
  ["admin/prospects-setup", prospectsSetupFr, prospectsSetupEn],
  ["admin/prospects", prospectsFr, prospectsEn],
  ["admin/email-templates", emailTemplatesFr, emailTemplatesEn],
];

describe.each(FILES)("message files %s", (_name, french, english) => {
  it("have the same keys in French and English", () => {
    expect(keys(english).sort()).toEqual(keys(french).sort());
  });

  it("have no empty message", () => {
    for (const file of [french, english]) {
      const empty = keys(file).filter((k) => {
        const value = k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], file);
        return typeof value !== "string" || value.trim() === "";
      });
      expect(empty).toEqual([]);
    }
  });
});

it("leaves the `admin` namespace to the back-office's files", () => {
  expect(Object.keys(fr)).not.toContain("admin");
  expect(Object.keys(en)).not.toContain("admin");
});
