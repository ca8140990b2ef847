import { useTranslation } from 'react-i18next';

import { SelectField } from '@/components/select-field';

import { useOrganisations } from './use-organisations';

interface OrganisationPickerProps {
  label: string;
  value: string;
  onChange: (id: string) => void;
  /** The label of an extra first option meaning "none" or "any" (its value is ''). */
  emptyLabel?: string;
  description?: string;
}

const EMPTY = '__none__';
const INDENT = '\u00a0\u00a0\u00a0';

/** Chooses one organisation from the tree, indented by depth. */
export function OrganisationPicker({ label, value, onChange, emptyLabel, description }: OrganisationPickerProps) {
  const { t } = useTranslation();
  const { flat, nameOf, query } = useOrganisations();
  const options = [
    ...(emptyLabel ? [{ id: EMPTY, label: emptyLabel }] : []),
    ...flat.map(({ organisation, depth }) => ({
      id: organisation.id,
      label: `${INDENT.repeat(depth)}${nameOf(organisation)}`,
    })),
  ];
  if (!emptyLabel && options.length === 0) options.push({ id: EMPTY, label: t('common.loading') });
  return (
    <SelectField
      label={label}
      options={options}
      value={value || EMPTY}
      isDisabled={query.isPending}
      {...(description ? { description } : {})}
      onChange={(id) => {
        onChange(id === EMPTY ? '' : id);
      }}
    />
  );
}
