import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

/** The identity provider could not be reached to start signing in: say so, and offer to try again. */
export function SignInUnavailable({ onRetry }: { onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="problem-alert">
      <p>{t('auth.unavailable')}</p>
      <Button onPress={onRetry}>{t('common.retry')}</Button>
    </div>
  );
}
