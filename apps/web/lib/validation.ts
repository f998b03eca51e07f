/**
 * Form rules, with zod's "mini" build imported by name: the same checks for a fraction of the
 * JavaScript (people load these pages over mobile data). Importing zod's whole namespace would
 * pull in every locale it ships.
 */
import {
  enum as zEnum,
  intersection,
  maxLength,
  minLength,
  object,
  refine,
  regex,
  string,
  trim,
} from "zod/mini";
import type { infer as ZodInfer, ZodMiniType } from "zod/mini";

export const z = { enum: zEnum, intersection, maxLength, minLength, object, refine, string };
export type Infer<T extends ZodMiniType> = ZodInfer<T>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Trimmed text; `required` is the message when empty. */
export function text(options: { required?: string; max?: number } = {}) {
  return string().check(
    trim(),
    ...(options.required ? [minLength(1, options.required)] : []),
    maxLength(options.max ?? 10_000),
  );
}

export function email(message: string) {
  return string().check(trim(), regex(EMAIL, message));
}

/** A password field that only needs to be filled (the API checks the rest). */
export function filled(message: string) {
  return string().check(minLength(1, message));
}
