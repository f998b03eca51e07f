"use client";

import dynamic from "next/dynamic";
import { useState } from "react";

// The drawer (a dialog) loads on the first tap, not with every page.
const AdminMenuSheet = dynamic(() => import("./admin-menu-sheet").then((m) => m.AdminMenuSheet), { ssr: false });

/** The phone's "Menu" button and the drawer behind it; what the drawer holds is rendered on the server. */
export function PhoneMenu({
  label,
  title,
  closeLabel,
  icon,
  children,
}: {
  label: string;
  title: string;
  closeLabel: string;
  icon: React.ReactNode;
  children: React.ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setLoaded(true);
          setOpen(true);
        }}
        aria-haspopup="dialog"
        aria-expanded={open}
        className="-ml-2 inline-flex size-11 items-center justify-center rounded-md hover:bg-accent md:hidden"
      >
        {icon}
        <span className="sr-only">{label}</span>
      </button>
      {loaded ? (
        <AdminMenuSheet open={open} onOpenChange={setOpen} title={title} closeLabel={closeLabel}>
          {children}
        </AdminMenuSheet>
      ) : null}
    </>
  );
}
