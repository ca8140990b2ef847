import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Text, type Key } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { peopleQueryOptions, type Person } from '../api/people';

interface PersonPickerProps {
  label: string;
  description?: string;
  /** Someone who must not be offered (e.g. the person being edited, as their own supervisor). */
  excludeId?: string;
  onChange: (person: Person | null) => void;
}

/** Finds a person by name or e-mail as you type (react-aria ComboBox; the server does the matching). */
export function PersonPicker({ label, description, excludeId, onChange }: PersonPickerProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const people = useQuery({
    ...peopleQueryOptions({ q: text.trim() || undefined, status: 'active', limit: 10, offset: 0 }),
    enabled: text.trim().length >= 2,
  });
  const items = (people.data?.items ?? []).filter((person) => person.id !== excludeId);

  return (
    <ComboBox
      className="field"
      items={items}
      inputValue={text}
      onInputChange={setText}
      menuTrigger="input"
      allowsEmptyCollection
      onChange={(key: Key | null) => {
        onChange(items.find((person) => person.id === key) ?? null);
      }}
    >
      <Label className="field__label">{label}</Label>
      <div className="combo-row">
        <Input className="field__input" />
        <Button className="react-aria-Button button--secondary" aria-label={t('people.showMatches')}>
          <span aria-hidden="true">▾</span>
        </Button>
      </div>
      {description && (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      )}
      <Popover className="select-field__popover">
        <ListBox className="select-field__list" renderEmptyState={() => <p className="muted">{t('people.noMatches')}</p>}>
          {(person: Person) => (
            <ListBoxItem id={person.id} textValue={person.display_name} className="select-field__option">
              {person.display_name} <span className="muted">({person.email})</span>
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
