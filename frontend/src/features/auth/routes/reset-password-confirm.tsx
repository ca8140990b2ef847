import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { Page } from '@/components/page';

import { confirmPasswordReset } from '../api';
import { NewPasswordForm } from '../components/new-password-form';
import { SignInButton } from '../components/sign-in-button';

/** The link from the password-reset e-mail: choose a new password. */
export function ResetPasswordConfirmRoute() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token');
  const [done, setDone] = useState(false);

  let body;
  if (!token) {
    body = (
      <div role="alert" className="problem-alert">
        <p>{t('resetPassword.noToken')}</p>
      </div>
    );
  } else if (done) {
    body = (
      <>
        <div role="status" className="notice">
          <p>{t('resetPassword.done')}</p>
        </div>
        <p>
          <SignInButton />
        </p>
      </>
    );
  } else {
    body = (
      <>
        <p>{t('resetPassword.confirmIntro')}</p>
        <NewPasswordForm
          submitLabel={t('resetPassword.confirmSubmit')}
          onSubmit={async (password) => {
            await confirmPasswordReset({ token, password });
            setDone(true);
          }}
        />
      </>
    );
  }
  return <Page title={t('resetPassword.confirmTitle')}>{body}</Page>;
}
