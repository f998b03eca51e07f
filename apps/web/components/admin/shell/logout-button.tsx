"use client";

import { useLogout } from "@/queries/auth";

/** Logging out (the label and icon come from the server). */
export function LogoutButton({ className, children }: { className: string; children: React.ReactNode }) {
  const logout = useLogout();
  return (
    <button type="button" onClick={() => logout.mutate()} disabled={logout.isPending} className={className}>
      {children}
    </button>
  );
}
