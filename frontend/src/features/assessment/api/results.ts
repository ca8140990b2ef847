import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';

export const FRAMEWORK_KEY = 'digcomp-2.2';

export type Framework = components['schemas']['assessment.FrameworkDetail'];
export type ProficiencyLevel = components['schemas']['assessment.ProficiencyLevel'];

/** My results, newest first, with growth since the previous one. */
export function resultsQueryOptions() {
  return queryOptions({
    queryKey: ['assessment', 'results'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/assessment/results', { params: { query: { limit: 100 } }, signal })),
  });
}

export function useResults() {
  return useQuery(resultsQueryOptions());
}

/** One result with areas, competences, ranges and the review of the answers. */
export function useResult(id: string) {
  return useQuery({
    queryKey: ['assessment', 'results', id],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/assessment/results/{result_id}', { params: { path: { result_id: id } }, signal })),
  });
}

/** The framework's areas, competences and level descriptions, in every language. */
export function useFramework(key: string | undefined) {
  return useQuery({
    queryKey: ['assessment', 'frameworks', key],
    enabled: key !== undefined,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/assessment/frameworks/{key}', { params: { path: { key: key ?? FRAMEWORK_KEY } }, signal })),
    staleTime: 60 * 60 * 1000,
  });
}
