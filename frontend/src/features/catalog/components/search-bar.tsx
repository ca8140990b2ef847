import { useState, type SyntheticEvent } from 'react';
import { Button, Input, Label, SearchField } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { SelectField } from '@/components/select-field';

import { SORTS, effectiveSort, isSort, type SearchState } from './search-state';

interface SearchBarProps {
  state: SearchState;
  onChange: (next: SearchState) => void;
}

/** The words to search for and the order of the results; "Best match" is offered only when there are words. */
export function SearchBar({ state, onChange }: SearchBarProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(state.q);
  // The URL is the truth: after Back, Forward or a cleared search the box shows what is searched.
  const [shown, setShown] = useState(state.q);
  if (shown !== state.q) {
    setShown(state.q);
    setDraft(state.q);
  }
  const sorts = SORTS.filter((sort) => sort !== 'relevance' || state.q).map((sort) => ({ id: sort, label: t(`catalog.sort.${sort}`) }));

  const search = (q: string) => {
    // A new question is best answered by relevance, unless another order was chosen on purpose.
    onChange({ ...state, q, sort: state.sort === 'relevance' ? undefined : state.sort });
  };
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    search(draft.trim());
  };

  // Not the shared SearchBox: inside a react-aria SearchField a Button becomes the field's clear
  // button (named "Clear search", out of the tab order, clearing on press), so "Search" sits beside it.
  return (
    <div className="search-bar">
      <form role="search" aria-label={t('catalog.search.region')} className="search-bar__query" onSubmit={submit}>
        <SearchField
          className="field search-bar__field"
          value={draft}
          onChange={setDraft}
          onClear={() => {
            search('');
          }}
        >
          <Label className="field__label">{t('catalog.search.label')}</Label>
          <Input className="field__input" />
        </SearchField>
        <Button type="submit">{t('catalog.search.button')}</Button>
      </form>
      <SelectField
        label={t('catalog.sort.label')}
        options={sorts}
        value={effectiveSort(state)}
        onChange={(sort) => {
          if (isSort(sort)) onChange({ ...state, sort });
        }}
      />
    </div>
  );
}
