import { describe, expect, it } from "vitest";
import { notificationHref, unreadBadgeLabel } from "./badge";

describe("unreadBadgeLabel", () => {
  it("hides the badge when nothing is unread", () => {
    expect(unreadBadgeLabel(0)).toBeNull();
    expect(unreadBadgeLabel(-1)).toBeNull();
    expect(unreadBadgeLabel(Number.NaN)).toBeNull();
  });

  it("shows the count up to 9, then 9+", () => {
    expect(unreadBadgeLabel(1)).toBe("1");
    expect(unreadBadgeLabel(9)).toBe("9");
    expect(unreadBadgeLabel(10)).toBe("9+");
    expect(unreadBadgeLabel(250)).toBe("9+");
  });
});

describe("notificationHref", () => {
  it("keeps the web app's own paths", () => {
    expect(notificationHref("/paiements/0190a1b2-0000-7000-8000-000000000000")).toBe(
      "/paiements/0190a1b2-0000-7000-8000-000000000000",
    );
    expect(notificationHref("/factures?statut=unpaid")).toBe("/factures?statut=unpaid");
  });

  it("opens nothing for a missing or outside link", () => {
    expect(notificationHref(null)).toBeNull();
    expect(notificationHref(undefined)).toBeNull();
    expect(notificationHref("")).toBeNull();
    expect(notificationHref("https://example.com/")).toBeNull();
    expect(notificationHref("//example.com/")).toBeNull();
    expect(notificationHref("/\\example.com")).toBeNull();
    expect(notificationHref("javascript:alert(1)")).toBeNull();
  });
});
