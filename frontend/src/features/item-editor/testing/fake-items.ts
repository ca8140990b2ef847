/** Item bank answers for the editor's route tests, shaped like the assessment service's. */
import { json, type Handler } from '@/testing/fake-api';
import { PERSON_ID } from '@/testing/identity';

import type { Framework } from '../api/framework';
import type { ItemDetail, ItemDocument, ItemSummary, ItemVersion, LearnerItem } from '../api/items';

export const ITEM_ID = 'cccccccc-0000-4000-8000-000000000001';
export const OTHER_EDITOR = 'dddddddd-0000-4000-8000-000000000001';

/** DigComp 2.2 cut down to two areas, as the framework endpoint serves it. */
export function makeFramework(): Framework {
  return {
    key: 'digcomp-2.2',
    version: '2.2',
    title: { en: 'DigComp 2.2', lt: 'DigComp 2.2' },
    status: 'active',
    published_year: 2022,
    areas: [
      {
        code: '1',
        title: { en: 'Information and data literacy', lt: 'Informacinis ir duomenų raštingumas' },
        description: { en: '…', lt: '…' },
        position: 1,
        competences: [
          { code: '1.1', title: { en: 'Browsing and searching', lt: 'Naršymas ir paieška' }, description: { en: '…', lt: '…' }, position: 1 },
        ],
      },
      {
        code: '4',
        title: { en: 'Safety', lt: 'Sauga' },
        description: { en: '…', lt: '…' },
        position: 4,
        competences: [
          { code: '4.2', title: { en: 'Protecting personal data', lt: 'Asmens duomenų apsauga' }, description: { en: '…', lt: '…' }, position: 2 },
        ],
      },
    ],
    levels: Array.from({ length: 8 }, (_, i) => ({
      level: i + 1,
      band: 'foundation',
      name: { en: `Level ${String(i + 1)} name`, lt: `${String(i + 1)} lygio pavadinimas` },
      description: { en: '…', lt: '…' },
    })),
  };
}

/** A single-choice item written in English, its Lithuanian question still missing. */
export function makeDocument(overrides: Partial<ItemDocument> = {}): ItemDocument {
  return {
    key: 'c4-2-phishing-invoice',
    competence: '4.2',
    level: 3,
    type: 'single_choice',
    stem: { en: 'Which sign shows that this e-mail is not from the Registry?' },
    options: [
      { key: 'a', text: { en: 'The sender’s domain', lt: 'Siuntėjo domenas' } },
      { key: 'b', text: { en: 'The greeting', lt: 'Pasisveikinimas' } },
    ],
    answer: 'a',
    explanation: { en: 'Only the domain tells who sent it.', lt: 'Tik domenas parodo, kas siuntė.' },
    pretest: false,
    params: { a: 1.4, b: -0.9, c: 0.25 },
    ...overrides,
  };
}

export function makeVersion(overrides: Partial<ItemVersion> = {}): ItemVersion {
  return {
    id: `eeeeeeee-0000-4000-8000-00000000000${String(overrides.version ?? 3)}`,
    version: 3,
    status: 'draft',
    document: makeDocument(),
    languages: ['en'],
    author: PERSON_ID,
    note: null,
    submitted_by: null,
    submitted_at: null,
    reviewer: null,
    reviewed_at: null,
    rejected_by: null,
    rejected_at: null,
    review_comment: null,
    retired_by: null,
    retired_at: null,
    created_at: '2026-11-30T10:00:00Z',
    ...overrides,
  };
}

export function makeDetail(head: ItemVersion = makeVersion(), overrides: Partial<ItemDetail> = {}): ItemDetail {
  const { document } = head;
  return {
    id: ITEM_ID,
    key: document.key,
    framework: 'digcomp-2.2',
    competence: document.competence,
    area: document.competence.split('.')[0] ?? '',
    status: head.status,
    head_version: head.version,
    active_version: null,
    type: document.type,
    interaction: document.interaction ?? null,
    level: document.level,
    languages: head.languages,
    stem: document.stem,
    created_by: PERSON_ID,
    created_at: '2026-11-01T10:00:00Z',
    updated_at: head.created_at,
    head,
    ...overrides,
  };
}

export function summaryOf(detail: ItemDetail): ItemSummary {
  const summary: Partial<ItemDetail> = { ...detail };
  delete summary.head;
  return summary as ItemSummary;
}

export function makePreview(overrides: Partial<LearnerItem> = {}): LearnerItem {
  return {
    id: 'eeeeeeee-0000-4000-8000-000000000003',
    type: 'scenario',
    interaction: 'single_choice',
    language: 'en',
    stem: 'Which sign shows that this e-mail is not from the Registry?',
    stimulus: {
      kind: 'email',
      from: 'Registrų centras <saskaitos@registru-centras.example>',
      subject: 'Unpaid invoice: pay within 24 hours',
      body: 'Dear customer,\n\nPay now.',
      links: [{ text: 'Pay now', url: 'http://registru-centras.example/pay' }],
      attachments: ['saskaita_2026.zip'],
    },
    options: [
      { key: 'b', text: 'The greeting' },
      { key: 'a', text: 'The sender’s domain' },
    ],
    categories: null,
    ...overrides,
  };
}

/** The framework and one item (its detail and its versions) for the editor's screens. */
export function itemHandlers(detail: ItemDetail, versions: ItemVersion[] = [detail.head]): Record<string, Handler> {
  return {
    'GET /api/assessment/frameworks/digcomp-2.2': () => json(makeFramework()),
    'GET /api/assessment/items/:id': () => json(detail),
    'GET /api/assessment/items/:id/versions': () => json(versions),
  };
}

export function page(items: ItemSummary[], limit = 20, offset = 0) {
  return json({ items: items.slice(offset, offset + limit), total: items.length, limit, offset });
}

export const EDITOR = { roles: ['learner', 'content_editor'] };
