// Serves the web app on NOURX_WEB_ADDR (default 127.0.0.1:3000): the production build with
// "start", the development server with "dev" (Next.js's programmatic API, one process).
//
// Requests under /api/ never reach Next.js: they go to the API at NOURX_API_ADDR, read here when
// the server starts (one build serves any API), streamed both ways with no body cap (the API
// enforces its own limits). The API learns the client's address from X-Forwarded-For, which this
// server writes from its own socket peer, overwriting whatever the browser sent, unless that peer
// is one of NOURX_WEB_TRUSTED_PROXIES (a TLS proxy in front; CIDR list): then the right-most
// address of its X-Forwarded-For that is not in the list. Pages get the same headers, so server
// components can pass the address on.
import { Agent, createServer } from "node:http";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { createProxyServer } from "httpxy";
import { apiPath, forwardedHeaders, isApiRequest, parseTrustedProxies, stripHopByHop } from "./forwarded.mjs";

const mode = process.argv[2] === "dev" ? "dev" : "start";
const dev = mode === "dev";
// As `next start` / `next dev` set it, before Next.js is loaded.
process.env.NODE_ENV = dev ? "development" : "production";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

function fail(message) {
  console.error(message);
  process.exit(2);
}

const addr = process.env.NOURX_WEB_ADDR || "127.0.0.1:3000";
const at = addr.lastIndexOf(":");
const host = at > 0 ? addr.slice(0, at).replace(/^\[|\]$/g, "") : "127.0.0.1";
const port = at >= 0 ? addr.slice(at + 1) : addr;
if (!/^\d+$/.test(port)) fail(`NOURX_WEB_ADDR must be host:port, got "${addr}"`);

const apiAddr = process.env.NOURX_API_ADDR || "127.0.0.1:8000";
let apiTarget;
try {
  apiTarget = new URL(`http://${apiAddr}`);
} catch {
  fail(`NOURX_API_ADDR must be host:port, got "${apiAddr}"`);
}

let trusted;
try {
  trusted = parseTrustedProxies(process.env.NOURX_WEB_TRUSTED_PROXIES);
} catch (error) {
  fail(error.message);
}

const server = createServer();
// Idle client connections stay open longer than a client waits to reuse them (Node's 5 s default
// closed one under Playwright's next request: ECONNRESET on a read). Load balancers use 60 s.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
const { default: next } = await import("next");
const app = next({
  dev,
  dir: fileURLToPath(new URL("..", import.meta.url)),
  hostname: host,
  port: Number(port),
  httpServer: server,
});
await app.prepare();
const handle = app.getRequestHandler();

// httpxy (the proxy Next.js's own rewrites use, maintained by UnJS): streams, keep-alive to the API.
const proxy = createProxyServer({
  target: apiTarget,
  // The API sees its own address as Host, and the browser's in X-Forwarded-Host (as before).
  changeOrigin: true,
  proxyTimeout: 120_000,
  // Idle connections are closed after 4 s, before the API's own keep-alive timeout (actix: 5 s)
  // closes them under a request just sent (ECONNRESET).
  agent: new Agent({ keepAlive: true, timeout: 4_000, maxSockets: 256, maxFreeSockets: 64 }),
});
proxy.on("proxyRes", (proxyRes) => stripHopByHop(proxyRes.headers));
proxy.on("error", (error, req, res) => {
  if (!res || typeof res.writeHead !== "function") return;
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // A reused connection the API had just closed: a read is safe to send once more.
  if (error.code === "ECONNRESET" && (req.method === "GET" || req.method === "HEAD") && !req.nourxRetried) {
    req.nourxRetried = true;
    proxy.web(req, res, { buffer: Readable.from([]) });
    return;
  }
  console.error(`API ${apiAddr} unreachable for ${req.method} ${req.url}: ${error.code || error.message}`);
  const english = /^en\b/i.test(req.headers["accept-language"] || "");
  const body = JSON.stringify({
    detail: english
      ? "The service is temporarily unavailable. Try again in a moment."
      : "Le service est momentanément indisponible. Réessayez dans un instant.",
    code: "api_unavailable",
  });
  res.writeHead(502, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), "Cache-Control": "no-store" });
  res.end(body);
});

server.on("request", (req, res) => {
  const forwarded = forwardedHeaders(
    { peer: req.socket.remoteAddress, headers: req.headers, encrypted: Boolean(req.socket.encrypted) },
    trusted,
  );
  // Nobody else's word about the client reaches the API or the pages.
  for (const name of ["forwarded", "x-real-ip", "x-forwarded-port", "x-forwarded-prefix"]) delete req.headers[name];
  for (const [name, value] of Object.entries(forwarded)) {
    if (value) req.headers[name] = value;
    else delete req.headers[name];
  }
  if (isApiRequest(req.url || "")) {
    stripHopByHop(req.headers);
    req.url = apiPath(req.url);
    proxy.web(req, res);
    return;
  }
  handle(req, res);
});

server.listen(Number(port), host, () => {
  console.log(`NOURX web (${mode}) on http://${addr}/, API at http://${apiAddr}/`);
});

function stop() {
  server.close();
  server.closeAllConnections();
  Promise.resolve(app.close?.())
    .catch(() => {})
    .finally(() => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
