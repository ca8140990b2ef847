import type { User } from 'oidc-client-ts';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

import type { Auth } from '@/lib/auth';
import { adminAccess, readClaims, type AccessClaims, type AdminAccess } from '@/lib/claims';

export type AuthStatus = 'loading' | 'signed-in' | 'signed-out';

export interface Session {
  status: AuthStatus;
  user: User | null;
  claims: AccessClaims | null;
  /** The name to greet the person by, from the ID token. */
  name: string;
  access: AdminAccess;
  auth: Auth;
}

const AuthContext = createContext<Session | null>(null);

/** Keeps the signed-in person in React state, in step with oidc-client-ts (sign-in, renewal, sign-out). */
export function AuthProvider({ auth, children }: { auth: Auth; children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);

  useEffect(() => {
    let active = true;
    const { events } = auth.userManager;
    void auth.currentUser().then((current) => {
      if (active) setUser(current);
    });
    const offLoaded = events.addUserLoaded((loaded) => {
      setUser(loaded);
    });
    const offUnloaded = events.addUserUnloaded(() => {
      setUser(null);
    });
    return () => {
      active = false;
      offLoaded();
      offUnloaded();
    };
  }, [auth]);

  useEffect(() => auth.connectApi(), [auth]);

  const session = useMemo<Session>(() => {
    const claims = user ? readClaims(user.access_token) : null;
    const profile = user?.profile;
    return {
      status: user === undefined ? 'loading' : user ? 'signed-in' : 'signed-out',
      user: user ?? null,
      claims,
      name: profile?.name ?? profile?.email ?? profile?.preferred_username ?? '',
      access: adminAccess(claims),
      auth,
    };
  }, [auth, user]);

  return <AuthContext.Provider value={session}>{children}</AuthContext.Provider>;
}

/** The current session and the auth actions (sign in, sign out). */
export function useSession(): Session {
  const session = useContext(AuthContext);
  if (!session) throw new Error('useSession needs an AuthProvider');
  return session;
}
