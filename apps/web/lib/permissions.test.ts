import { describe, expect, it } from "vitest";

import { canDecideMilestone, canMoveTask, canUploadDocuments } from "./permissions";
import { isStaff } from "./roles";

const client = "c1";
const me = (role: "owner" | "member" | "viewer") => ({
  id: "u1",
  role: "client" as const,
  memberships: [{ client_id: client, role }],
});

describe("canMoveTask", () => {
  it("lets owners and members move only the tasks assigned to them", () => {
    expect(canMoveTask({ assigned_to: "u1", client_id: client }, me("member"))).toBe(true);
    expect(canMoveTask({ assigned_to: "u1", client_id: client }, me("owner"))).toBe(true);
    expect(canMoveTask({ assigned_to: "u2", client_id: client }, me("owner"))).toBe(false);
  });

  it("never lets a viewer move a card, even an assigned one", () => {
    expect(canMoveTask({ assigned_to: "u1", client_id: client }, me("viewer"))).toBe(false);
  });

  it("lets staff move anything and nobody move without a session", () => {
    expect(canMoveTask({ assigned_to: null, client_id: client }, { id: "a", role: "admin", memberships: [] })).toBe(true);
    expect(canMoveTask({ assigned_to: "u1", client_id: client }, undefined)).toBe(false);
  });
});

describe("canUploadDocuments", () => {
  it("lets owners and members of the client upload, not viewers", () => {
    expect(canUploadDocuments(client, me("owner"))).toBe(true);
    expect(canUploadDocuments(client, me("member"))).toBe(true);
    expect(canUploadDocuments(client, me("viewer"))).toBe(false);
  });

  it("looks at the role in that client only", () => {
    expect(canUploadDocuments("other", me("owner"))).toBe(false);
  });

  it("lets staff upload anywhere, and nobody without a session or a client", () => {
    expect(canUploadDocuments(client, { role: "admin", memberships: [] })).toBe(true);
    expect(canUploadDocuments(client, undefined)).toBe(false);
    expect(canUploadDocuments(undefined, me("owner"))).toBe(false);
  });
});

describe("isStaff", () => {
  it("is true for both staff roles and false for clients", () => {
    expect(isStaff("admin")).toBe(true);
    expect(isStaff("staff")).toBe(true);
    expect(isStaff("client")).toBe(false);
    expect(isStaff(undefined)).toBe(false);
  });
});

describe("canDecideMilestone", () => {
  it("lets the client's owners and members approve or ask for changes, not viewers", () => {
    expect(canDecideMilestone(client, me("owner"))).toBe(true);
    expect(canDecideMilestone(client, me("member"))).toBe(true);
    expect(canDecideMilestone(client, me("viewer"))).toBe(false);
  });

  it("looks at the role in the milestone's client only", () => {
    expect(canDecideMilestone("other", me("owner"))).toBe(false);
  });

  it("never lets NOURX staff answer for the client, nor anyone without a session", () => {
    expect(canDecideMilestone(client, { role: "admin", memberships: [] })).toBe(false);
    expect(canDecideMilestone(client, { role: "staff", memberships: [{ client_id: client, role: "owner" }] })).toBe(false);
    expect(canDecideMilestone(client, undefined)).toBe(false);
    expect(canDecideMilestone(undefined, me("owner"))).toBe(false);
  });
});
