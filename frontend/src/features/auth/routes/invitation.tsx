import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { Loading } from '@/components/loading';
import { LocalizedText } from '@/components/localized-text';
import { Page } from '@/components/page';
import { ProblemAlert } from '@/components/problem-message';

import { acceptInvitation, invitationQueryOptions } from '../api';
import { NewPasswordForm } from '../components/new-password-form';
import { SignInButton } from '../components/sign-in-button';

/** The link from an invitation e-mail: see who invited you where, and set a password to accept. */
export function InvitationRoute() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [done, setDone] = useState(false);
  const invitation = useQuery({ ...invitationQueryOptions(token), enabled: token !== '' });

  let body;
  if (!token) {
    body = (
      <div role="alert" className="problem-alert">
        <p>{t('invitation.noToken')}</p>
      </div>
    );
  } else if (done) {
    body = (
      <>
        <div role="status" className="notice">
          <p>{t('invitation.done')}</p>
        </div>
        <p>
          <SignInButton />
        </p>
      </>
    );
  } else if (invitation.isPending) {
    body = <Loading label={t('invitation.loading')} />;
  } else if (invitation.isError) {
    body = (
      <ProblemAlert error={invitation.error} title={t('invitation.invalid')}>
        <p>{t('invitation.invalidHint')}</p>
      </ProblemAlert>
    );
  } else {
    const { email, organisation } = invitation.data;
    body = (
      <>
        <p>{t('invitation.intro', { email })}</p>
        {organisation && (
          <p>
            {t('invitation.organisation')} <LocalizedText value={organisation.name} />
          </p>
        )}
        <NewPasswordForm
          submitLabel={t('invitation.submit')}
          onSubmit={async (password) => {
            await acceptInvitation({ token, password, language: i18n.language });
            setDone(true);
          }}
        />
      </>
    );
  }
  return <Page title={t('invitation.title')}>{body}</Page>;
}
