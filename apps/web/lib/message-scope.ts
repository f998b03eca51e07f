/**
 * Which messages the root layout sends to the browser. Portal pages get every portal namespace;
 * the pay link's pages (`/payer/…`, opened on a phone over mobile data by someone without an
 * account) get only the few their client components read, which takes about 6 kB (gzip) off
 * their HTML. proxy.ts names the scope in a request header the browser cannot set.
 *
 * The root layout stays in place across client-side navigations, so a link from a pay link's page
 * to the portal must be a full navigation (`<a href>`, not `<Link>`).
 */

export const MESSAGE_SCOPE_HEADER = "x-nourx-messages";

/**
 * The path of a pay link's page, for its not-found boundary (app/payer/[token]/not-found.tsx),
 * which gets no route parameters: proxy.ts sets it on those pages and removes it elsewhere.
 */
export const PAY_LINK_PATH_HEADER = "x-nourx-pay-link-path";

export type MessageScope = "pay-link";

/** The namespaces the pay link's client components use (the server renders with all of them). */
export const PAY_LINK_NAMESPACES = ["common", "errors", "payLink", "payments"] as const;

export function messageScope(pathname: string): MessageScope | null {
  return pathname.startsWith("/payer/") ? "pay-link" : null;
}

/** The messages for the browser in `scope`: all of them (but the back-office's) when it has none. */
export function scopedMessages<T extends Record<string, unknown>>(messages: T, scope: string | null): Partial<T> {
  if (scope !== "pay-link") return messages;
  return Object.fromEntries(PAY_LINK_NAMESPACES.filter((name) => name in messages).map((name) => [name, messages[name]])) as Partial<T>;
}
