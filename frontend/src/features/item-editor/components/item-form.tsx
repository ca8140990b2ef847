import { useState, type ReactNode } from 'react';
import { Form } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import type { Framework } from '@/api/framework';
import { CheckBox } from '@/components/choice';
import { SelectField } from '@/components/select-field';
import { TextInput } from '@/components/text-input';
import { competenceOptions, levelOptions } from '@/lib/competences';

import { INTERACTIONS, ITEM_TYPES, isItemType } from '../api/items';
import { AnswerKey } from './answer-key';
import { BilingualField } from './bilingual-field';
import { ChoicesEditor } from './choices-editor';
import { Completeness } from './completeness';
import { CATEGORY_KEYS, MIN_CATEGORIES, MIN_OPTIONS, OPTION_KEYS, type Draft } from './draft';
import { StimulusEditor } from './stimulus-editor';

interface ItemFormProps {
  draft: Draft;
  onChange: (change: Partial<Draft>) => void;
  framework: Framework | undefined;
  /** Field errors of a refused save, by field name. */
  errors?: Record<string, string>;
  /** A new item's key may still be chosen; a stored item's never changes. */
  isNew?: boolean;
  isReadOnly?: boolean;
  onSubmit?: () => void;
  /** Shown above the form (a refused save's summary). */
  header?: ReactNode;
  /** The buttons at the end of the form (save). */
  actions?: ReactNode;
}

/** Every part of an item, each text in every language side by side. */
export function ItemForm({ draft, onChange, framework, errors = {}, isNew = false, isReadOnly = false, onSubmit, header, actions }: ItemFormProps) {
  const { t, i18n } = useTranslation();
  const [announcement, setAnnouncement] = useState('');
  const competences = competenceOptions(framework, i18n.language);
  const levels = levelOptions(framework, i18n.language);
  const common = { isReadOnly, announce: setAnnouncement };

  return (
    <Form
      className="item-form"
      validationBehavior="aria"
      validationErrors={errors}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit?.();
      }}
    >
      {header}
      <Completeness draft={draft} />
      <p role="status" className="visually-hidden">
        {announcement}
      </p>

      <section aria-labelledby="measures-heading" className="panel">
        <h2 id="measures-heading">{t('itemEditor.form.measures')}</h2>
        <TextInput
          label={t('itemEditor.form.key')}
          name="key"
          value={draft.key}
          isReadOnly={isReadOnly || !isNew}
          description={isNew ? t('itemEditor.form.keyHint') : undefined}
          onChange={(key) => {
            onChange({ key });
          }}
        />
        <div className="split">
          <SelectField
            label={t('itemEditor.fields.competence')}
            name="competence"
            options={competences}
            value={draft.competence}
            placeholder={t('itemEditor.form.chooseCompetence')}
            isDisabled={isReadOnly || !isNew}
            onChange={(competence) => {
              onChange({ competence });
            }}
          />
          <SelectField
            label={t('itemEditor.fields.level')}
            name="level"
            options={levels}
            value={String(draft.level)}
            isDisabled={isReadOnly}
            onChange={(level) => {
              onChange({ level: Number(level) });
            }}
          />
        </div>
        <CheckBox
          isSelected={draft.pretest}
          isReadOnly={isReadOnly}
          description={t('itemEditor.form.pretestHint')}
          onChange={(pretest) => {
            onChange({ pretest });
          }}
        >
          {t('itemEditor.form.pretest')}
        </CheckBox>
      </section>

      <section aria-labelledby="question-heading" className="panel">
        <h2 id="question-heading">{t('itemEditor.form.question')}</h2>
        <div className="split">
          <SelectField
            label={t('itemEditor.fields.type')}
            name="type"
            options={ITEM_TYPES.map((type) => ({ id: type, label: t(`itemEditor.types.${type}`) }))}
            value={draft.type}
            isDisabled={isReadOnly}
            onChange={(type) => {
              if (isItemType(type)) onChange({ type });
            }}
          />
          {draft.type === 'scenario' && (
            <SelectField
              label={t('itemEditor.form.interaction')}
              name="interaction"
              options={INTERACTIONS.map((interaction) => ({ id: interaction, label: t(`itemEditor.types.${interaction}`) }))}
              value={draft.interaction}
              isDisabled={isReadOnly}
              onChange={(interaction) => {
                const chosen = INTERACTIONS.find((i) => i === interaction);
                if (chosen) onChange({ interaction: chosen });
              }}
            />
          )}
        </div>
        <BilingualField
          label={t('itemEditor.form.stem')}
          name="stem"
          value={draft.stem}
          multiline
          isReadOnly={isReadOnly}
          error={errors.stem}
          onChange={(stem) => {
            onChange({ stem });
          }}
        />
      </section>

      <section aria-labelledby="stimulus-heading" className="panel">
        <h2 id="stimulus-heading">{t('itemEditor.stimulus.heading')}</h2>
        <p className="muted">{t('itemEditor.stimulus.intro')}</p>
        <StimulusEditor
          stimulus={draft.stimulus}
          isRequired={draft.type === 'scenario'}
          errors={errors}
          isReadOnly={isReadOnly}
          onChange={(stimulus) => {
            onChange({ stimulus });
          }}
        />
      </section>

      <section aria-labelledby="options-heading" className="panel">
        <h2 id="options-heading">{draft.type === 'matching' ? t('itemEditor.form.thingsToSort') : t('itemEditor.form.options')}</h2>
        <p className="muted">{t('itemEditor.form.optionsHint')}</p>
        <ChoicesEditor
          name="options"
          choices={draft.options}
          keys={OPTION_KEYS}
          min={MIN_OPTIONS}
          errors={errors}
          {...common}
          onChange={(options) => {
            onChange({ options });
          }}
        />
      </section>

      {draft.type === 'matching' && (
        <section aria-labelledby="categories-heading" className="panel">
          <h2 id="categories-heading">{t('itemEditor.form.categories')}</h2>
          <ChoicesEditor
            name="categories"
            choices={draft.categories}
            keys={CATEGORY_KEYS}
            min={MIN_CATEGORIES}
            errors={errors}
            {...common}
            onChange={(categories) => {
              onChange({ categories });
            }}
          />
        </section>
      )}

      <section aria-labelledby="answer-heading" className="panel">
        <h2 id="answer-heading">{t('itemEditor.answer.title')}</h2>
        <AnswerKey draft={draft} onChange={onChange} error={errors.answer} {...common} />
      </section>

      <section aria-labelledby="explanation-heading" className="panel">
        <h2 id="explanation-heading">{t('itemEditor.form.explanation')}</h2>
        <p className="muted">{t('itemEditor.form.explanationHint')}</p>
        <BilingualField
          label={t('itemEditor.form.explanation')}
          name="explanation"
          value={draft.explanation}
          multiline
          isReadOnly={isReadOnly}
          error={errors.explanation}
          onChange={(explanation) => {
            onChange({ explanation });
          }}
        />
      </section>

      {!isReadOnly && (
        <TextInput
          label={t('itemEditor.form.note')}
          name="note"
          value={draft.note}
          description={t('itemEditor.form.noteHint')}
          onChange={(note) => {
            onChange({ note });
          }}
        />
      )}
      {actions}
    </Form>
  );
}
