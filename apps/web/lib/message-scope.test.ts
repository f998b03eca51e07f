import { describe, expect, it } from "vitest";
import fr from "@/messages/fr.json";
import { messageScope, PAY_LINK_NAMESPACES, scopedMessages } from "./message-scope";

describe("message scope", () => {
  it("is the pay link's on its pages only", () => {
    expect(messageScope("/payer/3q2-7wEvbIqRvA6ZlX1kO4k7y5hV9Dq2n0nXgq4bq1o")).toBe("pay-link");
    expect(messageScope("/payer/retour")).toBe("pay-link");
    expect(messageScope("/paiements/1")).toBeNull();
    expect(messageScope("/factures")).toBeNull();
  });

  it("sends a pay link's page only what its client components read", () => {
    const scoped = scopedMessages(fr, "pay-link");
    expect(Object.keys(scoped).sort()).toEqual([...PAY_LINK_NAMESPACES].sort());
    expect(JSON.stringify(scoped).length).toBeLessThan(JSON.stringify(fr).length / 2);
  });

  it("sends everything elsewhere, whatever the header says", () => {
    expect(scopedMessages(fr, null)).toBe(fr);
    expect(scopedMessages(fr, "something-else")).toBe(fr);
  });
});
