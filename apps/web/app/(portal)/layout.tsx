import { AppShell } from "@/components/app-shell";
import { ClientScopeProvider } from "@/components/client-scope";

export default function PortalLayout({ children }: { children: React.ReactNode }) {
  return (
    <ClientScopeProvider>
      <AppShell>{children}</AppShell>
    </ClientScopeProvider>
  );
}
