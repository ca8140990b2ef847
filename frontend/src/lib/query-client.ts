import { QueryClient } from '@tanstack/react-query';

import { isRetryable } from '@/api/problem';

/** The app's query cache: one retry for transient failures, none for requests the server refused. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => failureCount < 1 && isRetryable(error),
      },
    },
  });
}
