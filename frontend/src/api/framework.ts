/**
 * The competence framework (DigComp: areas, competences, proficiency levels) as the assessment
 * service serves it. Several features name competences with it, so its query lives here, one cache
 * entry for all of them.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { components } from '@/api/schema';

export type Framework = components['schemas']['assessment.FrameworkDetail'];
export type Competence = Framework['areas'][number]['competences'][number];

/** The framework items, catalog tags and workshops refer to, and the one a new assessment uses. */
export const FRAMEWORK_KEY = 'digcomp-2.2';

/** A framework by key; public reference data, cached long. */
export function frameworkQueryOptions(key: string = FRAMEWORK_KEY) {
  return queryOptions({
    queryKey: ['assessment', 'frameworks', key],
    queryFn: ({ signal }) => unwrap(api.GET('/api/assessment/frameworks/{key}', { params: { path: { key } }, signal })),
    staleTime: 60 * 60_000,
  });
}

export function useFramework() {
  return useQuery(frameworkQueryOptions());
}

const NO_COMPETENCES: ReadonlyMap<string, Competence> = new Map();

function competencesByCode(framework: Framework): ReadonlyMap<string, Competence> {
  return new Map(framework.areas.flatMap((area) => area.competences.map((competence) => [competence.code, competence])));
}

/** The framework's competences by code; empty while they load (or if they cannot), so tags show their code alone. */
export function useCompetences(): ReadonlyMap<string, Competence> {
  return useQuery({ ...frameworkQueryOptions(), select: competencesByCode }).data ?? NO_COMPETENCES;
}
