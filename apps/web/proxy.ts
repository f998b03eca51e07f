import { NextResponse, type NextRequest } from "next/server";

/**
 * Pages of the portal need a session: without the session cookie there is no point rendering
 * them, so go straight to the login page and come back afterwards. (An expired session still
 * has a cookie; the API answers 401 and the client redirects then.)
 */
export function proxy(request: NextRequest) {
  if (request.cookies.has("sessionid")) return NextResponse.next();
  const { pathname, search } = request.nextUrl;
  const url = request.nextUrl.clone();
  url.pathname = "/connexion";
  url.search = pathname === "/" ? "" : `?next=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  // Everything but the API, Next's assets, files, and the pages that work without a session.
  matcher: [
    "/((?!api/|_next/|favicon|icon|robots|connexion|mot-de-passe|invitation|.*\\.[a-z0-9]+$).*)",
  ],
};
