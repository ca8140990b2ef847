/** One page of a list, as kit's pagination answers (a bare array is read as one full page). */
export interface ListPage<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export function asPage<T>(data: ListPage<T> | T[]): ListPage<T> {
  return Array.isArray(data) ? { items: data, total: data.length, limit: Math.max(1, data.length), offset: 0 } : data;
}

export const PAGE_SIZE = 20;
