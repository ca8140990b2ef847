/** A list screen's page and filters live in the URL, so a filtered page can be bookmarked and shared. */

/** A 1-based page number from the URL, anything else read as the first page. */
export function pageFrom(params: URLSearchParams): number {
  const page = Number(params.get('page') ?? '1');
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

/** The URL parameters for the page that starts at `offset`. */
export function withPage(params: URLSearchParams, offset: number, pageSize: number): URLSearchParams {
  const next = new URLSearchParams(params);
  next.set('page', String(Math.floor(offset / pageSize) + 1));
  return next;
}

/** The URL parameters with one filter set (or removed when empty), back on the first page. */
export function withFilter(params: URLSearchParams, name: string, value: string): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value) next.set(name, value);
  else next.delete(name);
  next.delete('page');
  return next;
}
