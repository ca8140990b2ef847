import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { meQueryOptions } from '@/api/identity';
import { LocalizedText } from '@/components/localized-text';
import { Page } from '@/components/page';

import { ProfileForm } from '../components/profile-form';
import { ProfileLoader } from '../components/profile-loader';
import { useSaveAndApply } from '../components/use-save-and-apply';

/** Who I am at work (set by HR) and my digital profile (mine to edit). */
export function ProfileRoute() {
  const { t } = useTranslation();
  const me = useQuery(meQueryOptions());
  const { save, submit } = useSaveAndApply();

  return (
    <Page title={t('profile.title')}>
      {me.data && (
        <dl className="facts">
          <div>
            <dt>{t('profile.name')}</dt>
            <dd>{me.data.display_name}</dd>
          </div>
          <div>
            <dt>{t('fields.email')}</dt>
            <dd>{me.data.email}</dd>
          </div>
          <div>
            <dt>{t('profile.unit')}</dt>
            <dd>
              <LocalizedText value={me.data.unit.name} />
            </dd>
          </div>
          <div>
            <dt>{t('profile.supervisor')}</dt>
            <dd>{me.data.supervisor?.display_name ?? t('profile.noSupervisor')}</dd>
          </div>
        </dl>
      )}
      <div role="status" className="save-status">
        {save.isSuccess && <p className="notice">{t('profile.saved')}</p>}
      </div>
      <ProfileLoader>
        {(profile) => (
          <ProfileForm
            profile={profile}
            submitLabel={t('profile.submit')}
            isPending={save.isPending}
            error={save.error}
            onSubmit={submit}
          />
        )}
      </ProfileLoader>
    </Page>
  );
}
