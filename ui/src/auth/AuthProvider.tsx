import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { MaestroApi } from '../api/client';
import type { Me, UiConfig } from '../api/types';
import { AuthContext, NO_LINKS, type AuthValue } from './authContext';
import { clearToken, readToken, writeToken } from './tokenStore';

export const SESSION_REJECTED = 'The server rejected your token (401). It may have expired or been revoked — sign in again.';

interface Props {
  children: ReactNode;
  /** Injected by tests. */
  fetch?: typeof fetch;
}

export function AuthProvider({ children, fetch }: Props) {
  const [token, setToken] = useState<string | null>(readToken);
  const [me, setMe] = useState<Me | null>(null);
  const [uiConfig, setUiConfig] = useState<UiConfig>(NO_LINKS);
  const [signOutReason, setSignOutReason] = useState<string | null>(null);

  const signOut = useCallback((reason?: string) => {
    clearToken();
    setToken(null);
    setMe(null);
    setSignOutReason(reason ?? null);
  }, []);

  const signIn = useCallback((newToken: string, newMe: Me) => {
    writeToken(newToken);
    setToken(newToken);
    setMe(newMe);
    setSignOutReason(null);
  }, []);

  const api = useMemo(
    () => new MaestroApi({ getToken: readToken, onUnauthorized: () => signOut(SESSION_REJECTED), fetch }),
    [fetch, signOut],
  );

  useEffect(() => {
    if (!token) return;
    let active = true;
    api.me().then((value) => active && setMe(value), () => undefined);
    api.uiConfig().then(
      (value) => active && setUiConfig(value ?? NO_LINKS),
      () => active && setUiConfig(NO_LINKS),
    );
    return () => {
      active = false;
    };
  }, [api, token]);

  const value = useMemo<AuthValue>(
    () => ({ api, token, me, uiConfig, signOutReason, signIn, signOut }),
    [api, token, me, uiConfig, signOutReason, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
