import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';

import { Page } from '@/components/page';
import { isLocalPath } from '@/lib/auth';

import { ProfileForm } from '../components/profile-form';
import { ProfileLoader } from '../components/profile-loader';
import { useSaveAndApply } from '../components/use-save-and-apply';

/** The first thing after the first sign-in: fill in the digital profile, then go on. */
export function OnboardingRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next');
  const { save, submit } = useSaveAndApply(() => {
    void navigate(isLocalPath(next) && next !== '/onboarding' ? next : '/', { replace: true });
  });

  return (
    <Page title={t('onboarding.title')}>
      <p className="lead">{t('onboarding.intro')}</p>
      <ProfileLoader>
        {(profile) => (
          <ProfileForm
            profile={profile}
            submitLabel={t('onboarding.submit')}
            isPending={save.isPending}
            error={save.error}
            onSubmit={submit}
          />
        )}
      </ProfileLoader>
    </Page>
  );
}
