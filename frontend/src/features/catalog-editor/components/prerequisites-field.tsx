import { useEffect, useRef, useState } from 'react';
import { Button, ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Text, type Key } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { LocalizedText } from '@/components/localized-text';
import { pickText } from '@/lib/localized-text';

import { useItemSearch, useItemsById, type SearchHit } from '../api/items';

interface PrerequisitesFieldProps {
  /** The ids of the items a learner should have done first. */
  value: string[];
  onChange: (ids: string[]) => void;
  /** The item being edited, never its own prerequisite. */
  itemId?: string | undefined;
  error?: string | undefined;
  isReadOnly?: boolean;
}

/** Other items to do first: a list of the chosen ones, and a search (typo-tolerant) to add more. */
export function PrerequisitesField({ value, onChange, itemId, error, isReadOnly = false }: PrerequisitesFieldProps) {
  const { t, i18n } = useTranslation();
  const titleOf = (title: Readonly<Record<string, string>>, fallback: string) => pickText(title, i18n.language)?.text ?? fallback;
  const [text, setText] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const input = useRef<HTMLInputElement>(null);
  // A new search box after each choice: closed and empty, with focus back in it for the next one.
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (round > 0) input.current?.focus();
  }, [round]);
  const chosen = useItemsById(value);
  const search = useItemSearch(text);
  const candidates = (search.data?.items ?? []).filter((hit) => hit.id !== itemId && !value.includes(hit.id));

  return (
    <>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
      {value.length === 0 ? (
        <p className="muted">{t('catalogEditor.prerequisites.none')}</p>
      ) : (
        <ul className="tag-list">
          {value.map((id, index) => {
            const item = chosen[index]?.data;
            const title = item ? <LocalizedText value={item.title} /> : <span className="muted">{id}</span>;
            return (
              <li key={id} className="tag-list__item">
                <span>{title}</span>
                {!isReadOnly && (
                  <Button
                    className="react-aria-Button button--secondary"
                    aria-label={t('catalogEditor.prerequisites.removeNamed', { title: item ? titleOf(item.title, id) : id })}
                    onPress={() => {
                      onChange(value.filter((other) => other !== id));
                      setAnnouncement(t('catalogEditor.prerequisites.removed'));
                      input.current?.focus();
                    }}
                  >
                    {t('catalogEditor.prerequisites.remove')}
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {error && <p className="field__error">{error}</p>}
      {!isReadOnly && (
        <ComboBox
          key={round}
          className="field"
          items={candidates}
          inputValue={text}
          onInputChange={setText}
          menuTrigger="input"
          allowsEmptyCollection
          value={null}
          onChange={(key: Key | null) => {
            const hit = candidates.find((candidate) => candidate.id === key);
            if (!hit) return;
            onChange([...value, hit.id]);
            setText('');
            setRound((n) => n + 1);
            setAnnouncement(t('catalogEditor.prerequisites.added'));
          }}
        >
          <Label className="field__label">{t('catalogEditor.prerequisites.add')}</Label>
          <div className="combo-row">
            <Input ref={input} className="field__input" />
          </div>
          <Text slot="description" className="field__description">
            {t('catalogEditor.prerequisites.hint')}
          </Text>
          <Popover className="select-field__popover">
            <ListBox
              className="select-field__list"
              renderEmptyState={() => <p className="muted">{t('catalogEditor.prerequisites.noMatches')}</p>}
            >
              {(hit: SearchHit) => (
                <ListBoxItem id={hit.id} textValue={titleOf(hit.title, hit.slug)} className="select-field__option">
                  <LocalizedText value={hit.title} />
                </ListBoxItem>
              )}
            </ListBox>
          </Popover>
        </ComboBox>
      )}
    </>
  );
}
