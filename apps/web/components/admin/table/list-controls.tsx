"use client";

import { Search, X } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/**
 * A list's search field: the address changes 350 ms after the last key (replace, not push), and
 * a search changed from elsewhere (back button, "Effacer les filtres") shows in the field.
 */
export function ListSearchBox({ value, onSearch, label, placeholder }: { value: string; onSearch: (search: string) => void; label: string; placeholder: string }) {
  const [text, setText] = useState(value);
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    if (text.trim() !== value) setText(value);
  }
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => onSearch(text.trim()), 350);
    return () => clearTimeout(timer);
  }, [text, value, onSearch]);
  return (
    <div className="relative min-w-0 basis-full sm:basis-0 sm:flex-1">
      <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden="true" />
      <Input type="search" aria-label={label} placeholder={placeholder} value={text} onChange={(event) => setText(event.target.value)} className="pl-9" />
    </div>
  );
}

/** Each filter in use as a chip that removes it, then "Effacer les filtres"; nothing without filters. */
export function ActiveFilterChips<K extends string>({
  chips,
  label,
  removeLabel,
  clearLabel,
  onRemove,
  onClear,
}: {
  chips: { key: K; label: string }[];
  /** The group's name: "Filtres actifs". */
  label: string;
  /** "Retirer le filtre « {label} »". */
  removeLabel: (label: string) => string;
  clearLabel: string;
  onRemove: (key: K) => void;
  onClear: () => void;
}) {
  if (chips.length === 0) return null;
  return (
    <div className="mb-3 flex flex-wrap items-center gap-2" role="group" aria-label={label} data-testid="filter-chips">
      {chips.map((chip) => (
        <button
          key={chip.key}
          type="button"
          onClick={() => onRemove(chip.key)}
          aria-label={removeLabel(chip.label)}
          className="inline-flex min-h-9 max-w-full items-center gap-1.5 rounded-full border border-primary/30 bg-primary/5 py-1 pr-2 pl-3 text-sm font-medium hover:bg-primary/10"
        >
          <span className="min-w-0 truncate">{chip.label}</span>
          <X className="size-4 shrink-0" aria-hidden="true" />
        </button>
      ))}
      <Button variant="ghost" size="sm" onClick={onClear}>
        {clearLabel}
      </Button>
    </div>
  );
}
