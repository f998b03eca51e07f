import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

// The API is reached through this app's own origin (`/api/*`) so that the session and CSRF
// cookies are first-party. Rewrites are resolved when the app is built: build with the
// NOURX_API_ADDR the app will talk to.
const apiAddr = process.env.NOURX_API_ADDR || "127.0.0.1:8000";

const nextConfig: NextConfig = {
  // A separate build folder lets the end-to-end run build for its own API port without
  // disturbing the build that `./x up` serves.
  distDir: process.env.NOURX_WEB_DIST_DIR || ".next",
  // The API's paths end with "/" (a path without it is a 404): keep slashes as written.
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
  reactStrictMode: true,
  experimental: {
    // Requests that the `/api/*` rewrite forwards to the API go through a copy of their body
    // capped at this size, whatever the proxy's matcher (which already skips `/api/`): past the
    // cap the API would get a truncated body with no error. Documents go to the local storage
    // through `/api/storage/upload/` (files up to 50 MiB, plus the multipart form around them).
    proxyClientMaxBodySize: "55mb",
  },
  async rewrites() {
    return [
      // Next strips the trailing slash from `:path*`; the destination puts it back.
      { source: "/api/:path*", destination: `http://${apiAddr}/api/:path*/` },
    ];
  },
  turbopack: {
    rules: {
      "*.css": {
        loaders: ["@tailwindcss/turbopack"],
        as: "*.css",
      },
    },
  },
};

const withNextIntl = createNextIntlPlugin({
  requestConfig: "./i18n/request.ts",
  // Messages are compiled at build time: the browser then needs no ICU parser (about 20 kB gzip).
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});
export default withNextIntl(nextConfig);
