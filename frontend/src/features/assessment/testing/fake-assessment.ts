import type { Progress, ResultDetail, ServedItem, Session } from '../api/types';
import type { Framework } from '@/api/framework';
import { json, problem, type Handler } from '@/testing/fake-api';
import { PERSON_ID } from '@/testing/identity';

export const SESSION_ID = 'aaaaaaaa-0000-4000-8000-000000000001';
export const RESULT_ID = 'bbbbbbbb-0000-4000-8000-000000000001';

const AREAS: [string, string, string][] = [
  ['1', 'Information and data literacy', 'Informacinis ir duomenų raštingumas'],
  ['2', 'Communication and collaboration', 'Komunikacija ir bendradarbiavimas'],
  ['3', 'Digital content creation', 'Skaitmeninio turinio kūrimas'],
  ['4', 'Safety', 'Sauga'],
  ['5', 'Problem solving', 'Problemų sprendimas'],
];

/** DigComp 2.2 as the framework endpoint serves it, cut down to what the screens read. */
export function makeFramework(): Framework {
  return {
    key: 'digcomp-2.2',
    version: '2.2',
    title: { en: 'DigComp 2.2', lt: 'DigComp 2.2' },
    status: 'active',
    published_year: 2022,
    areas: AREAS.map(([code, en, lt], index) => ({
      code,
      title: { en, lt },
      description: { en: `What ${en} covers.`, lt: `Ką apima ${lt}.` },
      position: index + 1,
      competences: [1, 2].map((n) => ({
        code: `${code}.${String(n)}`,
        title: { en: `Competence ${code}.${String(n)}`, lt: `Kompetencija ${code}.${String(n)}` },
        description: { en: '…', lt: '…' },
        position: n,
      })),
    })),
    levels: Array.from({ length: 8 }, (_, i) => ({
      level: i + 1,
      band: i < 2 ? 'foundation' : i < 4 ? 'intermediate' : i < 6 ? 'advanced' : 'highly_specialised',
      name: { en: `Level name ${String(i + 1)}`, lt: `Lygio pavadinimas ${String(i + 1)}` },
      description: { en: `You can do the things of level ${String(i + 1)}.`, lt: `Galite atlikti ${String(i + 1)} lygio dalykus.` },
    })),
  };
}

export function progress(answered: number, remaining: number): Progress {
  return { fraction: answered / (answered + remaining), likely_remaining: remaining, answered, max_items: 30 };
}

export function makeSession(overrides: Partial<Session> = {}): Session {
  return {
    id: SESSION_ID,
    framework: 'digcomp-2.2',
    language: 'en',
    status: 'in_progress',
    answered: 0,
    position: 1,
    progress: progress(0, 12),
    started_at: '2026-11-30T09:00:00Z',
    updated_at: '2026-11-30T09:00:00Z',
    paused_at: null,
    finished_at: null,
    result_id: null,
    ...overrides,
  };
}

const OPTIONS = [
  { key: 'a', text: 'Option A' },
  { key: 'b', text: 'Option B' },
  { key: 'c', text: 'Option C' },
];

/** What an item without a stimulus, categories or an interaction is served with. */
const PLAIN = { language: 'en', interaction: null, stimulus: null, categories: null } as const;

export const ITEMS = {
  single: { ...PLAIN, id: 'v-single', type: 'single_choice', stem: 'Which one is right?', options: OPTIONS },
  multiple: { ...PLAIN, id: 'v-multiple', type: 'multiple_response', stem: 'Which ones are right?', options: OPTIONS },
  ordering: {
    ...PLAIN,
    id: 'v-ordering',
    type: 'ordering',
    stem: 'Put the steps in order.',
    options: [
      { key: 'a', text: 'Save the file' },
      { key: 'b', text: 'Open the file' },
      { key: 'c', text: 'Edit the file' },
    ],
  },
  matching: {
    ...PLAIN,
    id: 'v-matching',
    type: 'matching',
    stem: 'Which data is personal?',
    options: [
      { key: 'a', text: 'A name' },
      { key: 'b', text: 'The weather' },
    ],
    categories: [
      { key: 'x', text: 'Personal data' },
      { key: 'y', text: 'Not personal data' },
    ],
  },
  scenario: {
    ...PLAIN,
    id: 'v-scenario',
    type: 'scenario',
    interaction: 'multiple_response',
    stem: 'Which signs show that this e-mail is not from the Registry?',
    stimulus: {
      kind: 'email',
      from: 'Registrų centras <saskaitos@registru-centras.info>',
      subject: 'Unpaid invoice: pay within 24 hours',
      body: 'Dear customer,\n\nPay now or lose access.',
      links: [{ text: 'Pay now', url: 'http://registru-centras.info/pay' }],
      attachments: ['saskaita_2026.zip'],
    },
    options: [
      { key: 'a', text: 'The sender’s domain is not registrucentras.lt' },
      { key: 'b', text: 'It sets a 24-hour deadline' },
      { key: 'c', text: 'It is written in Lithuanian' },
    ],
  },
} satisfies Record<string, ServedItem>;

interface FakeSessionOptions {
  items: ServedItem[];
  session?: Partial<Session>;
  /** Answer a PUT with this instead of recording it (e.g. a failure), while it returns a value. */
  failPut?: () => Response | undefined;
}

/** A session that serves `items` one by one, records answers, pauses, resumes and finishes. */
export function fakeSession({ items, session: overrides = {}, failPut }: FakeSessionOptions) {
  let session = makeSession({ progress: progress(0, items.length), ...overrides });
  let index = 0;
  const current = () => {
    const item = items[index];
    const left = items.length - index;
    return item
      ? { position: index + 1, item, complete: false, progress: progress(index, left) }
      : { position: null, item: null, complete: true, progress: progress(index, 0) };
  };
  const handlers: Record<string, Handler> = {
    'GET /api/assessment/sessions': () => json({ items: [session], total: 1, limit: 20, offset: 0 }),
    'POST /api/assessment/sessions': () => json(session, 201),
    'GET /api/assessment/sessions/:id': () => json(session),
    'GET /api/assessment/sessions/:id/current': () => json(current()),
    'PUT /api/assessment/sessions/:id/responses/:position': (_url, _request, params) => {
      const failure = failPut?.();
      if (failure) return failure;
      if (Number(params.position) !== index + 1) return problem(409, 'item-not-served', 'Item not served at this position');
      index += 1;
      session = { ...session, answered: index, position: index + 1, progress: current().progress };
      return json({ position: index, recorded: true, progress: current().progress });
    },
    'POST /api/assessment/sessions/:id/pause': () => {
      session = { ...session, status: 'paused', paused_at: '2026-11-30T09:10:00Z' };
      return json(session);
    },
    'POST /api/assessment/sessions/:id/resume': () => {
      session = { ...session, status: 'in_progress', paused_at: null };
      return json(session);
    },
    'POST /api/assessment/sessions/:id/finish': () => {
      session = { ...session, status: 'finished', result_id: RESULT_ID };
      return json(makeResult());
    },
    'GET /api/assessment/frameworks/digcomp-2.2': () => json(makeFramework()),
  };
  return { handlers, state: () => session };
}

function level(code: string, value: number, low: number, high: number) {
  return { code, level: value, level_low: low, level_high: high, theta: 0, se: 0.4, answered: 3 };
}

export function makeResult(overrides: Partial<ResultDetail> = {}): ResultDetail {
  return {
    id: RESULT_ID,
    session_id: SESSION_ID,
    person_id: PERSON_ID,
    framework: 'digcomp-2.2',
    language: 'en',
    finished_at: '2026-11-30T09:30:00Z',
    complete: true,
    items_answered: 14,
    areas: [level('1', 4, 3, 5), level('2', 5, 4, 6), level('3', 2, 1, 3), level('4', 6, 5, 7), level('5', 3, 2, 4)],
    competences: [
      { ...level('1.1', 4, 3, 5), area: '1' },
      { ...level('1.2', 3, 2, 5), area: '1' },
      { ...level('4.1', 6, 5, 7), area: '4' },
    ],
    review: [
      {
        position: 1,
        skipped: false,
        correct: false,
        item: {
          ...ITEMS.single,
          answer: 'b',
          explanation: 'Because B is the one the rules ask for.',
          response: { choice: 'a' },
          correct: false,
        },
      },
      {
        position: 2,
        skipped: true,
        correct: null,
        item: { ...ITEMS.ordering, answer: ['b', 'c', 'a'], explanation: 'Open, edit, save.', response: null, correct: null },
      },
    ],
    ...overrides,
  };
}
