import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';

type Framework = components['schemas']['assessment.FrameworkDetail'];
export type Competence = Framework['areas'][number]['competences'][number];

/** The framework the catalog's competence tags refer to. */
const FRAMEWORK_KEY = 'digcomp-2.2';

/** DigComp's competences by code, for naming the catalog's tags; public reference data, cached long. */
export function competencesQueryOptions() {
  return queryOptions({
    queryKey: ['assessment', 'frameworks', FRAMEWORK_KEY],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/assessment/frameworks/{key}', { params: { path: { key: FRAMEWORK_KEY } }, signal })),
    staleTime: 60 * 60 * 1000,
    select: (framework: Framework) =>
      new Map(framework.areas.flatMap((area) => area.competences.map((competence) => [competence.code, competence]))),
  });
}

/** Competence names by code; while they load (or if they cannot), tags show their code alone. */
export function useCompetences(): ReadonlyMap<string, Competence> {
  return useQuery(competencesQueryOptions()).data ?? EMPTY;
}

const EMPTY: ReadonlyMap<string, Competence> = new Map();
