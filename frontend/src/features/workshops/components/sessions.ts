import type { Registration, SessionOut } from '../api/types';

/** Sessions that have not ended and are not cancelled, soonest first. */
export function upcomingSessions(sessions: readonly SessionOut[], now = new Date()): SessionOut[] {
  return sessions
    .filter((session) => session.status === 'scheduled' && new Date(session.ends_at) > now)
    .sort((a, b) => a.starts_at.localeCompare(b.starts_at));
}

/** Whether the session is over. */
export function hasEnded(session: SessionOut, now = new Date()): boolean {
  return new Date(session.ends_at) <= now;
}

/**
 * Whether I may still give up my place: a confirmed seat until the cancellation deadline (so it
 * can go to the next in line), a place on the waiting list or a request awaiting approval any time.
 */
export function canStillCancel(session: SessionOut, registration: Pick<Registration, 'status'>, now = new Date()): boolean {
  if (session.status !== 'scheduled' || hasEnded(session, now) || registration.status === 'cancelled') return false;
  return registration.status !== 'confirmed' || new Date(session.cancellation_deadline) > now;
}
