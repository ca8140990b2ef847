/** The stimulus part of the editor's working copy: empty ones per kind, editing and sending shapes, texts. */
import { blank, compact, filled, full, type Text } from '@/lib/editable-text';

import type { Stimulus, StimulusKind } from '../api/items';

/** A new stimulus of `kind` with every field empty (lists with one empty row where one is required). */
export function emptyStimulus(kind: StimulusKind): Stimulus {
  switch (kind) {
    case 'email':
      return { kind, from: '', to: '', subject: blank(), body: blank(), links: [], attachments: [] };
    case 'chat':
      return { kind, title: blank(), messages: [{ author: '', text: blank() }] };
    case 'share_dialog':
      return { kind, document: '', title: blank(), description: blank() };
    case 'search':
      return { kind, query: blank(), results: [{ title: blank(), url: '', snippet: blank() }] };
    case 'document':
      return { kind, title: blank(), body: blank() };
    case 'settings':
      return { kind, title: blank(), settings: [{ label: blank(), value: blank() }] };
  }
}

/** The same stimulus with every text holding every language, for editing. */
export function editableStimulus(stimulus: Stimulus): Stimulus {
  switch (stimulus.kind) {
    case 'email':
      return {
        ...stimulus,
        to: stimulus.to ?? '',
        subject: full(stimulus.subject),
        body: full(stimulus.body),
        links: stimulus.links.map((link) => ({ ...link, text: full(link.text) })),
      };
    case 'chat':
      return {
        ...stimulus,
        title: full(stimulus.title),
        messages: stimulus.messages.map((message) => ({ ...message, text: full(message.text) })),
      };
    case 'share_dialog':
      return { ...stimulus, title: full(stimulus.title), description: full(stimulus.description) };
    case 'search':
      return {
        ...stimulus,
        query: full(stimulus.query),
        results: stimulus.results.map((result) => ({ ...result, title: full(result.title), snippet: full(result.snippet) })),
      };
    case 'document':
      return { ...stimulus, title: full(stimulus.title), body: full(stimulus.body) };
    case 'settings':
      return {
        ...stimulus,
        title: full(stimulus.title),
        settings: stimulus.settings.map((setting) => ({ label: full(setting.label), value: full(setting.value) })),
      };
  }
}

/** The stimulus as the API takes it: empty languages, an empty `to` and an empty chat title left out. */
export function sentStimulus(stimulus: Stimulus): Stimulus {
  switch (stimulus.kind) {
    case 'email': {
      const to = stimulus.to?.trim();
      return {
        kind: 'email',
        from: stimulus.from,
        ...(to ? { to } : {}),
        subject: compact(stimulus.subject),
        body: compact(stimulus.body),
        links: stimulus.links.map((link) => ({ text: compact(link.text), url: link.url })),
        attachments: stimulus.attachments,
      };
    }
    case 'chat':
      return {
        kind: 'chat',
        ...(filled(stimulus.title) && stimulus.title ? { title: compact(stimulus.title) } : {}),
        messages: stimulus.messages.map((message) => ({ author: message.author, text: compact(message.text) })),
      };
    case 'share_dialog':
      return { ...stimulus, title: compact(stimulus.title), description: compact(stimulus.description) };
    case 'search':
      return {
        kind: 'search',
        query: compact(stimulus.query),
        results: stimulus.results.map((result) => ({
          title: compact(result.title),
          url: result.url,
          snippet: compact(result.snippet),
        })),
      };
    case 'document':
      return { kind: 'document', title: compact(stimulus.title), body: compact(stimulus.body) };
    case 'settings':
      return {
        kind: 'settings',
        title: compact(stimulus.title),
        settings: stimulus.settings.map((setting) => ({ label: compact(setting.label), value: compact(setting.value) })),
      };
  }
}

/** Every text the learner reads in a stimulus, with the name of its field (`stimulus.subject`). */
export function stimulusTexts(stimulus: Stimulus): [string, Text][] {
  switch (stimulus.kind) {
    case 'email':
      return [
        ['stimulus.subject', stimulus.subject],
        ['stimulus.body', stimulus.body],
        ...stimulus.links.map((link, i): [string, Text] => [`stimulus.links.${String(i)}.text`, link.text]),
      ];
    case 'chat':
      return [
        ...(stimulus.title && filled(stimulus.title) ? [['stimulus.title', stimulus.title] as [string, Text]] : []),
        ...stimulus.messages.map((message, i): [string, Text] => [`stimulus.messages.${String(i)}.text`, message.text]),
      ];
    case 'share_dialog':
      return [
        ['stimulus.title', stimulus.title],
        ['stimulus.description', stimulus.description],
      ];
    case 'search':
      return [
        ['stimulus.query', stimulus.query],
        ...stimulus.results.flatMap((result, i): [string, Text][] => [
          [`stimulus.results.${String(i)}.title`, result.title],
          [`stimulus.results.${String(i)}.snippet`, result.snippet],
        ]),
      ];
    case 'document':
      return [
        ['stimulus.title', stimulus.title],
        ['stimulus.body', stimulus.body],
      ];
    case 'settings':
      return [
        ['stimulus.title', stimulus.title],
        ...stimulus.settings.flatMap((setting, i): [string, Text][] => [
          [`stimulus.settings.${String(i)}.label`, setting.label],
          [`stimulus.settings.${String(i)}.value`, setting.value],
        ]),
      ];
  }
}

/** The names of the plain fields and lists of a stimulus, as the API's error locations spell them. */
export function stimulusFieldNames(stimulus: Stimulus): string[] {
  const each = (list: readonly unknown[], name: string, fields: string[]) =>
    list.flatMap((_, i) => fields.map((field) => `stimulus.${name}.${String(i)}${field ? `.${field}` : ''}`));
  switch (stimulus.kind) {
    case 'email':
      return [
        'stimulus.from',
        'stimulus.to',
        'stimulus.links',
        'stimulus.attachments',
        ...each(stimulus.links, 'links', ['url']),
        ...each(stimulus.attachments, 'attachments', ['']),
      ];
    case 'chat':
      return ['stimulus.title', 'stimulus.messages', ...each(stimulus.messages, 'messages', ['author'])];
    case 'share_dialog':
      return ['stimulus.document'];
    case 'search':
      return ['stimulus.results', ...each(stimulus.results, 'results', ['url'])];
    case 'document':
      return [];
    case 'settings':
      return ['stimulus.settings'];
  }
}
