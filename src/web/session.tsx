import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { api, setCsrfToken } from './api.ts';
import { navigate } from './router.tsx';
import type { Me } from './types.ts';

interface Session {
  /** undefined while the first /auth/me is in flight, null when signed out. */
  me: Me | null | undefined;
  signedIn(me: Me): void;
  logout(everywhere?: boolean): Promise<void>;
  /** Forget the session locally (it lapsed on the server). */
  forget(): void;
}
const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  useEffect(() => {
    api<Me>('/api/v1/auth/me', { quiet: true })
      .then((m) => {
        setCsrfToken(m.csrfToken);
        setMe(m);
      })
      .catch(() => setMe(null));
  }, []);

  const signedIn = useCallback((m: Me) => {
    setCsrfToken(m.csrfToken);
    setMe(m);
  }, []);
  const forget = useCallback(() => {
    setCsrfToken(null);
    setMe(null);
  }, []);
  const logout = useCallback(
    async (everywhere = false) => {
      try {
        await api(everywhere ? '/api/v1/auth/logout-all' : '/api/v1/auth/logout', { method: 'POST' });
      } finally {
        forget();
        navigate('/login', { replace: true });
      }
    },
    [forget],
  );
  return <SessionContext.Provider value={{ me, signedIn, logout, forget }}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}
