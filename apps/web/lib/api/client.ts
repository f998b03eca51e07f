import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./schema";
import { ApiError, type ApiErrorBody } from "./errors";

export const CSRF_COOKIE = "csrftoken";
export const CSRF_HEADER = "X-CSRFToken";
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
export const LOGIN_PATH = "/connexion";

/**
 * Set while the app leaves on purpose (logout): requests still in flight then answer 401, and
 * must not send the browser to the login page with a `?next=` in place of the logout's own target.
 */
export const navigation = { leaving: false };

export type ApiClientOptions = {
  /** Origin of the API; "" in the browser, where `/api/*` is rewritten to the API. */
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  readCookie?: (name: string) => string | undefined;
  /** The interface language, sent as `Accept-Language` so API messages match it. */
  locale?: () => string;
  /** Where the browser is, kept as `?next=` when a 401 sends it to the login page. */
  currentPath?: () => string;
  /** Navigates to the login page; a full navigation so every cached query is dropped. */
  redirect?: (url: string) => void;
  /** Headers sent with every request (the server forwards the browser's cookies this way). */
  headers?: Record<string, string>;
};

export function readDocumentCookie(name: string): string | undefined {
  if (typeof document === "undefined") return undefined;
  for (const part of document.cookie.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

function browserPath(): string {
  return typeof window === "undefined" ? "/" : window.location.pathname + window.location.search;
}

function browserLocale(): string {
  return typeof document === "undefined" ? "fr" : document.documentElement.lang || "fr";
}

function browserRedirect(url: string) {
  if (typeof window !== "undefined") window.location.assign(url);
}

/** `/connexion?next=<path>`; the login page itself and other outside pages are not kept. */
export function loginUrl(path: string): string {
  const keep = path.startsWith("/") && !path.startsWith("//") && !path.startsWith(LOGIN_PATH);
  return keep && path !== "/" ? `${LOGIN_PATH}?next=${encodeURIComponent(path)}` : LOGIN_PATH;
}

export function createApiClient(options: ApiClientOptions = {}) {
  const baseUrl = options.baseUrl ?? "";
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const readCookie = options.readCookie ?? readDocumentCookie;
  const locale = options.locale ?? browserLocale;
  const currentPath = options.currentPath ?? browserPath;
  const redirect = options.redirect ?? browserRedirect;

  // One request for the cookie however many unsafe calls start at once.
  let csrfRequest: Promise<string | undefined> | null = null;

  async function fetchToken(): Promise<string | undefined> {
    try {
      const response = await fetchImpl(`${baseUrl}/api/auth/csrf/`, { credentials: "include" });
      if (!response.ok) return undefined;
      const body = (await response.json()) as { csrftoken?: string };
      return body.csrftoken;
    } catch {
      return undefined;
    }
  }

  async function csrfToken(): Promise<string | undefined> {
    // Read the cookie every time: login and password changes rotate it.
    const current = readCookie(CSRF_COOKIE);
    if (current) return current;
    // A second try when the first is lost (mobile data, a proxy still starting): without a
    // token the request would only come back as "CSRF check failed".
    csrfRequest ??= fetchToken()
      .then((token) => token ?? readCookie(CSRF_COOKIE) ?? fetchToken())
      .finally(() => {
        csrfRequest = null;
      });
    const fetched = await csrfRequest;
    return readCookie(CSRF_COOKIE) ?? fetched;
  }

  const middleware: Middleware = {
    async onRequest({ request }) {
      request.headers.set("Accept-Language", locale());
      if (UNSAFE_METHODS.has(request.method.toUpperCase())) {
        const token = await csrfToken();
        if (token) request.headers.set(CSRF_HEADER, token);
      }
      return request;
    },
    async onResponse({ request, response }) {
      const path = new URL(request.url, "http://localhost").pathname;
      // Auth endpoints answer 400/403 for bad credentials; a 401 anywhere else means the session is gone.
      if (response.status === 401 && !path.startsWith("/api/auth/") && !navigation.leaving) {
        const here = currentPath();
        if (!here.startsWith(LOGIN_PATH)) redirect(loginUrl(here));
      }
      return response;
    },
  };

  // The API needs the page's origin (its CSRF check reads Origin), never its address: pages
  // whose URL carries a token send no referrer at all, and with that policy browsers that follow
  // the Fetch standard would send `Origin: null` on a POST. "strict-origin" sends the origin only.
  const client = createClient<paths>({
    baseUrl,
    credentials: "include",
    referrerPolicy: "strict-origin",
    fetch: fetchImpl,
    headers: options.headers,
  });
  client.use(middleware);
  return client;
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** The client the app uses in the browser. */
export const api = createApiClient();

type FetchResult<T> = { data?: T; error?: unknown; response: Response };

/** The data of a successful call, or an `ApiError` carrying the API's error body. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    const retry = Number(response.headers.get("Retry-After"));
    const body = error && typeof error === "object" ? (error as ApiErrorBody) : null;
    throw new ApiError(response.status, body, Number.isFinite(retry) && retry > 0 ? retry : undefined);
  }
  return data as T;
}
