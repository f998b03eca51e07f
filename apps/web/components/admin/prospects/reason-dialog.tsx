"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormField, controlProps } from "@/components/form";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Textarea } from "@/components/ui/input";
import type { StageKind } from "./pipeline";

/** Why a prospect was won or lost: asked before the move is saved; cancelling leaves it where it was. */
export function ReasonDialog({
  open,
  company,
  kind,
  pending,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  company: string;
  kind: StageKind;
  pending?: boolean;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("admin.prospects.reason");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  // Each opening starts blank.
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setReason("");
      setError(undefined);
    }
  }
  const confirm = () => {
    if (!reason.trim()) {
      setError(t("required"));
      return;
    }
    onConfirm(reason.trim());
  };
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => (next ? undefined : onCancel())}
      title={kind === "won" ? t("wonTitle", { company }) : t("lostTitle", { company })}
      description={t("description")}
      confirmLabel={t("confirm")}
      cancelLabel={t("cancel")}
      onConfirm={confirm}
      pending={pending}
    >
      <FormField id="move-reason" label={t("label")} error={error}>
        <Textarea
          {...controlProps("move-reason", error)}
          value={reason}
          rows={3}
          maxLength={500}
          placeholder={kind === "won" ? t("placeholderWon") : t("placeholderLost")}
          onChange={(event) => setReason(event.target.value)}
        />
      </FormField>
    </ConfirmDialog>
  );
}
