/** Workshops as the catalog service answers them, and a fake of its registration rules for route tests. */
import { json, problem, type Handler } from '@/testing/fake-api';
import { PERSON_ID } from '@/testing/identity';

import type {
  Attendee,
  AttendeeList,
  Mentor,
  MyRegistration,
  PendingApproval,
  Registration,
  SessionOut,
  WorkshopDetail,
  WorkshopSummary,
} from '../api/types';

export const ITEM_ID = 'aaaaaaaa-0000-4000-8000-000000000001';
export const SESSION_ID = 'bbbbbbbb-0000-4000-8000-000000000001';

// Far enough ahead that "upcoming" stays true whenever the tests run; 08:00 UTC is 10:00 in Vilnius (winter).
export const STARTS_AT = '2030-01-15T08:00:00Z';
export const ENDS_AT = '2030-01-15T10:00:00Z';

export function makeMentor(overrides: Partial<Mentor> = {}): Mentor {
  return {
    id: 'cccccccc-0000-4000-8000-000000000001',
    slug: 'ieva-mentor',
    name: 'Ieva Kalnietė',
    organisation: 'Informacinės visuomenės plėtros komitetas',
    sector: 'public',
    expertise: { en: 'Data protection in public services', lt: 'Duomenų apsauga viešosiose paslaugose' },
    bio: {},
    languages: ['lt', 'en'],
    ...overrides,
  };
}

export function makeSession(overrides: Partial<SessionOut> = {}): SessionOut {
  return {
    id: SESSION_ID,
    item_id: ITEM_ID,
    starts_at: STARTS_AT,
    ends_at: ENDS_AT,
    timezone: 'Europe/Vilnius',
    capacity: 12,
    status: 'scheduled',
    location: 'Vilnius, Gedimino pr. 11',
    confirmed: 9,
    seats_left: 3,
    waitlist_length: 0,
    cancellation_deadline: '2030-01-14T08:00:00Z',
    can_record_attendance: false,
    my_registration: null,
    ...overrides,
  };
}

export function makeRegistration(overrides: Partial<Registration> = {}): Registration {
  return {
    id: 'dddddddd-0000-4000-8000-000000000001',
    session_id: SESSION_ID,
    item_id: ITEM_ID,
    person_id: PERSON_ID,
    status: 'confirmed',
    waitlist_position: null,
    created_at: '2029-12-01T10:00:00Z',
    updated_at: '2029-12-01T10:00:00Z',
    cancelled_at: null,
    promoted_at: null,
    attended: null,
    feedback: null,
    ...overrides,
  };
}

export function makeWorkshop(overrides: Partial<WorkshopSummary> = {}): WorkshopSummary {
  return {
    item_id: ITEM_ID,
    slug: 'data-protection-forum',
    status: 'published',
    title: { en: 'Data protection in practice', lt: 'Duomenų apsauga praktiškai' },
    summary: { en: 'Handle personal data safely.', lt: 'Saugiai tvarkykite asmens duomenis.' },
    competence_levels: [{ code: '4.2', level_min: 3, level_max: 5 }],
    competences: ['4.2'],
    level_min: 3,
    level_max: 5,
    languages: ['lt'],
    duration_minutes: 120,
    rating_count: 0,
    rating_average: null,
    format: 'in_person',
    location: 'Vilnius, Gedimino pr. 11',
    requires_approval: false,
    cancellation_deadline_hours: 24,
    mentors: [makeMentor(), makeMentor({ id: 'cccccccc-0000-4000-8000-000000000002', slug: 'tomas', name: 'Tomas Rimkus', organisation: 'UAB „Debesų sprendimai“', sector: 'private', expertise: { en: 'Cloud security', lt: 'Debesijos sauga' } })],
    sessions: [makeSession()],
    ...overrides,
  };
}

export function makeDetail(overrides: Partial<WorkshopDetail> = {}): WorkshopDetail {
  return {
    ...makeWorkshop(),
    body_html: { en: '<p>Bring a real case from your work.</p>', lt: '<p>Atsineškite tikrą atvejį iš savo darbo.</p>' },
    meeting_url: null,
    organiser_ids: [],
    ...overrides,
  };
}

export function makeMyRegistration(overrides: Partial<MyRegistration> = {}): MyRegistration {
  const registration = makeRegistration();
  return {
    ...registration,
    session: makeSession(),
    workshop: { item_id: ITEM_ID, slug: 'data-protection-forum', title: makeWorkshop().title, format: 'in_person' },
    meeting_url: null,
    ...overrides,
  };
}

export function makeAttendee(overrides: Partial<Attendee> = {}): Attendee {
  return {
    registration_id: 'eeeeeeee-0000-4000-8000-000000000001',
    person_id: '99999999-0000-4000-8000-000000000001',
    display_name: null,
    status: 'confirmed',
    waitlist_position: null,
    registered_at: '2029-12-01T10:00:00Z',
    attended: null,
    attended_recorded_at: null,
    ...overrides,
  };
}

/** A request of someone the signed-in person supervises, for a session of the workshop that needs approval. */
export function makePendingApproval(overrides: Partial<PendingApproval> = {}): PendingApproval {
  return {
    registration_id: 'ffffffff-0000-4000-8000-000000000001',
    person_id: '55555555-0000-4000-8000-000000000001',
    display_name: 'Petras Kazlauskas',
    session_id: SESSION_ID,
    starts_at: STARTS_AT,
    ends_at: ENDS_AT,
    timezone: 'Europe/Vilnius',
    workshop: { item_id: ITEM_ID, slug: 'data-protection-forum', title: makeWorkshop().title, format: 'in_person' },
    requested_at: '2029-12-01T10:00:00Z',
    ...overrides,
  };
}

export function page(items: readonly unknown[], limit = 20, offset = 0) {
  return json({ items, total: items.length, limit, offset });
}

/**
 * One session and the signed-in person's registration in it, kept by the fake as the service
 * would: a seat while one is free, else the end of the waiting list; a confirmed seat can be given
 * back until the deadline only.
 */
export function registrationApi(detail: WorkshopDetail, { queueAhead = 0 }: { queueAhead?: number } = {}): Record<string, Handler> {
  let mine: Registration | null = detail.sessions[0]?.my_registration ?? null;
  const current = (): WorkshopDetail => ({
    ...detail,
    sessions: detail.sessions.map((session) => (session.id === SESSION_ID ? { ...session, my_registration: mine } : session)),
  });
  return {
    'GET /api/catalog/workshops/:id': (_url, _request, { id }) => (id === detail.item_id ? json(current()) : problem(404, 'not-found', 'Not found')),
    'POST /api/catalog/workshop-sessions/:id/registration': () => {
      const session = detail.sessions.find((candidate) => candidate.id === SESSION_ID);
      if (!session) return problem(404, 'not-found', 'Not found');
      const seat = session.seats_left > 0;
      mine = makeRegistration({ status: seat ? 'confirmed' : 'waitlisted', waitlist_position: seat ? null : queueAhead + 1 });
      return json(mine, 201);
    },
    'DELETE /api/catalog/workshop-sessions/:id/registration': () => {
      const session = detail.sessions.find((candidate) => candidate.id === SESSION_ID);
      if (!mine || !session) return problem(404, 'not-found', 'Not found');
      if (mine.status === 'confirmed' && new Date(session.cancellation_deadline) < new Date()) {
        return problem(409, 'conflict', 'Conflict', { detail: 'Too late.' });
      }
      mine = { ...mine, status: 'cancelled', cancelled_at: new Date().toISOString() };
      return json(mine);
    },
  };
}

export function attendeeList(items: Attendee[], session: Partial<SessionOut> = {}): AttendeeList {
  return {
    session: makeSession({ can_record_attendance: true, starts_at: '2020-01-15T08:00:00Z', ends_at: '2020-01-15T10:00:00Z', ...session }),
    workshop: { item_id: ITEM_ID, slug: 'data-protection-forum', title: makeWorkshop().title, format: 'in_person' },
    items,
  };
}
