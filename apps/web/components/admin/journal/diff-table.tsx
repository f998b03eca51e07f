"use client";

import { useTranslations } from "next-intl";
import { diffRows, statusMessageKey } from "./diff";

/** An audit entry's changes as a before/after table (a creation has only "after"); statuses in words. */
export function DiffTable({ diff, caption, entity }: { diff: unknown; caption: string; entity: string }) {
  const t = useTranslations("admin.journal");
  const messages = useTranslations();
  const word = (field: string, value: string | null) => {
    // Keys built at run time: `has` guards the ones the messages do not define.
    const key = statusMessageKey(entity, field, value) as Parameters<typeof messages>[0] | null;
    return key && messages.has(key) ? messages(key) : value;
  };
  const rows = diffRows(diff).map((row) => ({ ...row, before: word(row.field, row.before), after: word(row.field, row.after) }));
  if (rows.length === 0) return <p className="text-sm text-muted-foreground">{t("diff.none")}</p>;
  const empty = <span className="text-muted-foreground">—</span>;
  return (
    <div className="overflow-x-auto rounded-md border">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-muted/60 text-left text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">{t("diff.field")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("diff.before")}</th>
            <th scope="col" className="px-3 py-2 font-medium">{t("diff.after")}</th>
          </tr>
        </thead>
        <tbody className="divide-y">
          {rows.map((row) => (
            <tr key={row.field} className="align-top">
              <th scope="row" className="px-3 py-2 text-left font-mono text-xs font-medium">{row.field}</th>
              <td className="px-3 py-2 break-all text-red-800">{row.before === null ? empty : <del className="no-underline">{row.before}</del>}</td>
              <td className="px-3 py-2 break-all text-green-800">{row.after === null ? empty : <ins className="no-underline">{row.after}</ins>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
