"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { isStaff } from "@/lib/roles";
import { useMe } from "@/queries/me";

/**
 * One line for staff: where two-factor authentication is not required (development, `nourx up`'s
 * demo admin) the back-office says so; where it is and the account has not enrolled, it goes to
 * the enrolment page.
 */
export function TwoFactorBanner() {
  const t = useTranslations("twoFactor");
  const me = useMe();
  const router = useRouter();
  const enrol = isStaff(me.data?.role) && me.data?.two_factor.enrolment_required;
  useEffect(() => {
    if (enrol) router.replace("/double-authentification?next=%2Fadmin");
  }, [enrol, router]);
  if (!me.data || !isStaff(me.data.role) || me.data.two_factor.required || me.data.two_factor.enabled) return null;
  return (
    <p role="note" className="border-b border-amber-200 bg-warning-bg px-4 py-2 text-center text-sm text-warning">
      {t("demoExempt")}
    </p>
  );
}
