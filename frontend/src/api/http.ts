import { toProblem } from '@/api/problem';
import { env } from '@/config/env';

/** How API calls learn the signed-in person's token and report that it was refused. */
export interface AuthBinding {
  /** A current access token, renewed first when it has expired; null when nobody is signed in. */
  accessToken: () => Promise<string | null>;
  /** Called when the API refused a token we sent (401): the session is over. */
  onUnauthorized: () => void;
}

let binding: AuthBinding | null = null;

/** Connects API calls to the auth provider; returns the function that disconnects it. */
export function bindAuth(next: AuthBinding): () => void {
  binding = next;
  return () => {
    if (binding === next) binding = null;
  };
}

/** Adds the bearer token to `request`; returns whether one was added. */
export async function authorize(request: Request): Promise<boolean> {
  const token = binding ? await binding.accessToken() : null;
  if (!token) return false;
  request.headers.set('Authorization', `Bearer ${token}`);
  return true;
}

/** A 401 to a request that carried a token means the session ended: start signing in again. */
export function reportUnauthorized(response: Response, sentToken: boolean): void {
  if (response.status === 401 && sentToken) binding?.onUnauthorized();
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** Send the signed-in person's token (default). Public sign-in endpoints pass false. */
  auth?: boolean;
}

function buildUrl(path: string, query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `${env.apiBaseUrl}${path}${search ? `?${search}` : ''}`;
}

/** Sends one request to the gateway; the raw response when it succeeded, an ApiProblem thrown when not. */
export async function send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers = new Headers({ Accept: 'application/json, application/problem+json' });
  if (options.body !== undefined) headers.set('Content-Type', 'application/json');
  const request = new Request(buildUrl(path, options.query), {
    method,
    headers,
    credentials: 'same-origin',
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const sentToken = options.auth === false ? false : await authorize(request);
  // Looked up per call, not captured once, so tests that replace fetch are honoured.
  const response = await globalThis.fetch(request);
  if (!response.ok) {
    reportUnauthorized(response, sentToken);
    const body: unknown = await response.json().catch(() => undefined);
    throw toProblem(body, response);
  }
  return response;
}

/**
 * A JSON call to a gateway path that the generated schema does not describe yet (the identity
 * endpoints); resolves to the parsed body, or undefined for an empty one (202/204).
 */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
