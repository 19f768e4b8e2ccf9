import { createContext, useContext } from 'react';
import type { MaestroApi } from '../api/client';
import type { Me, UiConfig } from '../api/types';

export interface AuthValue {
  api: MaestroApi;
  token: string | null;
  me: Me | null;
  uiConfig: UiConfig;
  /** Why the user was sent back to sign in, if they were. */
  signOutReason: string | null;
  signIn: (token: string, me: Me) => void;
  signOut: (reason?: string) => void;
}

export const NO_LINKS: UiConfig = { traceLink: null, logLink: null };

export const AuthContext = createContext<AuthValue | null>(null);

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

export function useApi(): MaestroApi {
  return useAuth().api;
}

export function useUiConfig(): UiConfig {
  return useAuth().uiConfig;
}
