"use client";

import { Bookmark, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormError, FormField, controlProps } from "@/components/form";
import { useToast } from "@/components/toaster";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Input, NativeSelect } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { isApiError } from "@/lib/api/errors";
import { useErrorMessage } from "@/lib/use-error-message";
import { useDeleteFilter, useSaveFilter, useSavedFilters } from "@/queries/admin-clients";

const SCOPE = "clients";

/**
 * Named filters of the client list, each staff member's own: pick one (the list takes its query),
 * save the current one under a name, delete the one in use.
 */
export function SavedFilters({ current, onPick }: { current: string; onPick: (query: string) => void }) {
  const t = useTranslations("admin.clients");
  const tc = useTranslations("common");
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const saved = useSavedFilters(SCOPE);
  const save = useSaveFilter(SCOPE);
  const remove = useDeleteFilter(SCOPE);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState("");
  const [nameError, setNameError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const filters = saved.data ?? [];
  const selected = filters.find((filter) => filter.query === current);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setNameError(undefined);
    setFormError(undefined);
    if (!name.trim()) {
      setNameError(t("saved.nameRequired"));
      return;
    }
    try {
      await save.mutateAsync({ name: name.trim(), query: current });
      toast.show("success", t("saved.savedToast", { name: name.trim() }));
      setNaming(false);
      setName("");
    } catch (error) {
      const fieldErrors = isApiError(error) ? error.fieldErrors : {};
      if (fieldErrors.name) setNameError(fieldErrors.name.join(" "));
      else setFormError(errorMessage(error));
    }
  };

  return (
    <div className="flex min-w-0 flex-wrap items-center gap-2 empty:hidden">
      {filters.length > 0 ? (
        <div className="flex min-w-0 items-center gap-2">
          <Label htmlFor="saved-filter" className="sr-only">
            {t("saved.pick")}
          </Label>
          <NativeSelect
            id="saved-filter"
            className="max-w-64"
            value={selected?.id ?? ""}
            onChange={(event) => {
              const filter = filters.find((f) => f.id === event.target.value);
              if (filter) onPick(filter.query);
            }}
          >
            <option value="" disabled>
              {t("saved.pick")}
            </option>
            {filters.map((filter) => (
              <option key={filter.id} value={filter.id}>
                {filter.name}
              </option>
            ))}
          </NativeSelect>
          {selected ? (
            <Button variant="ghost" size="icon" aria-label={t("saved.delete", { name: selected.name })} onClick={() => setConfirmDelete(true)}>
              <Trash2 aria-hidden="true" />
            </Button>
          ) : null}
        </div>
      ) : null}
      {current && !selected ? (
        <Button variant="ghost" onClick={() => setNaming(true)}>
          <Bookmark aria-hidden="true" />
          {t("saved.save")}
        </Button>
      ) : null}

      <Dialog open={naming} onOpenChange={(open) => (save.isPending ? undefined : setNaming(open))}>
        <DialogContent closeLabel={tc("close")}>
          <DialogHeader>
            <DialogTitle>{t("saved.saveTitle")}</DialogTitle>
            <DialogDescription>{t("saved.saveText")}</DialogDescription>
          </DialogHeader>
          <form onSubmit={submit} noValidate className="flex flex-col gap-4">
            <FormField id="saved-filter-name" label={t("saved.name")} error={nameError}>
              <Input {...controlProps("saved-filter-name", nameError)} value={name} maxLength={100} onChange={(event) => setName(event.target.value)} autoComplete="off" />
            </FormField>
            <FormError message={formError} />
            <Button type="submit" disabled={save.isPending} className="sm:self-end">
              {save.isPending ? tc("saving") : tc("save")}
            </Button>
          </form>
        </DialogContent>
      </Dialog>

      {selected ? (
        <ConfirmDialog
          open={confirmDelete}
          onOpenChange={setConfirmDelete}
          title={t("saved.deleteTitle")}
          description={t("saved.deleteText", { name: selected.name })}
          confirmLabel={t("saved.deleteConfirm")}
          cancelLabel={tc("cancel")}
          tone="destructive"
          pending={remove.isPending}
          onConfirm={async () => {
            try {
              await remove.mutateAsync(selected.id);
              setConfirmDelete(false);
            } catch (error) {
              toast.show("error", errorMessage(error));
            }
          }}
        />
      ) : null}
    </div>
  );
}
