import { describe, expect, it, vi } from "vitest";
import { createApiClient, loginUrl, unwrap } from "./client";
import { ApiError } from "./errors";

type Call = { url: string; method: string; headers: Headers };

/** A fake API: records calls, sets the CSRF cookie like `/api/auth/csrf/` does, answers `respond`. */
function fakeApi(respond: (call: Call) => Response = () => json(200, {})) {
  const cookies = new Map<string, string>();
  const calls: Call[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(String(input), init);
    const call = { url: new URL(request.url).pathname, method: request.method, headers: request.headers };
    calls.push(call);
    if (call.url === "/api/auth/csrf/") {
      cookies.set("csrftoken", `token-${calls.length}`);
      return json(200, { csrftoken: cookies.get("csrftoken") });
    }
    return respond(call);
  });
  const redirect = vi.fn();
  const client = createApiClient({
    baseUrl: "http://web.test",
    fetch: fetch as unknown as typeof globalThis.fetch,
    readCookie: (name) => cookies.get(name),
    locale: () => "fr",
    currentPath: () => "/projets/42?vue=liste",
    redirect,
  });
  return { client, calls, cookies, redirect, fetch };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

describe("CSRF", () => {
  it("fetches the cookie once, then sends it on unsafe methods", async () => {
    const { client, calls } = fakeApi();
    await Promise.all([
      client.POST("/api/auth/logout/"),
      client.PATCH("/api/me/", { body: { name: "Awa" } }),
    ]);
    expect(calls.filter((c) => c.url === "/api/auth/csrf/")).toHaveLength(1);
    const unsafe = calls.filter((c) => c.url !== "/api/auth/csrf/");
    expect(unsafe.map((c) => c.headers.get("X-CSRFToken"))).toEqual(["token-1", "token-1"]);
  });

  it("tries a second time when fetching the token fails", async () => {
    let failures = 1;
    const { client, calls, fetch } = fakeApi();
    const answer = fetch.getMockImplementation();
    fetch.mockImplementation(async (input, init) => {
      if (String(input).endsWith("/api/auth/csrf/") && failures-- > 0) throw new TypeError("network down");
      return answer!(input, init);
    });
    await client.POST("/api/auth/logout/");
    const logout = calls.find((c) => c.url === "/api/auth/logout/");
    expect(fetch.mock.calls.filter(([input]) => String(input).endsWith("/api/auth/csrf/"))).toHaveLength(2);
    expect(logout?.headers.get("X-CSRFToken")).toMatch(/^token-/);
  });

  it("sends no token on safe methods and does not fetch one", async () => {
    const { client, calls } = fakeApi();
    await client.GET("/api/me/");
    expect(calls).toHaveLength(1);
    expect(calls[0].headers.get("X-CSRFToken")).toBeNull();
  });

  it("re-reads the cookie on every request, since login rotates it", async () => {
    const { client, calls, cookies } = fakeApi();
    cookies.set("csrftoken", "before-login");
    await client.POST("/api/auth/login/", { body: { email: "awa@akwaba.demo", password: "x" } });
    cookies.set("csrftoken", "after-login");
    await client.POST("/api/auth/logout/");
    expect(calls.map((c) => c.headers.get("X-CSRFToken"))).toEqual(["before-login", "after-login"]);
    expect(calls.some((c) => c.url === "/api/auth/csrf/")).toBe(false);
  });

  it("sends the interface language and the cookies", async () => {
    const { client, calls, fetch } = fakeApi();
    await client.GET("/api/me/");
    expect(calls[0].headers.get("Accept-Language")).toBe("fr");
    const request = fetch.mock.calls[0][0] as Request;
    expect(request.credentials).toBe("include");
  });
});

describe("401", () => {
  it("sends the browser to the login page, keeping where it was", async () => {
    const { client, redirect } = fakeApi(() => json(401, { detail: "Non connecté.", code: "not_authenticated" }));
    const { response } = await client.GET("/api/me/");
    expect(response.status).toBe(401);
    expect(redirect).toHaveBeenCalledWith("/connexion?next=%2Fprojets%2F42%3Fvue%3Dliste");
  });

  it("leaves auth endpoints alone", async () => {
    const { client, redirect } = fakeApi(() => json(401, { detail: "x", code: "not_authenticated" }));
    await client.POST("/api/auth/password-reset/", { body: { email: "a@b.c" } });
    expect(redirect).not.toHaveBeenCalled();
  });

  it("does not redirect on other errors", async () => {
    const { client, redirect } = fakeApi(() => json(403, { detail: "Interdit.", code: "permission_denied" }));
    await client.GET("/api/me/");
    expect(redirect).not.toHaveBeenCalled();
  });

  it("builds login URLs that cannot leave the site", () => {
    expect(loginUrl("/")).toBe("/connexion");
    expect(loginUrl("/connexion?next=%2F")).toBe("/connexion");
    expect(loginUrl("//evil.example/")).toBe("/connexion");
    expect(loginUrl("/support")).toBe("/connexion?next=%2Fsupport");
  });
});

describe("unwrap", () => {
  it("returns the data of a success", async () => {
    const { client } = fakeApi(() => json(200, { status: "ok", version: "1" }));
    await expect(unwrap(client.GET("/api/health/"))).resolves.toEqual({ status: "ok", version: "1" });
  });

  it("turns DRF validation errors into field errors", async () => {
    const { client } = fakeApi(() =>
      json(400, { email: ["Saisissez une adresse e-mail valide."], non_field_errors: ["Trop tard."] }),
    );
    const error = await unwrap(client.POST("/api/auth/password-reset/", { body: { email: "x" } })).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe("validation");
    expect(error.fieldErrors).toEqual({ email: ["Saisissez une adresse e-mail valide."] });
    expect(error.generalErrors).toEqual(["Trop tard."]);
  });

  it("keeps detail, code and the allowed statuses of a conflict", async () => {
    const body = { detail: "Transition impossible.", code: "invalid_transition", from: "todo", to: "done", allowed: ["in_progress", "blocked"] };
    const { client } = fakeApi(() => json(409, body));
    const error = await unwrap(
      client.PATCH("/api/tasks/{id}/", { params: { path: { id: "t1" } }, body: { status: "done" } }),
    ).catch((e) => e);
    expect(error.code).toBe("invalid_transition");
    expect(error.message).toBe("Transition impossible.");
    expect(error.allowedStatuses).toEqual(["in_progress", "blocked"]);
    expect(error.fieldErrors).toEqual({});
    expect(error.generalErrors).toEqual(["Transition impossible."]);
  });

  it("reads Retry-After on a 429", async () => {
    const { client } = fakeApi(() => json(429, { detail: "Trop de tentatives.", code: "throttled" }, { "Retry-After": "120" }));
    const error = await unwrap(client.POST("/api/auth/login/", { body: { email: "a", password: "b" } })).catch((e) => e);
    expect(error.code).toBe("throttled");
    expect(error.retryAfter).toBe(120);
  });
});

describe("leaving", () => {
  it("does not redirect on a 401 once the app is logging out", async () => {
    const { navigation } = await import("./client");
    const { client, redirect } = fakeApi(() => json(401, { detail: "x", code: "not_authenticated" }));
    navigation.leaving = true;
    try {
      await client.GET("/api/me/");
      expect(redirect).not.toHaveBeenCalled();
    } finally {
      navigation.leaving = false;
    }
  });
});
