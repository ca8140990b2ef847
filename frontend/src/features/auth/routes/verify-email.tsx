import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { Loading } from '@/components/loading';
import { Page } from '@/components/page';
import { ProblemAlert } from '@/components/problem-message';

import { verifyEmail } from '../api';
import { SignInButton } from '../components/sign-in-button';

/** The link from the registration e-mail: confirms the address as soon as the page opens. */
export function VerifyEmailRoute() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token');
  const verify = useMutation({ mutationFn: verifyEmail });
  const sent = useRef(false);

  useEffect(() => {
    if (!token || sent.current) return;
    sent.current = true;
    verify.mutate(token);
  }, [token, verify]);

  let body;
  if (!token) {
    body = (
      <div role="alert" className="problem-alert">
        <p>{t('verifyEmail.noToken')}</p>
      </div>
    );
  } else if (verify.isError) {
    body = (
      <ProblemAlert error={verify.error} title={t('verifyEmail.failed')}>
        <p>{t('verifyEmail.failedHint')}</p>
      </ProblemAlert>
    );
  } else if (verify.isSuccess) {
    body = (
      <>
        <div role="status" className="notice">
          <p>{t('verifyEmail.done')}</p>
        </div>
        <p>
          <SignInButton />
        </p>
      </>
    );
  } else {
    body = <Loading label={t('verifyEmail.pending')} />;
  }
  return <Page title={t('verifyEmail.title')}>{body}</Page>;
}
