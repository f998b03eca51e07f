// Performance budget of the production build, against a running app (E2E_BASE_URL):
// first-load JavaScript (as transferred, gzip) of the login page, of the client dashboard and
// of the back-office (/admin, as staff), and, with --lighthouse, Lighthouse's mobile scores for
// the first two (npm `lighthouse` 12.8, run through npx, with Debian's Chromium). Run through
// `bash scripts/e2e.sh --budget`.
//
// First, without a server, it checks the build (NOURX_WEB_DIST_DIR or .next) for back-office
// code in client pages' JavaScript: `node scripts/budget.mjs --isolation` runs only that check,
// after `npm run build`.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import vm from "node:vm";
import { chromium } from "@playwright/test";

/** Source files of the back-office: they may only ever be loaded by pages under /admin. */
const ADMIN_MODULE = /^\[project\]\/(?:apps\/web\/)?(?:app\/admin|components\/admin)\//;
/**
 * What back-office code leaves in a chunk even when no manifest names it (modules without
 * "use client" that admin components import, dynamic imports): a back-office message namespace,
 * `useTranslations("admin.shell")` (the portal has no `admin.*` messages at all), or the address
 * of a back-office page (the portal links to `/admin` itself only).
 */
const ADMIN_MARKERS = [/["'`]admin\.[a-z]/, /["'`]\/admin\/[a-z]/];
/** d3-scale's band scale (`paddingInner`): the charts draw on the server, so no chunk has it. */
const SERVER_ONLY_MARKERS = ["paddingInner"];

/** Every `*_client-reference-manifest.js` of the build: route → its client modules and entry chunks. */
function clientManifests(distDir) {
  const files = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith("_client-reference-manifest.js")) files.push(full);
    }
  };
  walk(path.join(distDir, "server", "app"));
  const manifests = {};
  for (const file of files) {
    const context = {};
    vm.runInNewContext(readFileSync(file, "utf8"), context);
    Object.assign(manifests, context.__RSC_MANIFEST);
  }
  return manifests;
}

/**
 * Admin code never lands in a client page's JavaScript. For every route outside /admin: none of
 * its client modules is an admin file, and none of the chunks it can load (its entry chunks, its
 * modules' chunks, and every chunk those name, which covers dynamic imports) defines an admin
 * module (the module ids come from the /admin routes' manifests). The check proves it can see
 * admin modules by finding each one in the back-office's own chunks first.
 */
function checkAdminIsolation(distDir) {
  const manifests = clientManifests(distDir);
  const routes = Object.keys(manifests);
  const adminRoutes = routes.filter((route) => route === "/admin" || route.startsWith("/admin/"));
  const otherRoutes = routes.filter((route) => !adminRoutes.includes(route));
  const chunkText = new Map();
  const read = (chunk) => {
    const file = path.join(distDir, chunk.replace(/^\/?(_next\/)?/, ""));
    if (!chunkText.has(file)) {
      try {
        chunkText.set(file, readFileSync(file, "utf8"));
      } catch {
        chunkText.set(file, "");
      }
    }
    return chunkText.get(file);
  };
  const reachable = (manifest) => {
    const pending = [
      ...Object.values(manifest.entryJSFiles ?? {}).flat(),
      ...Object.values(manifest.clientModules ?? {}).flatMap((module) => module.chunks ?? []),
    ];
    const seen = new Set();
    while (pending.length) {
      const chunk = pending.pop().replace(/^\/?(_next\/)?/, "");
      if (seen.has(chunk)) continue;
      seen.add(chunk);
      for (const named of read(chunk).matchAll(/static\/chunks\/[\w.-]+\.js/g)) pending.push(named[0]);
    }
    return seen;
  };
  // A module definition in a Turbopack chunk: `…,<id>,e=>{…}` or `…,<id>,(e,t)=>…` / `function`;
  // modules merged into one factory list every id first (`…,<id>,<id2>,e=>{…}`).
  const defines = (text, id) => new RegExp(`[,\\[]${id},(?:\\d+,)*(?:\\(|[A-Za-z_$][\\w$]*=>|function)`).test(text);

  const adminModules = new Map();
  for (const route of adminRoutes) {
    for (const [name, module] of Object.entries(manifests[route].clientModules ?? {})) {
      if (ADMIN_MODULE.test(name)) adminModules.set(name, module.id);
    }
  }
  const problems = [];
  if (adminRoutes.length === 0 || adminModules.size === 0) problems.push("no back-office route or client module found in the build");
  const adminChunks = adminRoutes.flatMap((route) => [...reachable(manifests[route])]);
  for (const [name, id] of adminModules) {
    if (!adminChunks.some((chunk) => defines(read(chunk), id))) problems.push(`cannot find ${name} (id ${id}) in /admin's chunks: update this check`);
  }
  if (!ADMIN_MARKERS.some((marker) => adminChunks.some((chunk) => marker.test(read(chunk))))) {
    problems.push(`nothing matches ${ADMIN_MARKERS.join(" or ")} in /admin's chunks: update this check`);
  }
  for (const route of otherRoutes) {
    const manifest = manifests[route];
    for (const name of Object.keys(manifest.clientModules ?? {})) {
      if (ADMIN_MODULE.test(name)) problems.push(`${route} references ${name}`);
    }
    for (const chunk of reachable(manifest)) {
      const text = read(chunk);
      for (const [name, id] of adminModules) if (defines(text, id)) problems.push(`${route} loads ${chunk}, which holds ${name}`);
      for (const marker of ADMIN_MARKERS) if (marker.test(text)) problems.push(`${route} loads ${chunk}, which holds back-office code (${marker})`);
      for (const marker of SERVER_ONLY_MARKERS) if (text.includes(marker)) problems.push(`${route} loads ${chunk}, which holds chart code (${marker})`);
    }
  }
  const unique = [...new Set(problems)];
  if (unique.length) {
    console.error(`admin isolation: FAILED\n  ${unique.join("\n  ")}`);
    process.exit(1);
  }
  console.log(
    `admin isolation: ok (${adminModules.size} back-office client modules, none in the JavaScript of ${otherRoutes.length} other routes; no chart code in any of them)`,
  );
}

checkAdminIsolation(path.resolve(import.meta.dirname, "..", process.env.NOURX_WEB_DIST_DIR || ".next"));
if (process.argv.includes("--isolation")) process.exit(0);

const base = process.env.E2E_BASE_URL || "http://127.0.0.1:3000";
const executablePath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const user = { email: "awa@akwaba.demo", password: "demo-client-2026" };
const staff = { email: "admin@nourx.demo", password: "demo-admin-2026" };

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

async function logIn(who) {
  const { csrftoken } = await (await page.request.get(`${base}/api/auth/csrf/`)).json();
  const res = await page.request.post(`${base}/api/auth/login/`, {
    data: who,
    headers: { "X-CSRFToken": csrftoken, Origin: new URL(base).origin },
  });
  if (!res.ok()) throw new Error(`login failed: ${res.status()}`);
  // A fresh context-level cache would count chunks shared with the login page again: clear it.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.clearBrowserCache");
}

const login = await firstLoadJs(`${base}/connexion`);
await logIn(user);
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
// The back-office, as staff (after the client's Lighthouse run, which needs the client's cookies).
await context.clearCookies();
await logIn(staff);
const admin = await firstLoadJs(`${base}/admin`);
console.log(`first-load JS (transferred): back-office /admin ${kb(admin)}`);
await browser.close();
