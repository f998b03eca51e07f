"use client";

import { Copy, Download } from "lucide-react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { useCopyToClipboard } from "@/lib/use-copy-to-clipboard";

/** "Copié" once a copy worked, read out by screen readers: an empty live region until then. */
export function CopiedStatus({ copied }: { copied: boolean }) {
  const t = useTranslations("twoFactor");
  return (
    <span role="status" className="text-xs text-muted-foreground">
      {copied ? t("copied") : ""}
    </span>
  );
}

/** The recovery codes, shown once: a list to copy or download as a text file. */
export function RecoveryCodesPanel({ codes, email }: { codes: string[]; email: string }) {
  const t = useTranslations("twoFactor");
  const { copied, copy } = useCopyToClipboard();
  const text = `${t("codesFileTitle", { email })}\n\n${codes.join("\n")}\n`;

  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "nourx-codes-de-secours.txt";
    document.body.appendChild(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  };

  return (
    <section aria-labelledby="recovery-codes-title" className="flex flex-col gap-3">
      <h2 id="recovery-codes-title" className="text-base font-semibold">
        {t("codesTitle")}
      </h2>
      <p className="text-sm text-muted-foreground">{t("codesIntro")}</p>
      <ol className="grid grid-cols-2 gap-2 rounded-md border bg-muted/40 p-3 font-mono text-sm" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code} className="text-center">
            {code}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="button" variant="outline" onClick={() => void copy(text)}>
          <Copy aria-hidden="true" />
          {t("copyCodes")}
        </Button>
        <Button type="button" variant="outline" onClick={download}>
          <Download aria-hidden="true" />
          {t("downloadCodes")}
        </Button>
        <CopiedStatus copied={copied} />
      </div>
    </section>
  );
}
