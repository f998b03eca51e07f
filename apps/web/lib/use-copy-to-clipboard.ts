"use client";

import { useCallback, useState } from "react";

/** Copies text to the clipboard; `copied` says whether the last copy worked, for a "Copié" status beside the button. */
export function useCopyToClipboard() {
  const [copied, setCopied] = useState(false);
  const copy = useCallback(async (text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      // Refused (no permission, insecure context): the status stays silent and the text stays on screen.
      setCopied(false);
    }
  }, []);
  return { copied, copy };
}
