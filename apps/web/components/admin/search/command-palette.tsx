"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "@/components/ui/dialog";
import { isApiError } from "@/lib/api/errors";
import { cn } from "@/lib/utils";
import { SEARCH_MAX, SEARCH_MIN, searchAdmin } from "./api";
import { groupResults, paletteKey } from "./palette-keys";

/** The query a pause in typing settles on (the API is asked once per pause, not per key). */
function useSettled(value: string, delay = 200): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/**
 * The back-office's search: a dialog with a combobox over a listbox of results grouped by kind.
 * The arrows move through them, Enter opens one, Escape closes; the API scopes the results.
 */
export function CommandPalette({
  open,
  onOpenChange,
  icon,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The magnifier, drawn on the server. */
  icon: React.ReactNode;
}) {
  const t = useTranslations("admin.shell.search");
  const router = useRouter();
  const id = useId();
  const [query, setQuery] = useState("");
  // The active option belongs to the answer it was chosen in: a new answer starts at its first result.
  const [cursor, setCursor] = useState<{ answer: unknown; index: number }>({ answer: undefined, index: 0 });
  const term = useSettled(query.trim());
  const enabled = term.length >= SEARCH_MIN;

  const search = useQuery({
    queryKey: ["admin", "search", term],
    queryFn: ({ signal }) => searchAdmin(term, { signal }),
    enabled: open && enabled,
    staleTime: 30_000,
    // The previous answer stays while the next one comes (no flicker between keystrokes).
    placeholderData: (previous) => previous,
    retry: false,
  });
  const groups = enabled && search.data ? groupResults(search.data.results) : [];
  const results = groups.flatMap((group) => group.items);
  const optionId = (index: number) => `${id}-option-${index}`;
  const active = cursor.answer === search.data ? cursor.index : 0;
  const setActive = (index: number) => setCursor({ answer: search.data, index });

  const go = (href: string) => {
    onOpenChange(false);
    router.push(href);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    const action = paletteKey(event.key, active, results.length, event.ctrlKey || event.metaKey);
    if (!action) return;
    event.preventDefault();
    if (action.type === "move") {
      setActive(action.index);
      document.getElementById(optionId(action.index))?.scrollIntoView({ block: "nearest" });
    } else {
      go(results[action.index].href);
    }
  };

  let status: string;
  if (!enabled) status = t("hint");
  else if (search.isError) status = isApiError(search.error) && search.error.status === 404 ? t("unavailable") : t("error");
  else if (search.isFetching && !search.data) status = t("searching");
  else if (results.length === 0 && search.data) status = t("noResults", { query: term });
  else status = t("count", { count: results.length });

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        closeLabel={t("title")}
        hideClose
        // A search field belongs at the top, above the phone's keyboard, not in a sheet from the bottom.
        className="top-0 bottom-auto gap-0 rounded-t-none rounded-b-xl p-0 data-[state=open]:slide-in-from-top sm:top-[12%] sm:max-w-xl sm:translate-y-0 sm:rounded-lg sm:p-0"
        data-testid="command-palette"
      >
        <DialogTitle className="sr-only">{t("title")}</DialogTitle>
        <DialogDescription className="sr-only">{t("keys")}</DialogDescription>
        <div className="flex items-center gap-2 border-b px-3">
          {icon}
          <input
            type="search"
            role="combobox"
            aria-label={t("label")}
            aria-expanded={results.length > 0}
            aria-controls={results.length > 0 ? `${id}-listbox` : undefined}
            aria-autocomplete="list"
            aria-activedescendant={results[active] ? optionId(active) : undefined}
            aria-describedby={`${id}-status`}
            autoComplete="off"
            spellCheck={false}
            maxLength={SEARCH_MAX}
            placeholder={t("placeholder")}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            onKeyDown={onKeyDown}
            className="h-14 min-w-0 flex-1 bg-transparent text-base outline-none placeholder:text-muted-foreground"
          />
        </div>
        {results.length > 0 ? (
        <div role="listbox" id={`${id}-listbox`} aria-label={t("title")} className="max-h-[min(60dvh,26rem)] overflow-y-auto p-2">
          {groups.map((group) => (
            <ul key={group.kind} role="group" aria-labelledby={`${id}-${group.kind}`} className="mb-2 last:mb-0">
              <li role="presentation" id={`${id}-${group.kind}`} className="px-2 py-1 text-xs font-semibold text-muted-foreground uppercase">
                {t(`kinds.${group.kind}`)}
              </li>
              {group.items.map((result) => (
                <li
                  key={`${result.kind}-${result.id}`}
                  id={optionId(result.index)}
                  role="option"
                  aria-selected={result.index === active}
                  onMouseMove={() => setActive(result.index)}
                  onClick={() => go(result.href)}
                  className={cn(
                    "flex min-h-11 cursor-pointer flex-col justify-center rounded-md px-2 py-1.5",
                    result.index === active && "bg-secondary text-secondary-foreground",
                  )}
                >
                  <span className="truncate text-sm font-medium">{result.title}</span>
                  {result.subtitle ? <span className="truncate text-xs text-muted-foreground">{result.subtitle}</span> : null}
                </li>
              ))}
            </ul>
          ))}
        </div>
        ) : null}
        <p id={`${id}-status`} role="status" className="border-t px-3 py-2 text-xs text-muted-foreground">
          {status}
          <span className="hidden sm:inline"> · {t("keys")}</span>
        </p>
      </DialogContent>
    </Dialog>
  );
}
