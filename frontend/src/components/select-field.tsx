import type { Key } from 'react-aria-components';
import { Button, FieldError, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, Text } from 'react-aria-components';

export interface SelectOption {
  id: string;
  label: string;
  /** The option's own language, when its label is written in it (e.g. a language's name). */
  lang?: string;
}

interface SelectFieldProps {
  label: string;
  options: readonly SelectOption[];
  /** '' when nothing is chosen yet (the placeholder shows). */
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  /** A sentence under the label that says what the choice is for. */
  description?: string;
  /** The field's name; also where a form's error for it (by the API's error location) appears. */
  name?: string;
  isDisabled?: boolean;
}

/** A labelled single-choice list (react-aria Select) with keyboard and screen-reader support built in. */
export function SelectField({ label, options, value, onChange, placeholder, description, name, isDisabled }: SelectFieldProps) {
  return (
    <Select
      className="select-field"
      value={value || null}
      {...(name ? { name } : {})}
      {...(placeholder ? { placeholder } : {})}
      {...(isDisabled ? { isDisabled } : {})}
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
            <ListBoxItem
              key={option.id}
              id={option.id}
              textValue={option.label}
              className="select-field__option"
              {...(option.lang ? { lang: option.lang } : {})}
            >
              {option.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}
