import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { useSession } from '@/lib/auth-context';

/** Starts signing in at the identity provider, coming back to the home page (or onboarding). */
export function SignInButton() {
  const { t } = useTranslation();
  const { auth } = useSession();
  return <Button onPress={() => void auth.signIn('/')}>{t('layout.signIn')}</Button>;
}
