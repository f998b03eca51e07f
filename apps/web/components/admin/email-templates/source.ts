/**
 * Pure helpers of the email template editor: where an error points in a source, inserting a
 * variable at the cursor, and a first HTML part written from the text.
 */

/** The line an API message names (« Ligne 4 : … », "Line 4: …"), if it names one. */
export function errorLine(message: string): number | undefined {
  const match = /^(?:Ligne|Line) (\d+)\s?:/.exec(message);
  return match ? Number(match[1]) : undefined;
}

/** Line `line` (from 1) of `source`, or undefined past its end. */
export function lineOf(source: string, line: number): string | undefined {
  const lines = source.split("\n");
  return line >= 1 && line <= lines.length ? lines[line - 1] : undefined;
}

/** Where line `line` (from 1) starts and ends in `source`, to select it. */
export function lineRange(source: string, line: number): { start: number; end: number } {
  const lines = source.split("\n");
  const index = Math.min(Math.max(line, 1), lines.length) - 1;
  const start = lines.slice(0, index).reduce((offset, text) => offset + text.length + 1, 0);
  return { start, end: start + lines[index].length };
}

/** `{{ name }}`, as the templates write a variable. */
export function slot(name: string): string {
  return `{{ ${name} }}`;
}

/** `value` with `inserted` in place of the selection `start`–`end`, and where the cursor goes next. */
export function insertAt(value: string, start: number, end: number, inserted: string): { value: string; cursor: number } {
  const from = Math.max(0, Math.min(start, value.length));
  const to = Math.max(from, Math.min(end, value.length));
  return { value: value.slice(0, from) + inserted + value.slice(to), cursor: from + inserted.length };
}

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * A first HTML part from the text, for an admin who starts writing their own: a paragraph per block
 * of lines, line breaks kept, and each `{{ …url }}` variable made a link. Markup typed in the text
 * is escaped; variables are left as they are (the API escapes their values).
 */
export function htmlFromText(text: string): string {
  const blocks = text
    .replace(/\r\n/g, "\n")
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean);
  return blocks
    .map((block) => {
      const lines = block.split("\n").map((line) => {
        const escaped = escapeHtml(line.trimEnd());
        return escaped.replace(/\{\{\s*(\w+_url)\s*\}\}/g, (_, name: string) => `<a href="{{ ${name} }}">{{ ${name} }}</a>`);
      });
      return `<p>${lines.join("<br>\n")}</p>`;
    })
    .join("\n");
}
