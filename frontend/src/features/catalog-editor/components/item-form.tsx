import type { ReactNode } from 'react';
import { CheckboxGroup, FieldError, Form, Label, RadioGroup, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import {
  ACCESSIBILITY_FEATURES,
  ITEM_FORMATS,
  isAccessibilityFeature,
  isItemFormat,
  isItemKind,
  type ItemKind,
} from '@/api/catalog-terms';
import type { Framework } from '@/api/framework';
import { CheckBox, RadioOption } from '@/components/choice';
import { SelectField } from '@/components/select-field';
import { TextInput } from '@/components/text-input';
import { contentLanguageName } from '@/lib/language-names';

import { VISIBILITIES, WRITABLE_KINDS, isVisibility } from '../api/items';
import { BilingualField } from './bilingual-field';
import { CompetenceTags } from './competence-tags';
import type { Draft, NewItemFields, Ownership } from './draft';
import { NumberInput } from './number-input';
import { PrerequisitesField } from './prerequisites-field';

/** Languages an item may be offered in: the interface's own first, then others public servants use. */
const CONTENT_LANGUAGES = ['lt', 'en', 'ru', 'pl', 'uk', 'de', 'fr'];
const OWNERSHIPS: readonly Ownership[] = ['platform', 'organisation_public', 'organisation_private'];

interface ItemFormProps {
  draft: Draft;
  onChange: (change: Partial<Draft>) => void;
  framework: Framework | undefined;
  /** Field errors of a refused save, by field name. */
  errors?: Record<string, string>;
  /** A new item's slug and owner; a stored item's never change. */
  newFields?: NewItemFields;
  onNewFieldsChange?: (change: Partial<NewItemFields>) => void;
  /** The stored item's id and owner (null: platform-wide, so it cannot be private). */
  itemId?: string;
  ownerOrgId?: string | null;
  isReadOnly?: boolean;
  onSubmit?: () => void;
  /** Shown above the form (a refused save's summary). */
  header?: ReactNode;
  /** The buttons at the end of the form (save). */
  actions?: ReactNode;
}

/** Every field of a learning item, each text in English and Lithuanian side by side. */
export function ItemForm({
  draft,
  onChange,
  framework,
  errors = {},
  newFields,
  onNewFieldsChange,
  itemId,
  ownerOrgId = null,
  isReadOnly = false,
  onSubmit,
  header,
  actions,
}: ItemFormProps) {
  const { t, i18n } = useTranslation();
  const languages = [...CONTENT_LANGUAGES, ...draft.languages.filter((l) => !CONTENT_LANGUAGES.includes(l))];
  const writable: readonly ItemKind[] = WRITABLE_KINDS;
  const kinds = writable.includes(draft.kind) ? writable : [...writable, draft.kind];

  return (
    <Form
      className="catalog-form"
      validationBehavior="aria"
      validationErrors={errors}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit?.();
      }}
    >
      {header}

      <section aria-labelledby="about-heading" className="panel">
        <h2 id="about-heading">{t('catalogEditor.form.about')}</h2>
        <div className="split">
          <SelectField
            label={t('catalogEditor.fields.kind')}
            name="kind"
            options={kinds.map((kind) => ({ id: kind, label: t(`catalogEditor.kinds.${kind}`) }))}
            value={draft.kind}
            isDisabled={isReadOnly}
            onChange={(kind) => {
              if (isItemKind(kind)) onChange({ kind });
            }}
          />
          <SelectField
            label={t('catalogEditor.fields.format')}
            name="format"
            options={ITEM_FORMATS.map((format) => ({ id: format, label: t(`catalogEditor.formats.${format}`) }))}
            value={draft.format}
            isDisabled={isReadOnly}
            onChange={(format) => {
              if (isItemFormat(format)) onChange({ format });
            }}
          />
          <NumberInput
            label={t('catalogEditor.fields.duration')}
            name="duration_minutes"
            value={draft.durationMinutes}
            minValue={1}
            maxValue={10_000}
            step={1}
            isReadOnly={isReadOnly}
            description={t('catalogEditor.form.durationHint')}
            onChange={(durationMinutes) => {
              onChange({ durationMinutes });
            }}
          />
        </div>
        <CheckboxGroup
          className="choice-group"
          name="languages"
          value={draft.languages}
          isReadOnly={isReadOnly}
          onChange={(chosen) => {
            onChange({ languages: languages.filter((language) => chosen.includes(language)) });
          }}
        >
          <Label className="field__label">{t('catalogEditor.fields.languages')}</Label>
          <Text slot="description" className="field__description">
            {t('catalogEditor.form.languagesHint')}
          </Text>
          {languages.map((language) => (
            <CheckBox key={language} value={language}>
              {contentLanguageName(language, i18n.language)}
            </CheckBox>
          ))}
          <FieldError className="field__error" />
        </CheckboxGroup>
      </section>

      <section aria-labelledby="texts-heading" className="panel">
        <h2 id="texts-heading">{t('catalogEditor.form.texts')}</h2>
        <p className="muted">{t('catalogEditor.form.textsHint')}</p>
        <BilingualField
          label={t('catalogEditor.fields.title')}
          name="title"
          value={draft.title}
          isReadOnly={isReadOnly}
          error={errors.title}
          onChange={(title) => {
            onChange({ title });
          }}
        />
        <BilingualField
          label={t('catalogEditor.fields.summary')}
          name="summary"
          value={draft.summary}
          multiline
          rows={3}
          isReadOnly={isReadOnly}
          error={errors.summary}
          onChange={(summary) => {
            onChange({ summary });
          }}
        />
        <BilingualField
          label={t('catalogEditor.fields.body')}
          name="body"
          value={draft.body}
          multiline
          rows={14}
          description={t('catalogEditor.form.bodyHint')}
          isReadOnly={isReadOnly}
          error={errors.body}
          onChange={(body) => {
            onChange({ body });
          }}
        />
      </section>

      <section aria-labelledby="competences-heading" className="panel">
        <h2 id="competences-heading">{t('catalogEditor.form.competences')}</h2>
        <p className="muted">{t('catalogEditor.form.competencesHint')}</p>
        <CompetenceTags
          tags={draft.competences}
          framework={framework}
          errors={errors}
          isReadOnly={isReadOnly}
          onChange={(competences) => {
            onChange({ competences });
          }}
        />
      </section>

      <section aria-labelledby="details-heading" className="panel">
        <h2 id="details-heading">{t('catalogEditor.form.details')}</h2>
        <div className="split">
          <TextInput
            label={t('catalogEditor.fields.provider')}
            name="provider"
            value={draft.provider}
            isReadOnly={isReadOnly}
            onChange={(provider) => {
              onChange({ provider });
            }}
          />
          <TextInput
            label={t('catalogEditor.fields.licence')}
            name="licence"
            value={draft.licence}
            isReadOnly={isReadOnly}
            description={t('catalogEditor.form.licenceHint')}
            onChange={(licence) => {
              onChange({ licence });
            }}
          />
          <NumberInput
            label={t('catalogEditor.fields.cost')}
            name="cost_eur"
            value={draft.costEur}
            minValue={0}
            step={0.01}
            formatOptions={{ style: 'currency', currency: 'EUR' }}
            isReadOnly={isReadOnly}
            description={t('catalogEditor.form.costHint')}
            onChange={(costEur) => {
              onChange({ costEur });
            }}
          />
        </div>
        <TextInput
          label={t('catalogEditor.fields.url')}
          name="url"
          type="url"
          value={draft.url}
          isReadOnly={isReadOnly}
          description={t('catalogEditor.form.urlHint')}
          onChange={(url) => {
            onChange({ url });
          }}
        />
        <TextInput
          label={t('catalogEditor.fields.externalId')}
          name="external_id"
          value={draft.externalId}
          isReadOnly={isReadOnly}
          description={t('catalogEditor.form.externalIdHint')}
          onChange={(externalId) => {
            onChange({ externalId });
          }}
        />
        <CheckboxGroup
          className="choice-group"
          name="accessibility"
          value={draft.accessibility}
          isReadOnly={isReadOnly}
          onChange={(chosen) => {
            onChange({ accessibility: chosen.filter(isAccessibilityFeature) });
          }}
        >
          <Label className="field__label">{t('catalogEditor.fields.accessibility')}</Label>
          {ACCESSIBILITY_FEATURES.map((feature) => (
            <CheckBox key={feature} value={feature}>
              {t(`catalogEditor.accessibility.${feature}`)}
            </CheckBox>
          ))}
        </CheckboxGroup>
      </section>

      <section aria-labelledby="prerequisites-heading" className="panel">
        <h2 id="prerequisites-heading">{t('catalogEditor.form.prerequisites')}</h2>
        <PrerequisitesField
          value={draft.prerequisites}
          itemId={itemId}
          error={errors.prerequisites}
          isReadOnly={isReadOnly}
          onChange={(prerequisites) => {
            onChange({ prerequisites });
          }}
        />
      </section>

      <section aria-labelledby="visibility-heading" className="panel">
        <h2 id="visibility-heading">{t('catalogEditor.form.visibility')}</h2>
        {newFields ? (
          <>
            <RadioGroup
              className="choice-group"
              name="owner"
              value={newFields.ownership}
              onChange={(ownership) => {
                const chosen = OWNERSHIPS.find((o) => o === ownership);
                if (chosen) onNewFieldsChange?.({ ownership: chosen });
              }}
            >
              <Label className="field__label">{t('catalogEditor.form.ownership')}</Label>
              {OWNERSHIPS.map((ownership) => (
                <RadioOption key={ownership} value={ownership}>
                  {t(`catalogEditor.ownership.${ownership}`)}
                </RadioOption>
              ))}
              <FieldError className="field__error" />
            </RadioGroup>
            <TextInput
              label={t('catalogEditor.fields.slug')}
              name="slug"
              value={newFields.slug}
              description={t('catalogEditor.form.slugHint')}
              onChange={(slug) => {
                onNewFieldsChange?.({ slug, slugEdited: true });
              }}
            />
          </>
        ) : isReadOnly ? (
          <p>{t(`catalogEditor.visibility.${draft.visibility}`)}</p>
        ) : ownerOrgId ? (
          <RadioGroup
            className="choice-group"
            name="visibility"
            value={draft.visibility}
            onChange={(visibility) => {
              if (isVisibility(visibility)) onChange({ visibility });
            }}
          >
            <Label className="field__label">{t('catalogEditor.fields.visibility')}</Label>
            {VISIBILITIES.map((visibility) => (
              <RadioOption key={visibility} value={visibility}>
                {t(`catalogEditor.visibility.${visibility}`)}
              </RadioOption>
            ))}
          </RadioGroup>
        ) : (
          <p>{t('catalogEditor.form.platformWide')}</p>
        )}
      </section>

      {!isReadOnly && !newFields && (
        <TextInput
          label={t('catalogEditor.form.note')}
          name="note"
          value={draft.note}
          description={t('catalogEditor.form.noteHint')}
          onChange={(note) => {
            onChange({ note });
          }}
        />
      )}
      {actions}
    </Form>
  );
}
