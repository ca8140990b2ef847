import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';

import { isProfileLanguage, meQueryOptions, profileQueryOptions } from '@/api/identity';
import { Loading } from '@/components/loading';
import { Page } from '@/components/page';
import { useSession } from '@/lib/auth-context';
import { chooseLanguage } from '@/lib/i18n';

/**
 * Where the identity provider sends the browser back with the authorization code: exchanges it (with
 * the PKCE verifier), then goes on to onboarding the first time, or back to where the person was.
 */
export function AuthCallbackRoute() {
  const { t, i18n } = useTranslation();
  const { auth } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [failed, setFailed] = useState(false);
  // A code can be exchanged once; React's development double effects must not try twice.
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const callbackUrl = `${auth.origin}${location.pathname}${location.search}`;
    void (async () => {
      let returnTo: string;
      try {
        returnTo = await auth.completeSignIn(callbackUrl);
      } catch {
        setFailed(true);
        return;
      }
      try {
        queryClient.removeQueries({ queryKey: ['identity'] });
        const me = await queryClient.query(meQueryOptions());
        if (!me.onboarded) {
          await navigate(`/onboarding?${new URLSearchParams({ next: returnTo }).toString()}`, { replace: true });
          return;
        }
        const profile = await queryClient.query(profileQueryOptions());
        if (isProfileLanguage(profile.preferred_language) && profile.preferred_language !== i18n.language) {
          await chooseLanguage(i18n, profile.preferred_language);
        }
      } catch {
        // Signed in all the same; the page itself will say what it cannot load.
      }
      await navigate(returnTo, { replace: true });
    })();
  }, [auth, i18n, location.pathname, location.search, navigate, queryClient]);

  return (
    <Page title={t('auth.callbackTitle')}>
      {failed ? (
        <div role="alert" className="problem-alert">
          <p>{t('auth.callbackFailed')}</p>
          <Button onPress={() => void auth.signIn('/')}>{t('auth.tryAgain')}</Button>
        </div>
      ) : (
        <Loading label={t('auth.completing')} />
      )}
    </Page>
  );
}
