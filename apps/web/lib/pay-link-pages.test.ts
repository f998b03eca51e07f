import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PAY_LINK_NAMESPACES } from "./message-scope";

/**
 * What the pay link's pages (`app/payer/…`) pull in, read from the sources: they get a scoped
 * message set (lib/message-scope.ts), so every client component they reach may only read those
 * namespaces, and nothing of the portal or the back-office may come along. The payment return
 * page is one component shared with the portal's.
 */

const ROOT = path.resolve(import.meta.dirname, "..");
const SHARED_RETURN = path.join(ROOT, "components/payments/payment-return.tsx");

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("@/")) base = path.join(ROOT, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null; // a package
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null; // JSON, CSS
}

/** The modules a file imports for their values (`import type` is erased). */
function importsOf(file: string): string[] {
  const source = readFileSync(file, "utf8");
  const found: string[] = [];
  for (const match of source.matchAll(/^\s*(import|export)\s+(type\s+)?(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/gm)) {
    if (match[2]) continue;
    const resolved = resolveImport(file, match[3]);
    if (resolved) found.push(resolved);
  }
  return found;
}

function isClientModule(file: string): boolean {
  return /^\s*["']use client["']/.test(readFileSync(file, "utf8"));
}

/** Every page, layout and boundary of a folder of `app/`. */
function entriesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => /(^|\/)(page|layout|not-found|error|loading)\.tsx$/.test(name))
    .map((name) => path.join(dir, name));
}

/** Each module reachable from `entries`, and whether it runs in the browser (a client module or imported by one). */
function reachable(entries: string[]): Map<string, boolean> {
  const seen = new Map<string, boolean>();
  const queue: [string, boolean][] = entries.map((file) => [file, false]);
  while (queue.length) {
    const [file, fromClient] = queue.shift()!;
    const client = fromClient || isClientModule(file);
    if (seen.get(file) === true || (seen.has(file) && !client)) continue;
    seen.set(file, client);
    for (const next of importsOf(file)) queue.push([next, client]);
  }
  return seen;
}

/** The top-level message namespaces a module reads with `useTranslations("…")`. */
function namespacesOf(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return [...source.matchAll(/useTranslations\(\s*["']([^"'.]+)/g)].map((match) => match[1]);
}

const payerModules = reachable(entriesUnder(path.join(ROOT, "app/payer")));
const relative = (file: string) => path.relative(ROOT, file);

describe("the pay link's pages", () => {
  it("read only the namespaces they are sent, in the browser", () => {
    const outside = [...payerModules]
      .filter(([, client]) => client)
      .flatMap(([file]) => namespacesOf(file).filter((ns) => !(PAY_LINK_NAMESPACES as readonly string[]).includes(ns)).map((ns) => `${relative(file)}: ${ns}`));
    expect(outside).toEqual([]);
  });

  it("pull in nothing of the portal or the back-office", () => {
    const foreign = [...payerModules.keys()].map(relative).filter((file) => /^app\/(\(portal\)|admin)\/|^components\/admin\//.test(file));
    expect(foreign).toEqual([]);
  });

  it("share the payment return page with the portal", () => {
    expect(payerModules.get(SHARED_RETURN)).toBe(true);
    expect(importsOf(path.join(ROOT, "app/payer/retour/return-client.tsx"))).toContain(SHARED_RETURN);
    expect(importsOf(path.join(ROOT, "app/(portal)/paiements/[id]/payment-client.tsx"))).toContain(SHARED_RETURN);
  });
});
