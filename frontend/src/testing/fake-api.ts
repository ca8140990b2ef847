import { vi } from 'vitest';

import type { Item } from '@/features/catalog/api/get-items';

type Handler = (url: URL) => Response | Promise<Response>;

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

export function problem(status: number, slug: string, title: string): Response {
  return new Response(JSON.stringify({ type: `urn:dla:problem:${slug}`, title, status }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

/**
 * Serves API paths from `handlers` in place of the network, and records every request URL.
 * Unknown paths answer 404 like the gateway would, so a test notices a call it did not expect.
 */
export function serveApi(handlers: Record<string, Handler>): URL[] {
  const requests: URL[] = [];
  vi.stubGlobal('fetch', async (input: Request) => {
    const url = new URL(input.url);
    requests.push(url);
    const handler = handlers[url.pathname];
    return handler ? handler(url) : problem(404, 'not-found', 'Not found');
  });
  return requests;
}

/** A catalog that filters and pages `items` the way the service does. */
export function catalogHandler(items: readonly Item[]): Handler {
  return (url) => {
    const kind = url.searchParams.get('kind');
    const language = url.searchParams.get('language');
    const limit = Number(url.searchParams.get('limit') ?? '20');
    const offset = Number(url.searchParams.get('offset') ?? '0');
    const matching = items.filter(
      (item) => (!kind || item.kind === kind) && (!language || item.languages.includes(language)),
    );
    return json({ items: matching.slice(offset, offset + limit), total: matching.length, limit, offset });
  };
}

let sequence = 0;

/** A learning item with sensible defaults; override what the test is about. */
export function makeItem(overrides: Partial<Item> = {}): Item {
  sequence += 1;
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    slug: `item-${sequence}`,
    kind: 'course',
    title: { en: `Course ${sequence}`, lt: `Kursas ${sequence}` },
    summary: { en: 'What it teaches.', lt: 'Ko jis moko.' },
    url: null,
    duration_minutes: 45,
    languages: ['en', 'lt'],
    competences: ['1.1'],
    level_min: 1,
    level_max: 4,
    status: 'published',
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...overrides,
  };
}
