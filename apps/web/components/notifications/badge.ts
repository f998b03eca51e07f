/** The badge's text: the count up to 9, then `9+` (a small circle holds no more). */
export function unreadBadgeLabel(count: number): string | null {
  if (!Number.isFinite(count) || count <= 0) return null;
  return count > 9 ? "9+" : String(Math.floor(count));
}

/** A notification's link when it is a path of this site; anything else opens nothing. */
export function notificationHref(link: string | null | undefined): string | null {
  if (!link || !link.startsWith("/") || link.startsWith("//") || link.startsWith("/\\")) return null;
  return link;
}
