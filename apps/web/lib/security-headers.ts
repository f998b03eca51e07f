/**
 * The security headers of every page of the web app, built per request by proxy.ts (the CSP
 * carries a fresh nonce). Pure functions of the path and of the environment, read when the
 * server runs: one build serves any deployment.
 */

/**
 * Pages whose URL carries a secret token (`?token=`, or a pay link's `/payer/{token}`): their
 * address never leaves the page (not to CinetPay's checkout, not to a PDF viewer).
 */
export const TOKEN_PAGES = ["/mot-de-passe/reinitialiser", "/invitation/accepter", "/payer"];

export type HeaderEnv = Partial<Record<string, string | undefined>>;

function onPath(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/** `https://host[:port]` of a URL, or undefined when it is not an http(s) URL. */
function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where the browser sends files when they do not go through this app's origin: the S3 bucket's
 * address, worked out as the API works it out (crates/storage/src/s3.rs, `bucket_url`), or the
 * local storage's public address when it is another origin.
 */
export function storageOrigins(env: HeaderEnv): string[] {
  const origins: (string | undefined)[] = [];
  const bucket = env.S3_BUCKET?.trim();
  if (bucket) {
    const endpoint = env.S3_ENDPOINT?.trim() || `https://s3.${env.AWS_REGION?.trim() || "us-east-1"}.amazonaws.com`;
    const pathStyle = env.S3_FORCE_PATH_STYLE?.trim().toLowerCase() === "true";
    const base = originOf(endpoint);
    if (base && !pathStyle) {
      const url = new URL(base);
      url.hostname = `${bucket}.${url.hostname}`;
      origins.push(url.origin);
    } else {
      origins.push(base);
    }
  } else {
    origins.push(originOf(env.NOURX_STORAGE_PUBLIC_URL));
  }
  return origins.filter((o): o is string => Boolean(o));
}

/**
 * Sources the pages may connect to besides their own origin: NOURX_WEB_CONNECT_SRC when set
 * (space- or comma-separated origins), else the storage's address as the API configures it.
 */
export function extraConnectSources(env: HeaderEnv): string[] {
  const explicit = env.NOURX_WEB_CONNECT_SRC?.split(/[\s,]+/).filter(Boolean);
  const sources = explicit?.length ? explicit : storageOrigins(env);
  // Only what a CSP source can be: an origin (no quotes, no directives smuggled in with ";").
  const valid = sources.filter((s) => /^https?:\/\/[^\s;,']+$/.test(s)).map((s) => s.replace(/\/+$/, ""));
  return [...new Set(valid)];
}

/** HTTPS deployments (NOURX_PUBLIC_URL starts with https://) get HSTS and upgrade-insecure-requests. */
export function isHttpsDeployment(env: HeaderEnv): boolean {
  return (env.NOURX_PUBLIC_URL ?? "").trim().toLowerCase().startsWith("https://");
}

export function contentSecurityPolicy(nonce: string, env: HeaderEnv): string {
  const dev = env.NODE_ENV === "development";
  const directives = [
    "default-src 'self'",
    // Next.js puts the nonce on its own scripts; 'strict-dynamic' lets them load the route chunks.
    // React needs eval only in development (its error overlay).
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Inline `style` attributes (progress bars, the dragged card) and the <style> elements that
    // Radix's scroll lock injects carry no nonce. Styles cannot run code; what CSS could leak
    // goes nowhere, since images, fonts and connections are limited to the sources below.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    ["connect-src 'self'", ...extraConnectSources(env)].join(" "),
    "media-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'self'",
    // The pay button sends the browser to CinetPay by navigation (location.assign), which
    // form-action does not govern; no form of the app posts to another origin.
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (isHttpsDeployment(env)) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "autoplay=()",
  "browsing-topics=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "hid=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "serial=()",
  "usb=()",
].join(", ");

/** Every header of a page, the CSP included. */
export function securityHeaders(pathname: string, nonce: string, env: HeaderEnv): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Security-Policy": contentSecurityPolicy(nonce, env),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": TOKEN_PAGES.some((p) => onPath(pathname, p)) ? "no-referrer" : "strict-origin-when-cross-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
  };
  if (isHttpsDeployment(env)) headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains";
  return headers;
}

/** 128 random bits, base64: a fresh one for every page served. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
