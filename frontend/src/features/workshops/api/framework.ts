import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';

export type Framework = components['schemas']['assessment.FrameworkDetail'];

const FRAMEWORK_KEY = 'digcomp-2.2';

/** The DigComp framework, for the names of competences; public reference data, cached long. */
export function frameworkQueryOptions() {
  return queryOptions({
    queryKey: ['assessment', 'frameworks', FRAMEWORK_KEY],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/assessment/frameworks/{key}', { params: { path: { key: FRAMEWORK_KEY } }, signal })),
    staleTime: 60 * 60_000,
  });
}

export function useFramework() {
  return useQuery(frameworkQueryOptions());
}
