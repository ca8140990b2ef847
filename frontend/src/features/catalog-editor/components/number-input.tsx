import type { ReactNode } from 'react';
import { FieldError, Input, Label, NumberField, Text } from 'react-aria-components';

interface NumberInputProps {
  label: string;
  name: string;
  /** NaN while the field is empty. */
  value: number;
  onChange: (value: number) => void;
  description?: ReactNode;
  minValue?: number;
  maxValue?: number;
  step?: number;
  formatOptions?: Intl.NumberFormatOptions;
  isReadOnly?: boolean;
}

/** A labelled number field (react-aria NumberField): typed in the reader's number format, checked as typed. */
export function NumberInput({ label, description, value, onChange, ...props }: NumberInputProps) {
  return (
    <NumberField className="field" value={value} onChange={onChange} {...props}>
      <Label className="field__label">{label}</Label>
      <Input className="field__input field__input--number" />
      {description && (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      )}
      <FieldError className="field__error" />
    </NumberField>
  );
}
