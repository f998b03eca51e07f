// Types of forwarded.mjs (plain JavaScript, run by Node.js without a build step).
import type { BlockList } from "node:net";

type NodeHeaders = Record<string, string | string[] | undefined>;

export function parseAddress(text: string): string | undefined;
export function parseTrustedProxies(text: string | undefined): BlockList;
export function clientAddress(peer: string | undefined, forwardedFor: string | undefined, trusted: BlockList): string | undefined;
export function forwardedHeaders(
  request: { peer: string | undefined; headers: NodeHeaders; encrypted: boolean },
  trusted: BlockList,
): { "x-forwarded-for": string | undefined; "x-forwarded-proto": string; "x-forwarded-host": string };
export function stripHopByHop<T extends NodeHeaders>(headers: T): T;
export function apiPath(url: string): string;
export function isApiRequest(url: string): boolean;
