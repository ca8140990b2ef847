import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';

import { Loading } from '@/components/loading';
import { Page } from '@/components/page';
import { QueryError } from '@/components/query-error';

interface QueryPageProps<T> {
  title: string;
  /** The query the page shows; `children` renders its data. */
  query: UseQueryResult<T>;
  /** Announced while it loads. */
  loading: string;
  /** The heading of a failed load (a retry is offered). */
  loadFailed: string;
  /** Shown under a failed load, such as a way back. */
  afterError?: ReactNode;
  children: (data: T) => ReactNode;
}

/**
 * A routed page about one thing that loads: progress, then the thing or why it failed. One page in
 * every state, so its heading (focused after navigating here) stays the same element.
 */
export function QueryPage<T>({ title, query, loading, loadFailed, afterError, children }: QueryPageProps<T>) {
  let body;
  if (query.isPending) body = <Loading label={loading} />;
  else if (query.isError) {
    body = (
      <>
        <QueryError title={loadFailed} error={query.error} onRetry={() => void query.refetch()} />
        {afterError}
      </>
    );
  } else body = children(query.data);
  return <Page title={title}>{body}</Page>;
}
