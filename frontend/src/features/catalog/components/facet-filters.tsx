import { useRef, useState } from 'react';
import { Button, CheckboxGroup, Label, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { ACCESSIBILITY_FEATURES, ITEM_KINDS, isAccessibilityFeature, isItemKind } from '@/api/catalog-terms';
import { useCompetences } from '@/api/framework';
import { CheckBox, RadioOption } from '@/components/choice';
import { competenceLabel } from '@/lib/competences';
import { languageName } from '@/lib/format';

import type { FacetValue, Facets } from '../api/types';
import { DURATION_ORDER, accessibilityLabel, durationLabel, isDuration, kindLabel } from './labels';
import { LEVELS, hasFilters, withoutFilters, type MultiFilter, type SearchState } from './search-state';

interface FacetFiltersProps {
  state: SearchState;
  /** Counts from the latest results; undefined before the first answer. */
  facets: Facets | undefined;
  onChange: (next: SearchState) => void;
}

interface Option {
  value: string;
  label: string;
  count: number;
  lang?: string;
}

// A long facet (the 21 competences) shows this many values until asked for all of them.
const SHORT_LIST = 6;

function countOf(facet: readonly FacetValue[] | undefined, value: string): number {
  return facet?.find((entry) => entry.value === value)?.count ?? 0;
}

/**
 * The values worth offering: those with results, and those chosen already (so a choice can be
 * taken back even when it now matches nothing), in the given order, then any the service added.
 */
function options(facet: readonly FacetValue[] | undefined, chosen: readonly string[], order: readonly string[], label: (value: string) => string): Option[] {
  const known = new Set(order);
  const values = [...order, ...(facet ?? []).map((entry) => entry.value).filter((value) => !known.has(value))];
  return values
    .filter((value) => countOf(facet, value) > 0 || chosen.includes(value))
    .map((value) => ({ value, label: label(value), count: countOf(facet, value) }));
}

interface FacetGroupProps {
  name: MultiFilter;
  label: string;
  options: Option[];
  value: string[];
  onChange: (value: string[]) => void;
}

function FacetGroup({ name, label, options: all, value, onChange }: FacetGroupProps) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState(false);
  if (all.length === 0) return null;
  const long = all.length > SHORT_LIST + 2;
  const shown = long && !expanded ? all.filter((option, index) => index < SHORT_LIST || value.includes(option.value)) : all;
  return (
    <CheckboxGroup className="facet" name={name} value={value} onChange={onChange}>
      <Label className="facet__label">{label}</Label>
      {shown.map((option) => (
        <CheckBox key={option.value} value={option.value}>
          <span {...(option.lang ? { lang: option.lang } : {})}>{option.label}</span>{' '}
          <span className="facet__count">({option.count})</span>
        </CheckBox>
      ))}
      {long && (
        <Button
          className="link-button"
          onPress={() => {
            setExpanded(!expanded);
          }}
        >
          {expanded ? t('catalog.filters.showFewer') : t('catalog.filters.showAll', { count: all.length })}
        </Button>
      )}
    </CheckboxGroup>
  );
}

const ANY_LEVEL = 'any';

/** The filters as facets: each choice shows how many results it would give, and applies at once. */
export function FacetFilters({ state, facets, onChange }: FacetFiltersProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const competences = useCompetences();
  const competenceOrder = [...(facets?.competence ?? []).map((entry) => entry.value)].sort();
  const languageOrder = (facets?.language ?? []).map((entry) => entry.value).sort((a, b) => languageName(a, language).localeCompare(languageName(b, language), language));
  const upcoming = countOf(facets?.has_upcoming_session, 'true');
  const heading = useRef<HTMLHeadingElement>(null);

  return (
    <section className="facets" aria-labelledby="facets-heading">
      <h2 id="facets-heading" ref={heading} tabIndex={-1} className="facets__heading">
        {t('catalog.filters.heading')}
      </h2>
      <FacetGroup
        name="kind"
        label={t('catalog.filters.kind')}
        options={options(facets?.kind, state.kind, ITEM_KINDS, (kind) => kindLabel(kind, t))}
        value={state.kind}
        onChange={(kind) => {
          onChange({ ...state, kind: kind.filter(isItemKind) });
        }}
      />
      <FacetGroup
        name="competence"
        label={t('catalog.filters.competence')}
        options={options(facets?.competence, state.competence, competenceOrder, (code) => competenceLabel(code, competences.get(code), language))}
        value={state.competence}
        onChange={(competence) => {
          onChange({ ...state, competence });
        }}
      />
      <RadioGroup
        className="facet"
        value={state.level === undefined ? ANY_LEVEL : String(state.level)}
        onChange={(value) => {
          onChange({ ...state, level: value === ANY_LEVEL ? undefined : Number(value) });
        }}
      >
        <Label className="facet__label">{t('catalog.filters.level')}</Label>
        <RadioOption value={ANY_LEVEL}>{t('catalog.filters.anyLevel')}</RadioOption>
        {LEVELS.filter((level) => countOf(facets?.level, String(level)) > 0 || state.level === level).map((level) => (
          <RadioOption key={level} value={String(level)}>
            {t('catalog.filters.levelValue', { level })}{' '}
            <span className="facet__count">({countOf(facets?.level, String(level))})</span>
          </RadioOption>
        ))}
      </RadioGroup>
      <FacetGroup
        name="duration"
        label={t('catalog.filters.duration')}
        options={options(facets?.duration, state.duration, DURATION_ORDER, (bucket) => durationLabel(bucket, t))}
        value={state.duration}
        onChange={(duration) => {
          onChange({ ...state, duration: duration.filter(isDuration) });
        }}
      />
      <FacetGroup
        name="language"
        label={t('catalog.filters.language')}
        options={options(facets?.language, state.language, languageOrder, (tag) => languageName(tag, language))}
        value={state.language}
        onChange={(language) => {
          onChange({ ...state, language });
        }}
      />
      <FacetGroup
        name="accessibility"
        label={t('catalog.filters.accessibility')}
        options={options(facets?.accessibility, state.accessibility, ACCESSIBILITY_FEATURES, (feature) => accessibilityLabel(feature, t))}
        value={state.accessibility}
        onChange={(accessibility) => {
          onChange({ ...state, accessibility: accessibility.filter(isAccessibilityFeature) });
        }}
      />
      {(upcoming > 0 || state.upcoming) && (
        <CheckboxGroup
          className="facet"
          value={state.upcoming ? ['true'] : []}
          onChange={(value) => {
            onChange({ ...state, upcoming: value.includes('true') });
          }}
        >
          <Label className="facet__label">{t('catalog.filters.workshops')}</Label>
          <CheckBox value="true">
            {t('catalog.filters.upcoming')} <span className="facet__count">({upcoming})</span>
          </CheckBox>
        </CheckboxGroup>
      )}
      {hasFilters(state) && (
        <Button
          className="react-aria-Button button--secondary"
          onPress={() => {
            // The button goes away with the filters: keep focus in this section rather than lose it.
            heading.current?.focus();
            onChange(withoutFilters(state));
          }}
        >
          {t('catalog.filters.clear')}
        </Button>
      )}
    </section>
  );
}
