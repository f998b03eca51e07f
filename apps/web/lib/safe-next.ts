/** An origin no page is served from: a `?next=` that resolves elsewhere is not ours. */
const BASE = "https://nourx.invalid";

/**
 * A `?next=` target inside this site, else `fallback` (no open redirect). Only same-origin
 * relative paths pass: `/projets?x=1#y`. Refused: absolute URLs, `javascript:` and other schemes,
 * protocol-relative `//evil`, backslashes (`\\evil`, `/\evil`: browsers read them as slashes),
 * whitespace and control characters (`/%09/evil.example` arrives as a tab, which browsers drop,
 * leaving `//evil.example`), and the login page itself.
 */
export function safeNext(next: string | null | undefined, fallback = "/"): string {
  if (!next || next.length > 2048) return fallback;
  if (!next.startsWith("/") || next.startsWith("//")) return fallback;
  // Backslashes anywhere, whitespace and control characters (C0, DEL, C1, Unicode spaces).
  if (/[\\\s\u0000-\u001f\u007f-\u009f]/u.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = url.pathname + url.search + url.hash;
  // After resolving (`/./connexion`, `/a/../connexion`), the login page would only loop.
  if (url.pathname === "/connexion" || url.pathname.startsWith("/connexion/")) return fallback;
  return path;
}
