"use client";

import { createContext, useCallback, useContext, useMemo, useSyncExternalStore } from "react";
import type { Client } from "@/lib/api/types";
import { useClients } from "@/queries/clients";
import { useMe } from "@/queries/me";

const STORAGE_KEY = "nourx.client";

type ClientScope = {
  /** The client whose data the portal shows; undefined = every client the user may see. */
  clientId: string | undefined;
  clients: Client[];
  /** Whether the user belongs to several clients (then the switcher shows). */
  several: boolean;
  setClientId: (id: string) => void;
};

const ClientScopeContext = createContext<ClientScope>({
  clientId: undefined,
  clients: [],
  several: false,
  setClientId: () => {},
});

export function useClientScope() {
  return useContext(ClientScopeContext);
}

const listeners = new Set<() => void>();
function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}
const readStored = () => window.localStorage.getItem(STORAGE_KEY);

export function ClientScopeProvider({ children }: { children: React.ReactNode }) {
  const me = useMe();
  const memberOf = useMemo(() => me.data?.client_ids ?? [], [me.data]);
  const several = memberOf.length > 1;
  const clients = useClients(Boolean(me.data && me.data.client_ids.length > 0));
  const stored = useSyncExternalStore(subscribe, readStored, () => null);

  const setClientId = useCallback((id: string) => {
    window.localStorage.setItem(STORAGE_KEY, id);
    listeners.forEach((l) => l());
  }, []);

  const value = useMemo<ClientScope>(() => {
    const list = clients.data?.results ?? [];
    // One client: the API scopes every list already, no filter needed. Several: the remembered
    // choice if still valid, else the first by name. Before /me answers, the remembered choice
    // (only people of several clients have one), so lists load at once without a flash.
    let clientId: string | undefined;
    if (!me.data) clientId = stored ?? undefined;
    else if (several) clientId = stored && memberOf.includes(stored) ? stored : (list[0]?.id ?? memberOf[0]);
    return { clientId, clients: list, several, setClientId };
  }, [clients.data, me.data, memberOf, several, stored, setClientId]);

  return <ClientScopeContext.Provider value={value}>{children}</ClientScopeContext.Provider>;
}
