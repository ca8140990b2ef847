import type { Key } from 'react-aria-components';
import { Button, FieldError, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, Text } from 'react-aria-components';

export interface PickerOption {
  id: string;
  label: string;
}

interface PickerProps {
  label: string;
  /** The field's name in the API's error locations, so a refused value's message appears here. */
  name: string;
  options: readonly PickerOption[];
  /** '' when nothing is chosen yet. */
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  description?: string;
  isDisabled?: boolean;
}

/** A labelled single-choice list (react-aria Select) that shows the form's error for its field. */
export function Picker({ label, name, options, value, onChange, placeholder, description, isDisabled = false }: PickerProps) {
  return (
    <Select
      className="select-field"
      name={name}
      value={value || null}
      isDisabled={isDisabled}
      {...(placeholder ? { placeholder } : {})}
      onChange={(key: Key | null) => {
        if (key !== null) onChange(String(key));
      }}
    >
      <Label>{label}</Label>
      {description && (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      )}
      <Button className="select-field__button">
        <SelectValue />
        <span aria-hidden="true" className="select-field__chevron">
          ▾
        </span>
      </Button>
      <FieldError className="field__error" />
      <Popover className="select-field__popover">
        <ListBox className="select-field__list">
          {options.map((option) => (
            <ListBoxItem key={option.id} id={option.id} textValue={option.label} className="select-field__option">
              {option.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}
