import { NextResponse, type NextRequest } from "next/server";
import { MESSAGE_SCOPE_HEADER, messageScope, PAY_LINK_PATH_HEADER } from "@/lib/message-scope";
import { newNonce, securityHeaders } from "@/lib/security-headers";

/** Pages that work without a session: login, password reset, invitation, a pay link and its return page. */
const PUBLIC_PAGES = /^\/(connexion|mot-de-passe|invitation|payer\/)/;
/** Files (icons, robots.txt…) rather than pages. */
const FILE = /\.[a-z0-9]+$/;

/**
 * Every page gets the security headers (lib/security-headers.ts) with a fresh CSP nonce, which
 * Next.js reads from the request's CSP header and puts on its own scripts (so pages render per
 * request). Pages of the portal also need a session: without the session cookie there is no point
 * rendering them, so go straight to the login page and come back afterwards. (An expired session
 * still has a cookie; the API answers 401 and the client redirects then.)
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const headers = securityHeaders(pathname, newNonce(), process.env);

  let response: NextResponse;
  if (!PUBLIC_PAGES.test(pathname) && !FILE.test(pathname) && !request.cookies.has("sessionid")) {
    const url = request.nextUrl.clone();
    url.pathname = "/connexion";
    url.search = pathname === "/" ? "" : `?next=${encodeURIComponent(pathname + search)}`;
    response = NextResponse.redirect(url);
  } else {
    const forward = new Headers(request.headers);
    forward.set("Content-Security-Policy", headers["Content-Security-Policy"]);
    // Which messages the root layout sends to the browser; never the browser's own word.
    const scope = messageScope(pathname);
    if (scope) forward.set(MESSAGE_SCOPE_HEADER, scope);
    else forward.delete(MESSAGE_SCOPE_HEADER);
    // Which link a pay link's not-found page explains; never the browser's own word either.
    if (scope === "pay-link") forward.set(PAY_LINK_PATH_HEADER, pathname);
    else forward.delete(PAY_LINK_PATH_HEADER);
    response = NextResponse.next({ request: { headers: forward } });
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but the API (served by scripts/serve.mjs before Next.js sees it) and Next's
  // immutable assets.
  matcher: ["/((?!api(?:/|$)|_next/static/|_next/image|favicon\\.ico$).*)"],
};
