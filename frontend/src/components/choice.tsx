import type { ReactNode } from 'react';
import { CheckboxButton, CheckboxField, RadioButton, RadioField, Text, type CheckboxFieldProps, type RadioFieldProps } from 'react-aria-components';

interface CheckBoxProps extends Omit<CheckboxFieldProps, 'children' | 'className'> {
  children: ReactNode;
  /** A sentence tied to the checkbox for screen readers (aria-describedby). */
  description?: ReactNode;
}

/** A checkbox with a visible box and its label (react-aria CheckboxField + CheckboxButton). */
export function CheckBox({ children, description, ...props }: CheckBoxProps) {
  return (
    <CheckboxField className="choice-field" {...props}>
      <CheckboxButton className="choice">
        <span className="choice__box" aria-hidden="true" />
        <span>{children}</span>
      </CheckboxButton>
      {description && (
        <Text slot="description" className="field__description">
          {description}
        </Text>
      )}
    </CheckboxField>
  );
}

interface RadioOptionProps extends Omit<RadioFieldProps, 'children' | 'className'> {
  children: ReactNode;
}

/** One option of a RadioGroup, with a visible round marker. */
export function RadioOption({ children, ...props }: RadioOptionProps) {
  return (
    <RadioField className="choice-field" {...props}>
      <RadioButton className="choice choice--radio">
        <span className="choice__box" aria-hidden="true" />
        <span>{children}</span>
      </RadioButton>
    </RadioField>
  );
}
