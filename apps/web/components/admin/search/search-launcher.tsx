"use client";

import dynamic from "next/dynamic";
import { useEffect, useState, useSyncExternalStore } from "react";
import { isPaletteShortcut } from "./palette-keys";

// The palette (dialog, listbox, queries) arrives on the first Ctrl-K or click, not with the page.
const CommandPalette = dynamic(() => import("./command-palette").then((m) => m.CommandPalette), { ssr: false });

const noSubscription = () => () => {};

/** The header's search button and the Ctrl-K / ⌘-K shortcut, which open the command palette. */
export function SearchLauncher({
  label,
  shortcut,
  icon,
  inputIcon,
}: {
  label: string;
  shortcut: string;
  /** The button's and the search box's magnifier, drawn on the server. */
  icon: React.ReactNode;
  inputIcon: React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);
  // ⌘ on Apple keyboards; the server (and the first paint) say Ctrl.
  const apple = useSyncExternalStore(
    noSubscription,
    () => /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent),
    () => false,
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isPaletteShortcut(event)) return;
      event.preventDefault();
      setLoaded(true);
      setOpen((was) => !was);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <>
      <button
        type="button"
        onClick={() => {
          setLoaded(true);
          setOpen(true);
        }}
        aria-haspopup="dialog"
        aria-keyshortcuts="Control+K Meta+K"
        className="inline-flex size-11 items-center justify-center gap-2 rounded-md text-sm text-muted-foreground hover:bg-accent md:h-9 md:w-full md:max-w-sm md:justify-start md:border md:border-input md:bg-background md:px-3"
      >
        {icon}
        <span className="sr-only md:not-sr-only md:flex-1 md:text-left">{label}</span>
        <kbd aria-hidden="true" className="hidden rounded border bg-muted px-1.5 font-sans text-xs md:inline">
          {apple ? "⌘ K" : shortcut}
        </kbd>
      </button>
      {loaded ? <CommandPalette open={open} onOpenChange={setOpen} icon={inputIcon} /> : null}
    </>
  );
}
