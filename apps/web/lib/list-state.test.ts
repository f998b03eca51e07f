import { describe, expect, it } from "vitest";
import { listState } from "./list-state";

const pending = { isPending: true, isError: false, data: undefined };
const failed = { isPending: false, isError: true, data: undefined };
const loaded = { isPending: false, isError: false, data: { results: [] } };
// A refetch that failed after a first success: TanStack keeps the data beside the error.
const refetchFailed = { isPending: false, isError: true, data: { results: [1] } };

describe("listState", () => {
  it("shows the skeleton while the first answer is awaited, whatever the count", () => {
    expect(listState(pending, 0)).toBe("loading");
    expect(listState(pending, 3)).toBe("loading");
  });

  it("shows the error when the query failed", () => {
    expect(listState(failed, 0)).toBe("error");
    expect(listState(refetchFailed, 1)).toBe("error");
  });

  it("keeps the rows of a failed refetch only when asked to", () => {
    expect(listState(refetchFailed, 1, { keepDataOnError: true })).toBe("ready");
    expect(listState(failed, 0, { keepDataOnError: true })).toBe("error");
  });

  it("is empty or ready by the number of items shown, not by the data", () => {
    expect(listState(loaded, 0)).toBe("empty");
    expect(listState(loaded, 2)).toBe("ready");
  });
});
