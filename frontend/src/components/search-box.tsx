import { Button, Input, Label, SearchField } from 'react-aria-components';

interface SearchBoxProps {
  label: string;
  buttonLabel: string;
  /** What is typed so far. */
  value: string;
  onChange: (value: string) => void;
  /** Run the search (trimmed text; '' when cleared). */
  onSearch: (query: string) => void;
}

/** A labelled search field with a button: Enter or the button searches, Escape or clear resets. */
export function SearchBox({ label, buttonLabel, value, onChange, onSearch }: SearchBoxProps) {
  // The button stays outside the SearchField: inside it, react-aria makes any Button the field's
  // clear button (named "Clear search", out of the tab order).
  return (
    <div className="search-row">
      <SearchField
        className="field"
        value={value}
        onChange={onChange}
        onSubmit={(text) => {
          onSearch(text.trim());
        }}
        onClear={() => {
          onSearch('');
        }}
      >
        <Label className="field__label">{label}</Label>
        <Input className="field__input" />
      </SearchField>
      <Button
        onPress={() => {
          onSearch(value.trim());
        }}
      >
        {buttonLabel}
      </Button>
    </div>
  );
}
