/**
 * The item editor's working copy of an item document: every text holds every language (empty while
 * it is being written or translated), and the answer key of each type is kept, so switching the
 * type back and forth loses nothing. `toDocument` turns it into the API's shape.
 */
import { LANGUAGES } from '@/config/languages';
import { blank, compact, full, type Text } from '@/lib/editable-text';

import type { Interaction, ItemDocument, ItemType, Stimulus } from '../api/items';
import { editableStimulus, sentStimulus, stimulusFieldNames, stimulusTexts } from './stimulus-draft';

export interface Choice {
  key: string;
  text: Text;
}

export interface Draft {
  key: string;
  competence: string;
  level: number;
  type: ItemType;
  interaction: Interaction;
  stem: Text;
  stimulus: Stimulus | null;
  options: Choice[];
  categories: Choice[];
  single: string | null;
  multiple: string[];
  order: string[];
  matching: Record<string, string>;
  explanation: Text;
  pretest: boolean;
  params: ItemDocument['params'];
  note: string;
}

export type AnswerShape = 'single_choice' | 'multiple_response' | 'ordering' | 'matching';

export const OPTION_KEYS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] as const;
export const CATEGORY_KEYS = ['x', 'y', 'z', 'w', 'v'] as const;
export const MIN_OPTIONS = 2;
export const MIN_CATEGORIES = 2;

/** How the answer key is built: by the type, or for a scenario by how it is answered. */
export function answerShape(type: ItemType, interaction: Interaction): AnswerShape {
  return type === 'scenario' ? interaction : type;
}

/** The next unused key of `keys`, or undefined when all are taken. */
export function nextKey(keys: readonly string[], used: readonly Choice[]): string | undefined {
  return keys.find((key) => !used.some((choice) => choice.key === key));
}

/** The ordering key: its order first, with options added since at the end and removed ones dropped. */
export function syncedOrder(draft: Pick<Draft, 'order' | 'options'>): string[] {
  const keys = draft.options.map((option) => option.key);
  return [...draft.order.filter((key) => keys.includes(key)), ...keys.filter((key) => !draft.order.includes(key))];
}

/** Every text of the item the learner reads, by field name, as the service counts them for completeness. */
export function itemTexts(draft: Draft): [string, Text][] {
  return [
    ['stem', draft.stem],
    ...(draft.stimulus ? stimulusTexts(draft.stimulus) : []),
    ...draft.options.map((option, i): [string, Text] => [`options.${String(i)}.text`, option.text]),
    ...(draft.type === 'matching'
      ? draft.categories.map((category, i): [string, Text] => [`categories.${String(i)}.text`, category.text])
      : []),
    ['explanation', draft.explanation],
  ];
}

/** How many of the item's texts are still empty in `language` (0: the item is complete in it). */
export function missingTexts(draft: Draft, language: string): number {
  return itemTexts(draft).filter(([, text]) => !text[language]?.trim()).length;
}

function choice(entry: { key: string; text: Text }): Choice {
  return { key: entry.key, text: full(entry.text) };
}

/** A new item's starting point: a single choice with two options. */
export function newDraft(): Draft {
  return {
    key: '',
    competence: '',
    level: 1,
    type: 'single_choice',
    interaction: 'single_choice',
    stem: blank(),
    stimulus: null,
    options: [
      { key: 'a', text: blank() },
      { key: 'b', text: blank() },
    ],
    categories: [
      { key: 'x', text: blank() },
      { key: 'y', text: blank() },
    ],
    single: null,
    multiple: [],
    order: [],
    matching: {},
    explanation: blank(),
    pretest: false,
    params: null,
    note: '',
  };
}

/** The editor's copy of a stored document. */
export function fromDocument(document: ItemDocument): Draft {
  const start = newDraft();
  const interaction = document.interaction ?? 'single_choice';
  const shape = answerShape(document.type, interaction);
  const { answer } = document;
  return {
    ...start,
    key: document.key,
    competence: document.competence,
    level: document.level,
    type: document.type,
    interaction,
    stem: full(document.stem),
    stimulus: document.stimulus ? editableStimulus(document.stimulus) : null,
    options: document.options.map(choice),
    categories: document.categories ? document.categories.map(choice) : start.categories,
    single: shape === 'single_choice' && typeof answer === 'string' ? answer : null,
    multiple: shape === 'multiple_response' && Array.isArray(answer) ? answer : [],
    order: shape === 'ordering' && Array.isArray(answer) ? answer : [],
    matching: shape === 'matching' && typeof answer === 'object' && !Array.isArray(answer) ? answer : {},
    explanation: full(document.explanation),
    pretest: document.pretest,
    params: document.params ?? null,
  };
}

function answerOf(draft: Draft): ItemDocument['answer'] {
  const keys = draft.options.map((option) => option.key);
  switch (answerShape(draft.type, draft.interaction)) {
    case 'single_choice':
      return draft.single && keys.includes(draft.single) ? draft.single : '';
    case 'multiple_response':
      return keys.filter((key) => draft.multiple.includes(key));
    case 'ordering':
      return syncedOrder(draft);
    case 'matching':
      return Object.fromEntries(keys.map((key) => [key, draft.matching[key] ?? '']));
  }
}

/**
 * The document to send. Stored parameters (perhaps calibrated) are kept while what they describe
 * stays the same; a new level, type or number of options goes back to the documented initial rule.
 */
export function toDocument(draft: Draft, base?: ItemDocument): ItemDocument {
  const sameShape =
    base !== undefined &&
    base.level === draft.level &&
    base.type === draft.type &&
    (base.interaction ?? null) === (draft.type === 'scenario' ? draft.interaction : null) &&
    base.options.length === draft.options.length;
  return {
    key: draft.key.trim(),
    competence: draft.competence,
    level: draft.level,
    type: draft.type,
    ...(draft.type === 'scenario' ? { interaction: draft.interaction } : {}),
    stem: compact(draft.stem),
    ...(draft.stimulus ? { stimulus: sentStimulus(draft.stimulus) } : {}),
    options: draft.options.map((option) => ({ key: option.key, text: compact(option.text) })),
    ...(draft.type === 'matching'
      ? { categories: draft.categories.map((category) => ({ key: category.key, text: compact(category.text) })) }
      : {}),
    answer: answerOf(draft),
    explanation: compact(draft.explanation),
    pretest: draft.pretest,
    ...(sameShape && draft.params ? { params: draft.params } : {}),
  };
}

/** A document's content as text, to tell whether the editor changed anything. */
export function fingerprint(draft: Draft): string {
  return JSON.stringify({ ...toDocument(draft), note: draft.note.trim() });
}

/** The names of the multilingual texts the form shows (`stem`, `options.0.text`). */
export function textNames(draft: Draft): Set<string> {
  const texts = itemTexts(draft).map(([name]) => name);
  if (draft.stimulus?.kind === 'chat') texts.push('stimulus.title');
  return new Set(texts);
}

/** The names of every field the form shows for this draft, so errors without a field can be listed apart. */
export function fieldNames(draft: Draft): Set<string> {
  const texts = [...textNames(draft)];
  return new Set([
    'key',
    'competence',
    'level',
    'type',
    'interaction',
    'answer',
    'note',
    'options',
    'categories',
    'stimulus',
    'stimulus.kind',
    ...texts,
    ...texts.flatMap((name) => LANGUAGES.map((language) => `${name}.${language}`)),
    ...(draft.stimulus ? stimulusFieldNames(draft.stimulus) : []),
  ]);
}
