import { describe, expect, it } from "vitest";
import { nextOrdering, sortDirection } from "./sort";

describe("server-side sorting", () => {
  it("says which way a column is sorted", () => {
    expect(sortDirection("outstanding", "outstanding")).toBe("ascending");
    expect(sortDirection("-outstanding", "outstanding")).toBe("descending");
    expect(sortDirection("name", "outstanding")).toBe("none");
  });

  it("flips the sorted column and starts another one its own way", () => {
    expect(nextOrdering("name", "name")).toBe("-name");
    expect(nextOrdering("-name", "name")).toBe("name");
    expect(nextOrdering("name", "outstanding", "desc")).toBe("-outstanding");
    expect(nextOrdering("-outstanding", "name")).toBe("name");
  });
});
