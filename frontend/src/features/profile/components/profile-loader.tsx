import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { profileQueryOptions, type Profile } from '@/api/identity';
import { Loading } from '@/components/loading';
import { QueryError } from '@/components/query-error';

/** Loads the person's profile and renders `children` with it, or the loading / failed state. */
export function ProfileLoader({ children }: { children: (profile: Profile) => ReactNode }) {
  const { t } = useTranslation();
  const profile = useQuery(profileQueryOptions());
  if (profile.isPending) return <Loading label={t('profile.loading')} />;
  if (profile.isError) {
    return <QueryError title={t('profile.loadFailed')} error={profile.error} onRetry={() => void profile.refetch()} />;
  }
  return <>{children(profile.data)}</>;
}
