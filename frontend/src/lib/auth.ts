import { UserManager, WebStorageStateStore, type INavigator, type User } from 'oidc-client-ts';

import { bindAuth } from '@/api/http';

export const CLIENT_ID = 'dla-spa';
export const SCOPE = 'openid profile email offline_access dla';
export const CALLBACK_PATH = '/auth/callback';

export interface AuthOptions {
  /** The SPA's origin; the gateway serves the identity provider on the same one. */
  origin: string;
  /** Leaves the SPA for `url` (a full page load): the identity provider, or back to it. */
  leave: (url: string) => void;
  /** Where the visitor is now (path and query), to come back to after signing in. */
  currentPath: () => string;
}

/** A path inside the SPA, never another site ("//evil.example" and "https://..." are refused). */
export function isLocalPath(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.includes('\\');
}

function returnToOf(state: unknown): string {
  const value = typeof state === 'object' && state !== null ? (state as { returnTo?: unknown }).returnTo : undefined;
  return isLocalPath(value) ? value : '/';
}

/**
 * Sign-in through the platform's own OpenID provider: authorization code + PKCE (oidc-client-ts does
 * both), refresh tokens renewed before the access token expires, the person kept in sessionStorage so
 * a closed tab forgets them.
 */
export class Auth {
  readonly userManager: UserManager;
  readonly origin: string;
  readonly leave: (url: string) => void;
  private readonly currentPath: () => string;
  private signingIn = false;
  /** Set while signing out: forgetting the person makes private pages ask to sign in, which must not win. */
  private signingOut = false;

  constructor({ origin, leave, currentPath }: AuthOptions) {
    this.origin = origin;
    this.leave = leave;
    this.currentPath = currentPath;
    // The library's own navigator would set window.location itself; this one goes through `leave`.
    const navigator: INavigator = {
      prepare: () =>
        Promise.resolve({
          navigate: ({ url }) => {
            leave(url);
            // The page is being replaced; nothing waits for an answer.
            return new Promise<never>(() => undefined);
          },
          close: () => undefined,
        }),
      callback: () => Promise.resolve(),
    };
    this.userManager = new UserManager(
      {
        authority: origin,
        client_id: CLIENT_ID,
        redirect_uri: `${origin}${CALLBACK_PATH}`,
        post_logout_redirect_uri: `${origin}/`,
        response_type: 'code',
        scope: SCOPE,
        automaticSilentRenew: true,
        revokeTokensOnSignout: true,
        userStore: new WebStorageStateStore({ store: window.sessionStorage }),
      },
      navigator,
    );
  }

  /** The signed-in person, or null; an expired session without a refresh token counts as none. */
  async currentUser(): Promise<User | null> {
    const user = await this.userManager.getUser();
    if (!user || (user.expired && !user.refresh_token)) return null;
    return user;
  }

  /** A usable access token, refreshed first when it has expired; null when that is not possible. */
  async accessToken(): Promise<string | null> {
    const user = await this.currentUser();
    if (!user) return null;
    if (!user.expired) return user.access_token;
    try {
      return (await this.userManager.signinSilent())?.access_token ?? null;
    } catch {
      return null;
    }
  }

  /**
   * Goes to the identity provider to sign in, coming back to `returnTo` (a path in the SPA).
   * Resolves to false when the provider could not be reached (its discovery document failed).
   */
  async signIn(returnTo: string = this.currentPath()): Promise<boolean> {
    if (this.signingIn || this.signingOut) return true;
    this.signingIn = true;
    try {
      await this.userManager.signinRedirect({ state: { returnTo: isLocalPath(returnTo) ? returnTo : '/' } });
      return true;
    } catch {
      return false;
    } finally {
      this.signingIn = false;
    }
  }

  /** Finishes the sign-in the provider redirected back with; resolves to the path to continue at. */
  async completeSignIn(url: string): Promise<string> {
    const user = await this.userManager.signinRedirectCallback(url);
    return returnToOf(user.state);
  }

  /** Ends the session at the provider too (RP-initiated logout), which sends the browser back home. */
  async signOut(): Promise<void> {
    this.signingOut = true;
    try {
      await this.userManager.signoutRedirect();
    } catch {
      // The provider could not be reached: at least forget the session here.
      await this.userManager.removeUser();
      this.leave(`${this.origin}/`);
    }
  }

  /** Forgets the session in this browser only (after the account was erased, the provider has ended it). */
  async forget(): Promise<void> {
    await this.userManager.removeUser();
  }

  /** Lets API calls use this session's token, and start a new sign-in when the API refuses it. */
  connectApi(): () => void {
    return bindAuth({
      accessToken: () => this.accessToken(),
      onUnauthorized: () => {
        void this.userManager.removeUser().then(() => this.signIn());
      },
    });
  }
}
