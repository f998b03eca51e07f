"use client";

import { Link2, Loader2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { FormError, FormField, controlProps } from "@/components/form";
import { ListShell, SkeletonRows } from "@/components/list-shell";
import { DataTable, type Column } from "@/components/admin/table/data-table";
import { isUnpaid } from "@/components/billing/due-status";
import { ShareLinkPanel } from "@/components/billing/share-link";
import { useToast } from "@/components/toaster";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { isApiError } from "@/lib/api/errors";
import type { Invoice } from "@/lib/api/types";
import { formatDate, formatDateTime } from "@/lib/format";
import { LINK_VALIDITY, parseValidityDays } from "@/lib/pay-link";
import { useAppLocale } from "@/lib/use-app-locale";
import { useErrorMessage } from "@/lib/use-error-message";
import { useCreatePayLink, usePayLinks, useRevokePayLink, type PayLink } from "@/queries/pay-links";

const STATE_TONE: Record<PayLink["state"], BadgeTone> = { active: "success", expired: "neutral", revoked: "danger" };

function StateBadge({ link }: { link: PayLink }) {
  const t = useTranslations("admin.billing.payLinks.states");
  return (
    <Badge tone={STATE_TONE[link.state]} data-testid="pay-link-state">
      {t(link.state)}
    </Badge>
  );
}

/** "Expire le 06/01/2027", or when it stopped working. */
function Expiry({ link }: { link: PayLink }) {
  const t = useTranslations("admin.billing.payLinks");
  const locale = useAppLocale();
  if (link.state === "revoked" && link.revoked_at) return <span>{t("revokedOn", { date: formatDate(link.revoked_at, locale) })}</span>;
  const date = formatDate(link.expires_at, locale);
  return <span className="tabular-nums">{link.state === "expired" ? t("expiredOn", { date }) : t("expiresOn", { date })}</span>;
}

function Uses({ link }: { link: PayLink }) {
  const t = useTranslations("admin.billing.payLinks");
  return <span className="whitespace-nowrap">{t("useCount", { count: link.use_count })}</span>;
}

function LastUse({ link }: { link: PayLink }) {
  const t = useTranslations("admin.billing.payLinks");
  const locale = useAppLocale();
  return <span className="whitespace-nowrap tabular-nums">{link.last_used_at ? formatDateTime(link.last_used_at, locale) : t("never")}</span>;
}

function Author({ link }: { link: PayLink }) {
  const t = useTranslations("admin.billing.payLinks");
  const locale = useAppLocale();
  return (
    <span className="flex flex-col">
      <span>{link.created_by_name ?? t("unknownAuthor")}</span>
      <span className="text-xs text-muted-foreground tabular-nums">{t("createdOn", { date: formatDateTime(link.created_at, locale) })}</span>
    </span>
  );
}

/** « Désactiver », after a question: the link stops working at once. */
function RevokeButton({ link, invoiceId }: { link: PayLink; invoiceId: string }) {
  const t = useTranslations("admin.billing.payLinks");
  const tc = useTranslations("common");
  const locale = useAppLocale();
  const toast = useToast();
  const errorMessage = useErrorMessage();
  const revoke = useRevokePayLink(invoiceId);
  const [open, setOpen] = useState(false);
  if (link.state !== "active") return null;
  return (
    <>
      <Button
        type="button"
        variant="outline"
        size="sm"
        onClick={() => setOpen(true)}
        aria-label={t("revokeLabel", { date: formatDateTime(link.created_at, locale) })}
        data-testid="revoke-pay-link"
      >
        {t("revoke")}
      </Button>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={t("revokeTitle")}
        description={t("revokeText")}
        confirmLabel={t("revoke")}
        cancelLabel={tc("cancel")}
        tone="destructive"
        pending={revoke.isPending}
        onConfirm={() =>
          revoke.mutate(link.id, {
            onSuccess: () => {
              setOpen(false);
              toast.show("success", t("revoked"));
            },
            onError: (error) => toast.show("error", errorMessage(error)),
          })
        }
      />
    </>
  );
}

function LinkCard({ link, invoiceId }: { link: PayLink; invoiceId: string }) {
  const t = useTranslations("admin.billing.payLinks");
  return (
    <div className="flex flex-col gap-2 rounded-lg border bg-card p-3 text-sm" data-testid="pay-link">
      <span className="flex flex-wrap items-center justify-between gap-2">
        <StateBadge link={link} />
        <Expiry link={link} />
      </span>
      <dl className="grid grid-cols-1 gap-2">
        <div className="flex flex-col">
          <dt className="text-xs text-muted-foreground">{t("uses")}</dt>
          <dd>
            <Uses link={link} />
          </dd>
        </div>
        <div className="flex flex-col">
          <dt className="text-xs text-muted-foreground">{t("lastUse")}</dt>
          <dd>
            <LastUse link={link} />
          </dd>
        </div>
        <div className="flex flex-col">
          <dt className="text-xs text-muted-foreground">{t("createdBy")}</dt>
          <dd>
            <Author link={link} />
          </dd>
        </div>
      </dl>
      <span className="self-start">
        <RevokeButton link={link} invoiceId={invoiceId} />
      </span>
    </div>
  );
}

/** Validity in days (1–90, 30 by default), then « Créer un lien »; the new link is shown with its share buttons. */
function CreateLink({ invoice }: { invoice: Invoice }) {
  const t = useTranslations("admin.billing.payLinks");
  const errorMessage = useErrorMessage();
  const create = useCreatePayLink(invoice.id);
  const [days, setDays] = useState(String(LINK_VALIDITY.default));
  const [fieldError, setFieldError] = useState<string>();
  const [formError, setFormError] = useState<string>();
  const id = "pay-link-days";

  const submit = () => {
    setFormError(undefined);
    const parsed = parseValidityDays(days);
    if (parsed === null) {
      setFieldError(t("validityError"));
      document.getElementById(id)?.focus();
      return;
    }
    setFieldError(undefined);
    create.mutate(parsed, {
      onError: (error) => {
        const field = isApiError(error) ? error.fieldErrors.expires_in_days?.join(" ") : undefined;
        if (field) setFieldError(field);
        else setFormError(errorMessage(error));
      },
    });
  };

  const link = create.data;
  return (
    <div className="flex flex-col gap-4">
      <form
        noValidate
        className="flex flex-col gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <FormField id={id} label={t("validity")} hint={t("validityHint")} error={fieldError} className="sm:w-48">
          <Input
            {...controlProps(id, fieldError, t("validityHint"))}
            inputMode="numeric"
            autoComplete="off"
            value={days}
            onChange={(event) => setDays(event.target.value)}
            className="tabular-nums"
          />
        </FormField>
        <Button type="submit" disabled={create.isPending} className="w-full sm:w-auto sm:self-start">
          {create.isPending ? <Loader2 className="animate-spin" aria-hidden="true" /> : <Link2 aria-hidden="true" />}
          {create.isPending ? t("creating") : t("create")}
        </Button>
      </form>
      <FormError message={formError} />
      {link?.url ? (
        <ShareLinkPanel
          key={link.id}
          className="rounded-lg border border-primary/30 bg-primary/5 p-3"
          facts={{ number: invoice.number ?? "", balance: invoice.balance_due, currency: invoice.currency, url: link.url, expiresAt: link.expires_at }}
        />
      ) : null}
    </div>
  );
}

/**
 * « Liens de paiement » of an invoice for staff: make one (1–90 days) and send it, and every link
 * made so far (by staff or by the client's people) with its state, uses, and « Désactiver ».
 */
export function PayLinksSection({ invoice }: { invoice: Invoice }) {
  const t = useTranslations("admin.billing.payLinks");
  const links = usePayLinks(invoice.id);
  const rows = links.data ?? [];
  const open = isUnpaid(invoice) && invoice.balance_due > 0;

  const columns: Column<PayLink>[] = [
    { key: "state", header: t("state"), cell: (link) => <StateBadge link={link} /> },
    { key: "expires", header: t("expires"), cell: (link) => <Expiry link={link} /> },
    { key: "uses", header: t("uses"), cell: (link) => <Uses link={link} /> },
    { key: "lastUse", header: t("lastUse"), cell: (link) => <LastUse link={link} /> },
    { key: "createdBy", header: t("createdBy"), cell: (link) => <Author link={link} /> },
    { key: "actions", header: t("actions"), cell: (link) => <RevokeButton link={link} invoiceId={invoice.id} /> },
  ];

  return (
    <Card id="liens" aria-labelledby="liens-title" className="scroll-mt-20" data-testid="pay-links">
      <CardHeader>
        <div>
          <CardTitle id="liens-title">
            {t("title")}
            {links.data ? <span className="ml-2 font-normal text-muted-foreground tabular-nums">{rows.length}</span> : null}
          </CardTitle>
          <CardDescription>{open ? t("intro") : t("closed")}</CardDescription>
        </div>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {open ? <CreateLink invoice={invoice} /> : null}
        <ListShell query={links} items={rows} skeleton={<SkeletonRows count={1} row="h-12" />} empty={{ text: t("empty") }}>
          {(list) => (
            <>
              <DataTable
                label={t("listLabel")}
                rows={list}
                rowKey={(link) => link.id}
                columns={columns}
                card={(link) => <LinkCard link={link} invoiceId={invoice.id} />}
                testId="pay-link-list"
              />
              <p className="text-xs text-muted-foreground">{t("usesHint")}</p>
            </>
          )}
        </ListShell>
      </CardContent>
    </Card>
  );
}
