import { vi } from 'vitest';


/** Answers one request; `params` holds the `:name` segments of the matched path. */
export type Handler = (url: URL, request: Request, params: Record<string, string>) => Response | Promise<Response>;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

export function problem(
  status: number,
  slug: string,
  title: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ type: `urn:dla:problem:${slug}`, title, status, ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

/** A page of `items` as the list endpoints answer one: `limit` items from `offset`, and the total. */
export function page(items: readonly unknown[], limit = 20, offset = 0): Response {
  return json({ items: items.slice(offset, offset + limit), total: items.length, limit, offset });
}

/** An empty answer (202 Accepted, 204 No Content). */
export function empty(status = 204): Response {
  return new Response(null, { status });
}

function match(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/');
  const got = pathname.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const actual = got[index] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(actual);
    else if (part !== actual) return null;
  }
  return params;
}

function findHandler(handlers: Record<string, Handler>, method: string, pathname: string) {
  for (const [key, handler] of Object.entries(handlers)) {
    const [first, second] = key.split(' ');
    const [keyMethod, pattern] = second === undefined ? [undefined, first ?? ''] : [first, second];
    if (keyMethod !== undefined && keyMethod !== method) continue;
    const params = match(pattern, pathname);
    if (params) return { handler, params };
  }
  return undefined;
}

/** Every request a test's fake API answered, with its method and (for JSON) its body. */
export interface Recorded {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

let recorded: Recorded[] = [];

/** The requests the fake API has answered since `serveApi` was called. */
export function sentRequests(method?: string, pathname?: string): Recorded[] {
  return recorded.filter((r) => (!method || r.method === method) && (!pathname || r.url.pathname === pathname));
}

/**
 * Serves API paths from `handlers` in place of the network, and records every request URL.
 * Keys are a path (any method) or "METHOD /path"; `:name` segments match anything.
 * Unknown paths answer 404 like the gateway would, so a test notices a call it did not expect.
 */
export function serveApi(handlers: Record<string, Handler>): URL[] {
  const requests: URL[] = [];
  recorded = [];
  vi.stubGlobal('fetch', async (input: Request | string | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    requests.push(url);
    const text = request.body ? await request.clone().text() : '';
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // A form-encoded body (the token endpoint) stays a string.
    }
    recorded.push({ method: request.method, url, headers: request.headers, body });
    const found = findHandler(handlers, request.method, url.pathname);
    return found ? found.handler(url, request, found.params) : problem(404, 'not-found', 'Not found');
  });
  return requests;
}
