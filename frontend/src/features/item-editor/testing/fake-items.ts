/** Item bank answers for the editor's route tests, shaped like the assessment service's. */
import { json, type Handler } from '@/testing/fake-api';
import { frameworkHandler } from '@/testing/framework';
import { PERSON_ID } from '@/testing/identity';

import type { ItemDetail, ItemDocument, ItemSummary, ItemVersion, LearnerItem } from '../api/items';

export const ITEM_ID = 'cccccccc-0000-4000-8000-000000000001';
export const OTHER_EDITOR = 'dddddddd-0000-4000-8000-000000000001';

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
    'GET /api/assessment/frameworks/digcomp-2.2': frameworkHandler(),
    'GET /api/assessment/items/:id': () => json(detail),
    'GET /api/assessment/items/:id/versions': () => json(versions),
  };
}

export const EDITOR = { roles: ['learner', 'content_editor'] };
