import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';

export type Framework = components['schemas']['assessment.FrameworkDetail'];

/** The framework catalog items are tagged with (its competences' names for the pickers). */
export const FRAMEWORK_KEY = 'digcomp-2.2';

/** The competence framework (areas, competences, levels); reference data, cached long. */
export function frameworkQueryOptions(key: string = FRAMEWORK_KEY) {
  return queryOptions({
    queryKey: ['assessment', 'frameworks', key],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/assessment/frameworks/{key}', { params: { path: { key } }, signal })),
    staleTime: 5 * 60_000,
  });
}

export function useFramework() {
  return useQuery(frameworkQueryOptions());
}
