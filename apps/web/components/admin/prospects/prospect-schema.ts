/**
 * The prospect form's rules, as the API's: a company, lengths, an email and phones that parse,
 * a whole amount, a percentage. The API checks again and its 400s land on the same fields.
 */
import { enum as zEnum, maxLength, minLength, object, refine, string, trim } from "zod/mini";
import type { infer as ZodInfer } from "zod/mini";
import { splitTags } from "@/components/admin/forms/client-schema";
import { CLIENT_SIZES } from "@/lib/api/admin";
import { PROSPECT_SOURCES, type Prospect } from "./pipeline";
import type { ProspectWrite } from "./queries";

export const PROSPECT_FIELDS = [
  "company",
  "contact_name",
  "email",
  "phone",
  "whatsapp",
  "source",
  "estimated_value",
  "probability",
  "expected_close",
  "owner_id",
  "sector",
  "city",
  "size",
  "tags",
  "notes",
  "next_follow_up",
  "stage_id",
] as const;

export type ProspectFormMessages = {
  companyRequired: string;
  tooLong: (max: number) => string;
  email: string;
  phone: string;
  value: string;
  probability: string;
  tags: string;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?\d{8,15}$/;
const digitsOnly = (value: string) => value.replace(/[\s\u202f\u00a0.]/g, "");

const text = (max: number, m: ProspectFormMessages) => string().check(trim(), maxLength(max, m.tooLong(max)));
const phone = (m: ProspectFormMessages) =>
  string().check(
    trim(),
    refine((value) => value === "" || PHONE.test(value.replace(/[\s.()-]/g, "")), m.phone),
  );

export function prospectFormSchema(m: ProspectFormMessages) {
  return object({
    company: string().check(trim(), minLength(1, m.companyRequired), maxLength(200, m.tooLong(200))),
    contact_name: text(200, m),
    email: string().check(
      trim(),
      refine((value) => value === "" || EMAIL.test(value), m.email),
    ),
    phone: phone(m),
    whatsapp: phone(m),
    source: zEnum(["", ...PROSPECT_SOURCES]),
    estimated_value: string().check(refine((value) => value.trim() === "" || /^\d{1,15}$/.test(digitsOnly(value)), m.value)),
    probability: string().check(
      refine((value) => value.trim() === "" || (/^\d{1,3}$/.test(value.trim()) && Number(value) <= 100), m.probability),
    ),
    expected_close: string(),
    owner_id: string(),
    sector: text(80, m),
    city: text(100, m),
    size: zEnum(["", ...CLIENT_SIZES]),
    tags: string().check(refine((value) => splitTags(value).length <= 10 && splitTags(value).every((tag) => tag.length <= 30), m.tags)),
    notes: text(5000, m),
    next_follow_up: string(),
    stage_id: string(),
  });
}

export type ProspectFormValues = ZodInfer<ReturnType<typeof prospectFormSchema>>;

export const EMPTY_PROSPECT_FORM: ProspectFormValues = {
  company: "",
  contact_name: "",
  email: "",
  phone: "",
  whatsapp: "",
  source: "",
  estimated_value: "",
  probability: "",
  expected_close: "",
  owner_id: "",
  sector: "",
  city: "",
  size: "",
  tags: "",
  notes: "",
  next_follow_up: "",
  stage_id: "",
};

const blankToNull = (value: string) => (value.trim() === "" ? null : value.trim());

/**
 * The form as the API takes it: blanks as `null` (which clears on a change), amounts as
 * integers, tags as a list. A new prospect without a probability takes its stage's.
 */
export function toProspectWrite(values: ProspectFormValues, { creating }: { creating: boolean }): ProspectWrite {
  const body: ProspectWrite = {
    company: values.company.trim(),
    contact_name: blankToNull(values.contact_name),
    email: blankToNull(values.email),
    phone: blankToNull(values.phone),
    whatsapp: blankToNull(values.whatsapp),
    estimated_value: values.estimated_value.trim() === "" ? 0 : Number(digitsOnly(values.estimated_value)),
    expected_close: blankToNull(values.expected_close),
    owner_id: blankToNull(values.owner_id),
    sector: blankToNull(values.sector),
    city: blankToNull(values.city),
    size: values.size === "" ? null : values.size,
    tags: splitTags(values.tags),
    notes: values.notes.trim(),
    next_follow_up: blankToNull(values.next_follow_up),
  };
  if (values.source) body.source = values.source;
  if (values.probability.trim() !== "") body.probability = Number(values.probability);
  if (creating && values.stage_id) body.stage_id = values.stage_id;
  return body;
}

export function prospectFormValues(prospect: Prospect): ProspectFormValues {
  return {
    company: prospect.company,
    contact_name: prospect.contact_name ?? "",
    email: prospect.email ?? "",
    phone: prospect.phone ?? "",
    whatsapp: prospect.whatsapp ?? "",
    source: prospect.source,
    estimated_value: String(prospect.estimated_value),
    probability: String(prospect.probability),
    expected_close: prospect.expected_close ?? "",
    owner_id: prospect.owner_id ?? "",
    sector: prospect.sector ?? "",
    city: prospect.city ?? "",
    size: prospect.size ?? "",
    tags: prospect.tags.join(", "),
    notes: prospect.notes ?? "",
    next_follow_up: prospect.next_follow_up ?? "",
    stage_id: prospect.stage_id,
  };
}
