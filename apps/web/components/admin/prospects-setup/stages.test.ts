import { describe, expect, it } from "vitest";
import { openPosition, parseProbability } from "./stages";

describe("openPosition", () => {
  it("counts the open stages from 1 and leaves the outcomes out", () => {
    expect(openPosition({ kind: "open" }, 0, 3)).toBe(1);
    expect(openPosition({ kind: "open" }, 2, 3)).toBe(3);
    expect(openPosition({ kind: "won" }, 3, 3)).toBeNull();
    expect(openPosition({ kind: "lost" }, 4, 3)).toBeNull();
  });
});

describe("parseProbability", () => {
  it("reads a whole number from 0 to 100, with or without its sign", () => {
    expect(parseProbability("40")).toBe(40);
    expect(parseProbability(" 40 % ")).toBe(40);
    expect(parseProbability("0")).toBe(0);
    expect(parseProbability("100")).toBe(100);
  });
  it("refuses anything else", () => {
    expect(parseProbability("")).toBeNull();
    expect(parseProbability("101")).toBeNull();
    expect(parseProbability("12,5")).toBeNull();
    expect(parseProbability("-3")).toBeNull();
    expect(parseProbability("abc")).toBeNull();
  });
});
