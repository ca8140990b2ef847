import createClient, { type Middleware } from 'openapi-fetch';

import { authorize, reportUnauthorized } from '@/api/http';
import type { paths } from '@/api/schema';
import { env } from '@/config/env';

/** The typed client for the gateway; every path and body type comes from the generated schema. */
export const api = createClient<paths>({
  baseUrl: env.apiBaseUrl,
  headers: { Accept: 'application/json, application/problem+json' },
  // Looked up per call, not captured once, so tests and polyfills that replace fetch are honoured.
  fetch: (request) => globalThis.fetch(request),
});

const withToken = new Set<string>();

/** Sends the signed-in person's access token with every call, and treats a refused one as a signed-out session. */
const auth: Middleware = {
  async onRequest({ request, id }) {
    if (await authorize(request)) withToken.add(id);
    return request;
  },
  onResponse({ response, id }) {
    reportUnauthorized(response, withToken.delete(id));
    return response;
  },
  onError({ id }) {
    withToken.delete(id);
  },
};

api.use(auth);
