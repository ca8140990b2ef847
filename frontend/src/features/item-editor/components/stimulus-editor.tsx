import type { ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { SelectField } from '@/components/select-field';
import { TextInput } from '@/components/text-input';
import { blank } from '@/lib/editable-text';

import { STIMULUS_KINDS, type Stimulus, type StimulusKind } from '../api/items';
import { BilingualField } from './bilingual-field';
import { emptyStimulus } from './stimulus-draft';

type Of<K extends StimulusKind> = Extract<Stimulus, { kind: K }>;

interface Props<K extends StimulusKind> {
  stimulus: Of<K>;
  onChange: (stimulus: Of<K>) => void;
  errors: Record<string, string>;
  isReadOnly: boolean;
}

const NONE = 'none';

interface StimulusEditorProps {
  stimulus: Stimulus | null;
  onChange: (stimulus: Stimulus | null) => void;
  /** A scenario must have one; other types may. */
  isRequired: boolean;
  errors: Record<string, string>;
  isReadOnly: boolean;
}

/** What the learner looks at beside the question, with the fields of its kind. */
export function StimulusEditor({ stimulus, onChange, isRequired, errors, isReadOnly }: StimulusEditorProps) {
  const { t } = useTranslation();
  const kinds = [
    ...(isRequired ? [] : [{ id: NONE, label: t('itemEditor.stimulus.none') }]),
    ...STIMULUS_KINDS.map((kind) => ({ id: kind, label: t(`itemEditor.stimulus.kinds.${kind}`) })),
  ];
  const common = { errors, isReadOnly };
  return (
    <>
      <SelectField
        label={t('itemEditor.stimulus.kind')}
        name="stimulus.kind"
        options={kinds}
        value={stimulus?.kind ?? (isRequired ? '' : NONE)}
        placeholder={t('itemEditor.stimulus.chooseKind')}
        isDisabled={isReadOnly}
        onChange={(kind) => {
          if (kind === stimulus?.kind) return;
          const chosen = STIMULUS_KINDS.find((k) => k === kind);
          onChange(chosen ? emptyStimulus(chosen) : null);
        }}
      />
      {errors.stimulus && <p className="field__error">{errors.stimulus}</p>}
      {stimulus?.kind === 'email' && <EmailFields stimulus={stimulus} onChange={onChange} {...common} />}
      {stimulus?.kind === 'chat' && <ChatFields stimulus={stimulus} onChange={onChange} {...common} />}
      {stimulus?.kind === 'share_dialog' && <ShareFields stimulus={stimulus} onChange={onChange} {...common} />}
      {stimulus?.kind === 'search' && <SearchFields stimulus={stimulus} onChange={onChange} {...common} />}
      {stimulus?.kind === 'document' && <DocumentFields stimulus={stimulus} onChange={onChange} {...common} />}
      {stimulus?.kind === 'settings' && <SettingsFields stimulus={stimulus} onChange={onChange} {...common} />}
    </>
  );
}

interface RowsProps<T> {
  rows: T[];
  onChange: (rows: T[]) => void;
  /** The row's name for its heading and its remove button ("Link 2"). */
  label: (index: number) => string;
  addLabel: string;
  fresh: () => T;
  min?: number;
  max: number;
  error?: string | undefined;
  isReadOnly: boolean;
  children: (row: T, update: (row: T) => void, index: number) => ReactNode;
}

/** A list of rows of a stimulus (links, messages, results, settings) with add and remove buttons. */
function Rows<T>({ rows, onChange, label, addLabel, fresh, min = 0, max, error, isReadOnly, children }: RowsProps<T>) {
  const { t } = useTranslation();
  return (
    <>
      {error && <p className="field__error">{error}</p>}
      <ol className="choice-list">
        {rows.map((row, index) => (
          // Rows have no identity of their own; their position is what the API's errors refer to.
          <li key={index} className="choice-list__item">
            <p className="choice-list__label">{label(index)}</p>
            {children(row, (next) => {
              onChange(rows.map((r, i) => (i === index ? next : r)));
            }, index)}
            {!isReadOnly && (
              <div className="choice-list__actions">
                <Button
                  className="react-aria-Button button--secondary"
                  isDisabled={rows.length <= min}
                  aria-label={t('itemEditor.form.remove', { what: label(index) })}
                  onPress={() => {
                    onChange(rows.filter((_, i) => i !== index));
                  }}
                >
                  {t('itemEditor.form.removeShort')}
                </Button>
              </div>
            )}
          </li>
        ))}
      </ol>
      {!isReadOnly && (
        <Button
          className="react-aria-Button button--secondary"
          isDisabled={rows.length >= max}
          onPress={() => {
            onChange([...rows, fresh()]);
          }}
        >
          {addLabel}
        </Button>
      )}
    </>
  );
}

/** A plain string of a stimulus (an address, a file name, a URL): the same in every language. */
function Plain({ label, name, value, onChange, isReadOnly }: { label: string; name: string; value: string; onChange: (value: string) => void; isReadOnly: boolean }) {
  return <TextInput label={label} name={name} value={value} isReadOnly={isReadOnly} onChange={onChange} />;
}

function EmailFields({ stimulus, onChange, errors, isReadOnly }: Props<'email'>) {
  const { t } = useTranslation();
  const set = (change: Partial<Of<'email'>>) => {
    onChange({ ...stimulus, ...change });
  };
  return (
    <>
      <Plain label={t('itemEditor.stimulus.from')} name="stimulus.from" value={stimulus.from} isReadOnly={isReadOnly} onChange={(from) => { set({ from }); }} />
      <Plain label={t('itemEditor.stimulus.to')} name="stimulus.to" value={stimulus.to ?? ''} isReadOnly={isReadOnly} onChange={(to) => { set({ to }); }} />
      <BilingualField label={t('itemEditor.stimulus.subject')} name="stimulus.subject" value={stimulus.subject} isReadOnly={isReadOnly} error={errors['stimulus.subject']} onChange={(subject) => { set({ subject }); }} />
      <BilingualField label={t('itemEditor.stimulus.body')} name="stimulus.body" value={stimulus.body} multiline isReadOnly={isReadOnly} error={errors['stimulus.body']} onChange={(body) => { set({ body }); }} />
      <h3>{t('itemEditor.stimulus.links')}</h3>
      <Rows
        rows={stimulus.links}
        onChange={(links) => { set({ links }); }}
        label={(i) => t('itemEditor.stimulus.link', { n: i + 1 })}
        addLabel={t('itemEditor.stimulus.addLink')}
        fresh={() => ({ text: blank(), url: '' })}
        max={10}
        error={errors['stimulus.links']}
        isReadOnly={isReadOnly}
      >
        {(link, update, i) => (
          <>
            <BilingualField label={t('itemEditor.stimulus.linkText', { n: i + 1 })} name={`stimulus.links.${String(i)}.text`} error={errors[`stimulus.links.${String(i)}.text`]} value={link.text} isReadOnly={isReadOnly} onChange={(text) => { update({ ...link, text }); }} />
            <Plain label={t('itemEditor.stimulus.linkUrl', { n: i + 1 })} name={`stimulus.links.${String(i)}.url`} value={link.url} isReadOnly={isReadOnly} onChange={(url) => { update({ ...link, url }); }} />
          </>
        )}
      </Rows>
      <h3>{t('itemEditor.stimulus.attachments')}</h3>
      <Rows
        rows={stimulus.attachments}
        onChange={(attachments) => { set({ attachments }); }}
        label={(i) => t('itemEditor.stimulus.attachment', { n: i + 1 })}
        addLabel={t('itemEditor.stimulus.addAttachment')}
        fresh={() => ''}
        max={10}
        error={errors['stimulus.attachments']}
        isReadOnly={isReadOnly}
      >
        {(name, update, i) => (
          <Plain label={t('itemEditor.stimulus.fileName', { n: i + 1 })} name={`stimulus.attachments.${String(i)}`} value={name} isReadOnly={isReadOnly} onChange={update} />
        )}
      </Rows>
    </>
  );
}

function ChatFields({ stimulus, onChange, errors, isReadOnly }: Props<'chat'>) {
  const { t } = useTranslation();
  return (
    <>
      <BilingualField label={t('itemEditor.stimulus.chatTitle')} name="stimulus.title" value={stimulus.title ?? blank()} isReadOnly={isReadOnly} error={errors['stimulus.title']} onChange={(title) => { onChange({ ...stimulus, title }); }} />
      <h3>{t('itemEditor.stimulus.messages')}</h3>
      <Rows
        rows={stimulus.messages}
        onChange={(messages) => { onChange({ ...stimulus, messages }); }}
        label={(i) => t('itemEditor.stimulus.message', { n: i + 1 })}
        addLabel={t('itemEditor.stimulus.addMessage')}
        fresh={() => ({ author: '', text: blank() })}
        min={1}
        max={20}
        error={errors['stimulus.messages']}
        isReadOnly={isReadOnly}
      >
        {(message, update, i) => (
          <>
            <Plain label={t('itemEditor.stimulus.author', { n: i + 1 })} name={`stimulus.messages.${String(i)}.author`} value={message.author} isReadOnly={isReadOnly} onChange={(author) => { update({ ...message, author }); }} />
            <BilingualField label={t('itemEditor.stimulus.messageText', { n: i + 1 })} name={`stimulus.messages.${String(i)}.text`} error={errors[`stimulus.messages.${String(i)}.text`]} value={message.text} multiline isReadOnly={isReadOnly} onChange={(text) => { update({ ...message, text }); }} />
          </>
        )}
      </Rows>
    </>
  );
}

function ShareFields({ stimulus, onChange, errors, isReadOnly }: Props<'share_dialog'>) {
  const { t } = useTranslation();
  return (
    <>
      <Plain label={t('itemEditor.stimulus.document')} name="stimulus.document" value={stimulus.document} isReadOnly={isReadOnly} onChange={(document) => { onChange({ ...stimulus, document }); }} />
      <BilingualField label={t('itemEditor.stimulus.title')} name="stimulus.title" value={stimulus.title} isReadOnly={isReadOnly} error={errors['stimulus.title']} onChange={(title) => { onChange({ ...stimulus, title }); }} />
      <BilingualField label={t('itemEditor.stimulus.description')} name="stimulus.description" value={stimulus.description} multiline isReadOnly={isReadOnly} error={errors['stimulus.description']} onChange={(description) => { onChange({ ...stimulus, description }); }} />
    </>
  );
}

function SearchFields({ stimulus, onChange, errors, isReadOnly }: Props<'search'>) {
  const { t } = useTranslation();
  return (
    <>
      <BilingualField label={t('itemEditor.stimulus.query')} name="stimulus.query" value={stimulus.query} isReadOnly={isReadOnly} error={errors['stimulus.query']} onChange={(query) => { onChange({ ...stimulus, query }); }} />
      <h3>{t('itemEditor.stimulus.results')}</h3>
      <Rows
        rows={stimulus.results}
        onChange={(results) => { onChange({ ...stimulus, results }); }}
        label={(i) => t('itemEditor.stimulus.result', { n: i + 1 })}
        addLabel={t('itemEditor.stimulus.addResult')}
        fresh={() => ({ title: blank(), url: '', snippet: blank() })}
        min={1}
        max={10}
        error={errors['stimulus.results']}
        isReadOnly={isReadOnly}
      >
        {(result, update, i) => (
          <>
            <BilingualField label={t('itemEditor.stimulus.resultTitle', { n: i + 1 })} name={`stimulus.results.${String(i)}.title`} error={errors[`stimulus.results.${String(i)}.title`]} value={result.title} isReadOnly={isReadOnly} onChange={(title) => { update({ ...result, title }); }} />
            <Plain label={t('itemEditor.stimulus.resultUrl', { n: i + 1 })} name={`stimulus.results.${String(i)}.url`} value={result.url} isReadOnly={isReadOnly} onChange={(url) => { update({ ...result, url }); }} />
            <BilingualField label={t('itemEditor.stimulus.snippet', { n: i + 1 })} name={`stimulus.results.${String(i)}.snippet`} error={errors[`stimulus.results.${String(i)}.snippet`]} value={result.snippet} multiline isReadOnly={isReadOnly} onChange={(snippet) => { update({ ...result, snippet }); }} />
          </>
        )}
      </Rows>
    </>
  );
}

function DocumentFields({ stimulus, onChange, errors, isReadOnly }: Props<'document'>) {
  const { t } = useTranslation();
  return (
    <>
      <BilingualField label={t('itemEditor.stimulus.title')} name="stimulus.title" value={stimulus.title} isReadOnly={isReadOnly} error={errors['stimulus.title']} onChange={(title) => { onChange({ ...stimulus, title }); }} />
      <BilingualField label={t('itemEditor.stimulus.excerpt')} name="stimulus.body" value={stimulus.body} multiline isReadOnly={isReadOnly} error={errors['stimulus.body']} onChange={(body) => { onChange({ ...stimulus, body }); }} />
    </>
  );
}

function SettingsFields({ stimulus, onChange, errors, isReadOnly }: Props<'settings'>) {
  const { t } = useTranslation();
  return (
    <>
      <BilingualField label={t('itemEditor.stimulus.panelTitle')} name="stimulus.title" value={stimulus.title} isReadOnly={isReadOnly} error={errors['stimulus.title']} onChange={(title) => { onChange({ ...stimulus, title }); }} />
      <h3>{t('itemEditor.stimulus.settings')}</h3>
      <Rows
        rows={stimulus.settings}
        onChange={(settings) => { onChange({ ...stimulus, settings }); }}
        label={(i) => t('itemEditor.stimulus.setting', { n: i + 1 })}
        addLabel={t('itemEditor.stimulus.addSetting')}
        fresh={() => ({ label: blank(), value: blank() })}
        min={1}
        max={20}
        error={errors['stimulus.settings']}
        isReadOnly={isReadOnly}
      >
        {(setting, update, i) => (
          <>
            <BilingualField label={t('itemEditor.stimulus.settingLabel', { n: i + 1 })} name={`stimulus.settings.${String(i)}.label`} error={errors[`stimulus.settings.${String(i)}.label`]} value={setting.label} isReadOnly={isReadOnly} onChange={(label) => { update({ ...setting, label }); }} />
            <BilingualField label={t('itemEditor.stimulus.settingValue', { n: i + 1 })} name={`stimulus.settings.${String(i)}.value`} error={errors[`stimulus.settings.${String(i)}.value`]} value={setting.value} isReadOnly={isReadOnly} onChange={(value) => { update({ ...setting, value }); }} />
          </>
        )}
      </Rows>
    </>
  );
}
