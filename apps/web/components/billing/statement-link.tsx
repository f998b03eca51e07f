"use client";

import Link from "next/link";
import { ScrollText } from "lucide-react";
import { useTranslations } from "next-intl";
import { buttonVariants } from "@/components/ui/button";

/** The way to the statement of account (« Relevé de compte ») from the portal's billing pages. */
export function StatementLink() {
  const t = useTranslations("nav");
  return (
    <Link href="/releve" className={buttonVariants({ variant: "outline", size: "sm" })}>
      <ScrollText aria-hidden="true" />
      {t("statement")}
    </Link>
  );
}
