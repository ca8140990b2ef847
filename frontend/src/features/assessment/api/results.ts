import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/api/client';
import { frameworkQueryOptions } from '@/api/framework';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';

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

/** The framework a result was measured against (areas, competences, level descriptions), once its key is known. */
export function useFramework(key: string | undefined) {
  return useQuery({ ...frameworkQueryOptions(key), enabled: key !== undefined });
}
