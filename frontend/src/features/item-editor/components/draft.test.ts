import { describe, expect, it } from 'vitest';

import type { ItemDocument } from '../api/items';
import { fromDocument, missingTexts, toDocument } from './draft';

const scenario: ItemDocument = {
  key: 'c4-2-phishing-invoice',
  competence: '4.2',
  level: 3,
  type: 'scenario',
  interaction: 'multiple_response',
  stem: { en: 'Which signs show that this e-mail is not from the Registry?', lt: 'Kurie požymiai?' },
  stimulus: {
    kind: 'email',
    from: 'Registrų centras <saskaitos@registru-centras.example>',
    subject: { en: 'Unpaid invoice', lt: 'Neapmokėta sąskaita' },
    body: { en: 'Pay now.', lt: 'Apmokėkite dabar.' },
    links: [{ text: { en: 'Pay now', lt: 'Apmokėti dabar' }, url: 'http://registru-centras.example/pay' }],
    attachments: ['saskaita_2026.zip'],
  },
  options: [
    { key: 'a', text: { en: 'The domain', lt: 'Domenas' } },
    { key: 'b', text: { en: 'The deadline', lt: 'Terminas' } },
    { key: 'c', text: { en: 'The language', lt: 'Kalba' } },
  ],
  answer: ['a', 'b'],
  explanation: { en: 'Because.', lt: 'Nes.' },
  pretest: true,
  params: { a: 1.6, b: -0.9, c: 0 },
};

describe('the editor’s working copy of an item', () => {
  it('gives back the same document when nothing was changed', () => {
    expect(toDocument(fromDocument(scenario), scenario)).toEqual(scenario);
  });

  it('leaves out a language that is still empty and counts what is missing in it', () => {
    const draft = fromDocument(scenario);
    draft.options = draft.options.map((option) => (option.key === 'c' ? { ...option, text: { en: 'The language', lt: '' } } : option));
    expect(toDocument(draft, scenario).options[2]).toEqual({ key: 'c', text: { en: 'The language' } });
    expect(missingTexts(draft, 'lt')).toBe(1);
    expect(missingTexts(draft, 'en')).toBe(0);
  });

  it('goes back to the initial parameters when the level changes', () => {
    const draft = { ...fromDocument(scenario), level: 5 };
    expect(toDocument(draft, scenario)).not.toHaveProperty('params');
  });

  it('keeps the ordering key in step with the options added and removed', () => {
    const ordering: ItemDocument = { ...scenario, type: 'ordering', interaction: null, stimulus: null, answer: ['c', 'a', 'b'] };
    const draft = fromDocument(ordering);
    draft.options = [...draft.options.filter((option) => option.key !== 'a'), { key: 'd', text: { en: 'Fourth', lt: 'Ketvirtas' } }];
    const sent = toDocument(draft, ordering);
    expect(sent.answer).toEqual(['c', 'b', 'd']);
    expect(sent).not.toHaveProperty('interaction');
    expect(sent).not.toHaveProperty('stimulus');
  });

  it('sends categories and a category for every option only for matching', () => {
    const draft = { ...fromDocument(scenario), type: 'matching' as const, matching: { a: 'x', b: 'y' } };
    draft.categories = [
      { key: 'x', text: { en: 'Personal data', lt: 'Asmens duomenys' } },
      { key: 'y', text: { en: 'Public data', lt: 'Vieši duomenys' } },
    ];
    const sent = toDocument(draft);
    expect(sent.categories).toHaveLength(2);
    expect(sent.answer).toEqual({ a: 'x', b: 'y', c: '' });
    expect(toDocument({ ...draft, type: 'single_choice', single: 'b' }).answer).toBe('b');
    expect(toDocument({ ...draft, type: 'single_choice', single: 'b' })).not.toHaveProperty('categories');
  });
});
