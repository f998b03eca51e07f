/** The API describes a variable in both languages, « français · English »: the reader's half. */
export function describeVariable(description: string, locale: "fr" | "en"): string {
  const [french, english] = description.split(" · ");
  return (locale === "en" ? english : french)?.trim() || description;
}
