// Performance budget of the production build, against a running app (E2E_BASE_URL):
// first-load JavaScript (as transferred, gzip) of the login page and of the dashboard after
// login, and, with --lighthouse, Lighthouse's mobile scores for both pages (npm `lighthouse`
// 12.8, run through npx, with Debian's Chromium). Run through `bash scripts/e2e.sh --budget`.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";

const base = process.env.E2E_BASE_URL || "http://127.0.0.1:3000";
const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const user = { email: "awa@akwaba.demo", password: "demo-client-2026" };

const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
const page = await context.newPage();

/** Scripts the page needs to start (up to the load event; later prefetches of other routes excluded). */
async function firstLoadJs(url) {
  const pending = [];
  let loaded = false;
  const listener = (response) => {
    if (loaded || response.request().resourceType() !== "script") return;
    pending.push(response.request().sizes().then((s) => ({ url: response.url(), bytes: s.responseBodySize })));
  };
  page.on("response", listener);
  await page.goto(url, { waitUntil: "load" });
  loaded = true;
  page.off("response", listener);
  const sizes = await Promise.all(pending);
  if (process.env.BUDGET_VERBOSE) for (const s of sizes) console.log(`  ${(s.bytes / 1024).toFixed(1).padStart(6)} kB ${s.url}`);
  return sizes.reduce((sum, s) => sum + s.bytes, 0);
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
const login = await firstLoadJs(`${base}/connexion`);
const { csrftoken } = await (await page.request.get(`${base}/api/auth/csrf/`)).json();
const res = await page.request.post(`${base}/api/auth/login/`, {
  data: user,
  headers: { "X-CSRFToken": csrftoken, Origin: new URL(base).origin },
});
if (!res.ok()) throw new Error(`login failed: ${res.status()}`);
// A fresh context-level cache would count chunks shared with the login page again: clear it.
const cdp = await context.newCDPSession(page);
await cdp.send("Network.clearBrowserCache");
const dashboard = await firstLoadJs(`${base}/`);
console.log(`first-load JS (transferred): login ${kb(login)}, dashboard ${kb(dashboard)} (budget 150 kB)`);

if (process.argv.includes("--lighthouse")) {
  const cookies = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const dir = mkdtempSync(path.join(tmpdir(), "nourx-lh-"));
  for (const [name, url, headers] of [
    ["login", `${base}/connexion`, {}],
    ["dashboard", `${base}/`, { Cookie: cookies }],
  ]) {
    const out = path.join(dir, `${name}.json`);
    execFileSync(
      "npx",
      [
        "--yes",
        "lighthouse@12.8.2",
        url,
        "--quiet",
        "--output=json",
        `--output-path=${out}`,
        "--only-categories=performance,accessibility",
        `--extra-headers=${JSON.stringify(headers)}`,
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
      ],
      { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, CHROME_PATH: executablePath } },
    );
    const report = JSON.parse(readFileSync(out, "utf8"));
    const score = (c) => Math.round((report.categories[c]?.score ?? 0) * 100);
    console.log(`lighthouse ${name} (mobile): performance ${score("performance")}, accessibility ${score("accessibility")}`);
  }
}
await browser.close();
