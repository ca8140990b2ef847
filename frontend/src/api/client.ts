import createClient from 'openapi-fetch';

import type { paths } from '@/api/schema';
import { env } from '@/config/env';

/** The typed client for the gateway; every path and body type comes from the generated schema. */
export const api = createClient<paths>({
  baseUrl: env.apiBaseUrl,
  headers: { Accept: 'application/json, application/problem+json' },
  // Looked up per call, not captured once, so tests and polyfills that replace fetch are honoured.
  fetch: (request) => globalThis.fetch(request),
});
