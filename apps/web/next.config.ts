import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

// The API is reached through this app's own origin (`/api/*`) so that the session and CSRF
// cookies are first-party: scripts/serve.mjs forwards those requests to NOURX_API_ADDR, read when
// the server starts (so one build serves any API), before Next.js sees them.

const nextConfig: NextConfig = {
  // A separate build folder lets the end-to-end run build without disturbing the build that
  // `./x up` serves.
  distDir: process.env.NOURX_WEB_DIST_DIR || ".next",
  // Paths are kept as written (no redirect adding or removing a trailing slash).
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
  reactStrictMode: true,
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
