import Link from "next/link";
import { Settings } from "lucide-react";
import { useTranslations } from "next-intl";
import { buttonVariants } from "@/components/ui/button";
import { cn } from "@/lib/utils";

/**
 * The support inbox's way to its settings (SLA policies, hours, holidays, canned replies): a
 * button-looking link for the page header's actions. Works in Server and Client Components.
 */
export function SupportSettingsLink({ className }: { className?: string }) {
  const t = useTranslations("admin.support-settings");
  return (
    <Link href="/admin/support/reglages" className={cn(buttonVariants({ variant: "outline" }), className)} data-testid="support-settings-link">
      <Settings aria-hidden="true" />
      {t("link")}
    </Link>
  );
}
