import { useTranslation } from 'react-i18next';

import { SelectField } from '@/components/select-field';

import type { WorkshopFormat } from '../api/types';
import { useCompetences } from './competence-names';

export const FORMATS: readonly WorkshopFormat[] = ['in_person', 'online', 'hybrid'];

export function isFormat(value: unknown): value is WorkshopFormat {
  return FORMATS.some((format) => format === value);
}

export interface WorkshopFilterValues {
  format: WorkshopFormat | undefined;
  competence: string | undefined;
}

const ALL = 'all';

/** Format and competence filters. */
export function WorkshopFilters({ value, onChange }: { value: WorkshopFilterValues; onChange: (next: WorkshopFilterValues) => void }) {
  const { t } = useTranslation();
  const competences = useCompetences();
  const formatOptions = [
    { id: ALL, label: t('workshops.format.all') },
    ...FORMATS.map((format) => ({ id: format, label: t(`workshops.format.${format}`) })),
  ];
  const competenceOptions = [
    { id: ALL, label: t('workshops.competence.all') },
    ...competences.options.map((option) => ({ id: option.code, label: option.label })),
  ];
  // A competence from a shared link shows even before (or without) the framework's names.
  if (value.competence && !competenceOptions.some((option) => option.id === value.competence)) {
    competenceOptions.push({ id: value.competence, label: value.competence });
  }
  return (
    <section aria-label={t('workshops.filters')} className="filters">
      <SelectField
        label={t('workshops.format.label')}
        options={formatOptions}
        value={value.format ?? ALL}
        onChange={(format) => {
          onChange({ ...value, format: isFormat(format) ? format : undefined });
        }}
      />
      <SelectField
        label={t('workshops.competence.label')}
        options={competenceOptions}
        value={value.competence ?? ALL}
        onChange={(competence) => {
          onChange({ ...value, competence: competence === ALL ? undefined : competence });
        }}
      />
    </section>
  );
}
