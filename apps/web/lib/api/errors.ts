/**
 * The API's error bodies, as Django REST Framework writes them:
 * validation → `{"field": ["message"], "non_field_errors": ["…"]}`,
 * anything else → `{"detail": "…", "code": "…"}` (409 adds `from`, `to`, `allowed`).
 */
export type ApiErrorBody = {
  detail?: string;
  code?: string;
  allowed?: string[];
  from?: string;
  to?: string;
  [field: string]: unknown;
};

const NOT_FIELDS = new Set(["detail", "code", "allowed", "from", "to", "non_field_errors"]);

export class ApiError extends Error {
  readonly status: number;
  readonly body: ApiErrorBody | null;
  /** Seconds, from `Retry-After` on a 429. */
  readonly retryAfter?: number;

  constructor(status: number, body: ApiErrorBody | null, retryAfter?: number) {
    super(typeof body?.detail === "string" ? body.detail : `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.body = body;
    this.retryAfter = retryAfter;
  }

  /** The stable machine code (`not_found`, `invalid_transition`, …); `validation` for a 400 per field. */
  get code(): string {
    if (typeof this.body?.code === "string") return this.body.code;
    return this.status === 400 ? "validation" : `http_${this.status}`;
  }

  /** `{"field": ["message"]}` for every named field of a validation error. */
  get fieldErrors(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    if (!this.body || typeof this.body.code === "string") return out;
    for (const [key, value] of Object.entries(this.body)) {
      if (NOT_FIELDS.has(key) || !Array.isArray(value)) continue;
      const messages = value.filter((m): m is string => typeof m === "string");
      if (messages.length) out[key] = messages;
    }
    return out;
  }

  /** Messages that belong to no field: `non_field_errors`, or the `detail` of other errors. */
  get generalErrors(): string[] {
    const list = this.body?.non_field_errors;
    const messages = Array.isArray(list) ? list.filter((m): m is string => typeof m === "string") : [];
    if (typeof this.body?.detail === "string") messages.push(this.body.detail);
    return messages;
  }

  /** For a 409 `invalid_transition`: the statuses allowed from the current one. */
  get allowedStatuses(): string[] {
    return Array.isArray(this.body?.allowed) ? this.body.allowed.filter((s) => typeof s === "string") : [];
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
