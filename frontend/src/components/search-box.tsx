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
  return (
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
      <div className="search-row">
        <Input className="field__input" />
        <Button
          onPress={() => {
            onSearch(value.trim());
          }}
        >
          {buttonLabel}
        </Button>
      </div>
    </SearchField>
  );
}
