import { createContext, useContext, type ReactNode } from 'react';
import type { AppClient } from '../../client/types';

const ClientContext = createContext<AppClient | null>(null);

export function ClientProvider(props: { client: AppClient; children: ReactNode }) {
  return <ClientContext.Provider value={props.client}>{props.children}</ClientContext.Provider>;
}

export function useClient(): AppClient {
  const c = useContext(ClientContext);
  if (!c) throw new Error('useClient must be used inside <ClientProvider>');
  return c;
}
