import { useTranslation } from 'react-i18next';

import { ApiProblem } from '@/api/problem';
import { ProblemText } from '@/components/problem-message';
import { formatWait } from '@/lib/format';

/** Whether the service asks for the ALTCHA check with the next attempt. */
export function needsCaptcha(error: unknown): boolean {
  return error instanceof ApiProblem && (error.extensions.captcha_required === true || error.slug === 'captcha-invalid');
}

/** A failed sign-in explained: wrong password (or code), locked (and for how long), throttled, or anything else. */
export function LoginProblem({ error, step = 'password' }: { error: unknown; step?: 'password' | 'code' }) {
  const { t, i18n } = useTranslation();
  let message = <ProblemText error={error} />;
  if (error instanceof ApiProblem) {
    const wait = error.retryAfter === undefined ? undefined : formatWait(error.retryAfter, i18n.language);
    if (error.status === 423) {
      message = <>{wait ? t('signIn.lockedFor', { wait }) : t('problems.account-locked')}</>;
    } else if (error.status === 429) {
      message = <>{wait ? t('signIn.throttledFor', { wait }) : t('problems.too-many-attempts')}</>;
    } else if (error.slug === 'invalid-credentials' && step === 'code') {
      message = <>{t('signIn.secondFactor.wrongCode')}</>;
    } else if (error.slug === 'invalid-credentials') {
      message = (
        <>
          {t('problems.invalid-credentials')}
          {error.extensions.captcha_required === true && ` ${t('signIn.captchaNow')}`}
        </>
      );
    }
  }
  return (
    <div role="alert" className="problem-alert">
      <p>{message}</p>
    </div>
  );
}
