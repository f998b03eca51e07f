// Runs `next start` (or `next dev` with "dev") on NOURX_WEB_ADDR (default 127.0.0.1:3000).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const mode = process.argv[2] === "dev" ? "dev" : "start";
const addr = process.env.NOURX_WEB_ADDR || "127.0.0.1:3000";
const at = addr.lastIndexOf(":");
const host = at > 0 ? addr.slice(0, at).replace(/^\[|\]$/g, "") : "127.0.0.1";
const port = at >= 0 ? addr.slice(at + 1) : addr;
if (!/^\d+$/.test(port)) {
  console.error(`NOURX_WEB_ADDR must be host:port, got "${addr}"`);
  process.exit(2);
}

const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const child = spawn(process.execPath, [nextBin, mode, "--hostname", host, "--port", port], {
  stdio: "inherit",
  env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env },
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => child.kill(signal));
}
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
