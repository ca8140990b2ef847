import { useTranslation } from 'react-i18next';

import { SelectField } from '@/components/select-field';
import { LANGUAGES } from '@/config/languages';
import { languageName } from '@/lib/format';

import { ITEM_KINDS, type ItemKind } from '../api/get-items';

export interface CatalogFilterValues {
  kind: ItemKind | undefined;
  language: string | undefined;
}

interface CatalogFiltersProps {
  value: CatalogFilterValues;
  onChange: (value: CatalogFilterValues) => void;
}

const ALL = 'all';

/** Type and content-language filters. */
export function CatalogFilters({ value, onChange }: CatalogFiltersProps) {
  const { t, i18n } = useTranslation();
  const kinds = [
    { id: ALL, label: t('catalog.kind.all') },
    ...ITEM_KINDS.map((kind) => ({ id: kind, label: t(`catalog.kind.${kind}`) })),
  ];
  const languages = [
    { id: ALL, label: t('catalog.language.all') },
    ...LANGUAGES.map((tag) => ({ id: tag, label: languageName(tag, i18n.language) })),
  ];
  return (
    <section aria-label={t('catalog.filters')} className="catalog-filters">
      <SelectField
        label={t('catalog.kind.label')}
        options={kinds}
        value={value.kind ?? ALL}
        onChange={(kind) => {
          onChange({ ...value, kind: ITEM_KINDS.find((known) => known === kind) });
        }}
      />
      <SelectField
        label={t('catalog.language.label')}
        options={languages}
        value={value.language ?? ALL}
        onChange={(language) => {
          onChange({ ...value, language: language === ALL ? undefined : language });
        }}
      />
    </section>
  );
}
