import { ApiProblem } from '@/api/problem';

/** When a retake refused with `retake-cooldown` becomes possible: the problem's date, else its wait. */
export function retakeAvailableAt(error: unknown, now = Date.now()): Date | null {
  if (!(error instanceof ApiProblem) || error.slug !== 'retake-cooldown') return null;
  for (const name of ['available_at', 'retake_at', 'not_before', 'until']) {
    const value = error.extensions[name];
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value);
  }
  return error.retryAfter === undefined ? null : new Date(now + error.retryAfter * 1000);
}
