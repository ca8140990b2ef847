import type { Messages } from '@/config/languages';

const TYPE_PREFIX = 'urn:dla:problem:';

/** The problem kinds the interface has a message for: one per `urn:dla:problem:*` type, plus two of its own. */
export type ProblemKind = keyof Messages['problems'];

/** An RFC 9457 problem document the gateway or a service answered with. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly type: string;

  constructor(status: number, type: string, title: string) {
    super(title);
    this.name = 'ApiProblem';
    this.status = status;
    this.type = type;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Turns a failed response into an ApiProblem, also when a proxy answered with no problem document. */
export function toProblem(body: unknown, response: Response): ApiProblem {
  if (isRecord(body) && typeof body.type === 'string') {
    return new ApiProblem(response.status, body.type, typeof body.title === 'string' ? body.title : response.statusText);
  }
  return new ApiProblem(response.status, 'about:blank', response.statusText);
}

/** Resolves to the data of a successful call, or throws an ApiProblem. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok || data === undefined) throw toProblem(error, response);
  return data;
}

const KNOWN_KINDS: readonly string[] = [
  'bad-request',
  'validation',
  'not-found',
  'unauthorized',
  'forbidden',
  'too-many-requests',
  'unavailable',
  'upstream-timeout',
  'internal',
] satisfies readonly ProblemKind[];

function isProblemKind(slug: string): slug is ProblemKind {
  return KNOWN_KINDS.includes(slug);
}

/** Which translated message to show for an error: chosen by the problem `type`, else by what happened. */
export function problemKind(error: unknown): ProblemKind {
  if (error instanceof ApiProblem) {
    const slug = error.type.startsWith(TYPE_PREFIX) ? error.type.slice(TYPE_PREFIX.length) : '';
    if (isProblemKind(slug)) return slug;
    if (error.status === 502 || error.status === 503) return 'unavailable';
    if (error.status === 504) return 'upstream-timeout';
    if (error.status >= 500) return 'internal';
    return 'unknown';
  }
  // fetch rejects with a TypeError when the server cannot be reached at all.
  if (error instanceof TypeError) return 'network';
  return 'unknown';
}

/** Whether asking again may help: the server or the network failed, not the request. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ApiProblem) return error.status >= 500 || error.status === 429;
  return error instanceof TypeError;
}
