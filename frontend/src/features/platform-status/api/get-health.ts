import { queryOptions, useQuery } from '@tanstack/react-query';

import { api } from '@/api/client';
import { unwrap } from '@/api/problem';
import type { paths } from '@/api/schema';

export type GatewayHealth = paths['/api/health']['get']['responses'][200]['content']['application/json'];

/** The gateway's summary of which services answer. */
export function healthQueryOptions() {
  return queryOptions({
    queryKey: ['gateway', 'health'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/health', { signal })),
    retry: false,
    refetchInterval: 60_000,
  });
}

export function useHealth() {
  return useQuery(healthQueryOptions());
}
