import type { Messages } from '@/config/languages';

const TYPE_PREFIX = 'urn:dla:problem:';

/** The problem kinds the interface has a message for: one per `urn:dla:problem:*` type, plus two of its own. */
export type ProblemKind = keyof Messages['problems'];

/** One invalid field of a request, as kit's validation problem lists it. */
export interface FieldProblem {
  loc: (string | number)[];
  msg: string;
  type: string;
}

/** An RFC 9457 problem document the gateway or a service answered with. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly type: string;
  /** The service's English explanation, shown only when the interface has no message of its own. */
  readonly detail: string | undefined;
  readonly errors: readonly FieldProblem[];
  /** Extension members (e.g. `captcha_required`, `retry_after`) and the rest of the document. */
  readonly extensions: Readonly<Record<string, unknown>>;
  /** Seconds to wait, from a `retry_after` member or the Retry-After header. */
  readonly retryAfter: number | undefined;

  constructor(
    status: number,
    type: string,
    title: string,
    init: {
      detail?: string | undefined;
      errors?: readonly FieldProblem[];
      extensions?: Record<string, unknown>;
      retryAfter?: number | undefined;
    } = {},
  ) {
    super(title);
    this.name = 'ApiProblem';
    this.status = status;
    this.type = type;
    this.detail = init.detail;
    this.errors = init.errors ?? [];
    this.extensions = init.extensions ?? {};
    this.retryAfter = init.retryAfter;
  }

  /** The slug of a DLA problem type with `_` read as `-` (`urn:dla:problem:weak_password` -> `weak-password`). */
  get slug(): string {
    return this.type.startsWith(TYPE_PREFIX) ? this.type.slice(TYPE_PREFIX.length).replaceAll('_', '-') : '';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isFieldProblem(value: unknown): value is FieldProblem {
  return isRecord(value) && Array.isArray(value.loc) && typeof value.msg === 'string';
}

function seconds(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number >= 0 ? Math.ceil(number) : undefined;
}

/** Turns a failed response into an ApiProblem, also when a proxy answered with no problem document. */
export function toProblem(body: unknown, response: Response): ApiProblem {
  const headerWait = seconds(response.headers.get('Retry-After'));
  if (isRecord(body) && typeof body.type === 'string') {
    const { type, title, detail, errors, ...extensions } = body;
    return new ApiProblem(response.status, type, typeof title === 'string' ? title : response.statusText, {
      detail: typeof detail === 'string' ? detail : undefined,
      errors: Array.isArray(errors) ? errors.filter(isFieldProblem) : [],
      extensions,
      retryAfter: seconds(extensions.retry_after) ?? headerWait,
    });
  }
  return new ApiProblem(response.status, 'about:blank', response.statusText, { retryAfter: headerWait });
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
  'conflict',
  'too-many-requests',
  'unavailable',
  'upstream-timeout',
  'internal',
  'invalid-credentials',
  'account-locked',
  'too-many-attempts',
  'captcha-invalid',
  'domain-not-allowed',
  'weak-password',
  'token-invalid',
  'email-not-verified',
] satisfies readonly ProblemKind[];

function isProblemKind(slug: string): slug is ProblemKind {
  return KNOWN_KINDS.includes(slug);
}

/** Which translated message to show for an error: chosen by the problem `type`, else by what happened. */
export function problemKind(error: unknown): ProblemKind {
  if (error instanceof ApiProblem) {
    const { slug } = error;
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
