/**
 * The client form's rules, the same as the API's (crates/api/src/clients/handlers.rs): a name,
 * lengths, 2-letter country and 3-letter currency codes, an email and a phone that parse. The API
 * checks again and its 400s land on the same fields.
 */
import { boolean, enum as zEnum, maxLength, minLength, object, refine, regex, string, trim } from "zod/mini";
import type { infer as ZodInfer } from "zod/mini";
import { CLIENT_SIZES, type AdminClient, type ClientWrite } from "@/lib/api/admin";

export const CLIENT_FIELDS = [
  "name",
  "legal_name",
  "tax_id",
  "address",
  "city",
  "country",
  "phone",
  "billing_email",
  "currency",
  "language",
  "sector",
  "tags",
  "size",
  "partial_payments_allowed",
] as const;

/** The messages the rules show, from `admin.clients` (`form.errors`). */
export type ClientFormMessages = {
  nameRequired: string;
  tooLong: (max: number) => string;
  country: string;
  currency: string;
  email: string;
  phone: string;
  tags: string;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** 8 to 15 digits once spaces, dots, dashes and brackets are dropped; `+` in front allowed. */
const PHONE = /^\+?\d{8,15}$/;
/** As crates/domain/src/client.rs: at most 10 tags of at most 30 characters, kept lowercase. */
const MAX_TAGS = 10;
const MAX_TAG_CHARS = 30;

function optionalText(max: number, messages: ClientFormMessages) {
  return string().check(trim(), maxLength(max, messages.tooLong(max)));
}

export function clientFormSchema(messages: ClientFormMessages) {
  return object({
    name: string().check(trim(), minLength(1, messages.nameRequired), maxLength(200, messages.tooLong(200))),
    legal_name: optionalText(200, messages),
    tax_id: optionalText(50, messages),
    address: optionalText(500, messages),
    city: optionalText(100, messages),
    country: string().check(trim(), regex(/^[A-Za-z]{2}$/, messages.country)),
    phone: string().check(
      trim(),
      refine((value) => value === "" || PHONE.test(value.replace(/[\s.()-]/g, "")), messages.phone),
    ),
    billing_email: string().check(
      trim(),
      refine((value) => value === "" || EMAIL.test(value), messages.email),
    ),
    currency: string().check(trim(), regex(/^[A-Za-z]{3}$/, messages.currency)),
    language: zEnum(["fr", "en"]),
    sector: optionalText(80, messages),
    tags: string().check(
      refine((value) => splitTags(value).length <= MAX_TAGS && splitTags(value).every((tag) => tag.length <= MAX_TAG_CHARS), messages.tags),
    ),
    size: zEnum(["", ...CLIENT_SIZES]),
    partial_payments_allowed: boolean(),
  });
}

export type ClientFormValues = ZodInfer<ReturnType<typeof clientFormSchema>>;

export const EMPTY_CLIENT_FORM: ClientFormValues = {
  name: "",
  legal_name: "",
  tax_id: "",
  address: "",
  city: "",
  country: "CI",
  phone: "",
  billing_email: "",
  currency: "XOF",
  language: "fr",
  sector: "",
  tags: "",
  size: "",
  partial_payments_allowed: false,
};

/** `"BTP, export ,btp"` → `["btp", "export"]`: trimmed, lowercase (as stored), no blanks, no repeats. */
export function splitTags(value: string): string[] {
  const tags: string[] = [];
  for (const raw of value.split(",")) {
    const tag = raw.trim().toLowerCase();
    if (tag && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

const blankToNull = (value: string) => (value.trim() === "" ? null : value.trim());

/** The form's values as the API takes them: codes upper-cased, blanks as `null`, tags as a list. */
export function toClientWrite(values: ClientFormValues): ClientWrite {
  return {
    name: values.name.trim(),
    legal_name: blankToNull(values.legal_name),
    tax_id: blankToNull(values.tax_id),
    address: blankToNull(values.address),
    city: blankToNull(values.city),
    country: values.country.trim().toUpperCase(),
    phone: blankToNull(values.phone),
    billing_email: blankToNull(values.billing_email),
    currency: values.currency.trim().toUpperCase(),
    language: values.language,
    sector: blankToNull(values.sector),
    tags: splitTags(values.tags),
    size: values.size === "" ? null : values.size,
    partial_payments_allowed: values.partial_payments_allowed,
  };
}

/** A client's profile as the form's starting values. */
export function clientFormValues(client: AdminClient): ClientFormValues {
  return {
    name: client.name,
    legal_name: client.legal_name ?? "",
    tax_id: client.tax_id ?? "",
    address: client.address ?? "",
    city: client.city ?? "",
    country: client.country,
    phone: client.phone ?? "",
    billing_email: client.billing_email ?? "",
    currency: client.currency,
    language: client.language,
    sector: client.sector ?? "",
    tags: (client.tags ?? []).join(", "),
    size: client.size ?? "",
    partial_payments_allowed: client.partial_payments_allowed ?? false,
  };
}
