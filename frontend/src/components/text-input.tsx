import type { ReactNode } from 'react';
import { FieldError, Input, Label, Text, TextArea, TextField, type TextFieldProps } from 'react-aria-components';

interface TextInputProps extends Omit<TextFieldProps, 'children' | 'className'> {
  label: string;
  description?: ReactNode;
  /** A several-line text area instead of a one-line input. */
  multiline?: boolean;
  rows?: number;
  placeholder?: string;
}

/**
 * A labelled text field (react-aria TextField): its description and its error (from native validation
 * or from the form's `validationErrors`) are tied to the input for screen readers.
 */
export function TextInput({ label, description, multiline = false, rows = 4, placeholder, ...props }: TextInputProps) {
  return (
    <TextField className="field" {...props}>
      <Label className="field__label">{label}</Label>
      {multiline ? (
        <TextArea className="field__input" rows={rows} {...(placeholder ? { placeholder } : {})} />
      ) : (
        <Input className="field__input" {...(placeholder ? { placeholder } : {})} />
      )}
      {description && (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      )}
      <FieldError className="field__error" />
    </TextField>
  );
}
