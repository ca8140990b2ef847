import { Button, CheckboxGroup, FieldError, Label, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { CheckBox, RadioOption } from '@/components/choice';
import { pickText } from '@/lib/localized-text';
import { SelectField } from '@/components/select-field';

import { answerShape, syncedOrder, type Choice, type Draft } from './draft';
import { move } from './reorder';

interface AnswerKeyProps {
  draft: Draft;
  onChange: (change: Partial<Draft>) => void;
  error: string | undefined;
  isReadOnly: boolean;
  announce: (message: string) => void;
}

function useChoiceLabel() {
  const { t, i18n } = useTranslation();
  return (choice: Choice) => {
    const text = pickText(choice.text, i18n.language)?.text ?? t('itemEditor.form.untitled');
    return `${choice.key.toUpperCase()}: ${text}`;
  };
}

/** The answer key, with the control its type needs: one option, a set, an order, or a category for each option. */
export function AnswerKey({ draft, onChange, error, isReadOnly, announce }: AnswerKeyProps) {
  const { t } = useTranslation();
  const labelOf = useChoiceLabel();
  const shape = answerShape(draft.type, draft.interaction);

  if (shape === 'single_choice') {
    return (
      <RadioGroup
        className="choice-group"
        name="answer"
        value={draft.single}
        isReadOnly={isReadOnly}
        onChange={(value) => {
          onChange({ single: value });
        }}
      >
        <Label className="field__label">{t('itemEditor.answer.single')}</Label>
        {draft.options.map((option) => (
          <RadioOption key={option.key} value={option.key}>
            {labelOf(option)}
          </RadioOption>
        ))}
        <FieldError className="field__error" />
      </RadioGroup>
    );
  }
  if (shape === 'multiple_response') {
    return (
      <CheckboxGroup
        className="choice-group"
        name="answer"
        value={draft.multiple}
        isReadOnly={isReadOnly}
        onChange={(value) => {
          onChange({ multiple: value });
        }}
      >
        <Label className="field__label">{t('itemEditor.answer.multiple')}</Label>
        {draft.options.map((option) => (
          <CheckBox key={option.key} value={option.key}>
            {labelOf(option)}
          </CheckBox>
        ))}
        <FieldError className="field__error" />
      </CheckboxGroup>
    );
  }
  if (shape === 'ordering') {
    const order = syncedOrder(draft);
    return (
      <div role="group" aria-labelledby="answer-order-label" className="choice-group">
        <p id="answer-order-label" className="field__label">
          {t('itemEditor.answer.ordering')}
        </p>
        <ol className="order-list">
          {order.map((key, index) => {
            const option = draft.options.find((o) => o.key === key);
            if (!option) return null;
            const label = labelOf(option);
            return (
              <li key={key}>
                <span>{label}</span>
                {!isReadOnly && (
                  <span className="choice-list__actions">
                    <Button
                      className="react-aria-Button button--secondary"
                      isDisabled={index === 0}
                      aria-label={t('itemEditor.form.moveUp', { what: label })}
                      onPress={() => {
                        onChange({ order: move(order, index, -1) });
                        announce(t('itemEditor.form.moved', { what: label, position: index }));
                      }}
                    >
                      {t('itemEditor.form.up')}
                    </Button>
                    <Button
                      className="react-aria-Button button--secondary"
                      isDisabled={index === order.length - 1}
                      aria-label={t('itemEditor.form.moveDown', { what: label })}
                      onPress={() => {
                        onChange({ order: move(order, index, 1) });
                        announce(t('itemEditor.form.moved', { what: label, position: index + 2 }));
                      }}
                    >
                      {t('itemEditor.form.down')}
                    </Button>
                  </span>
                )}
              </li>
            );
          })}
        </ol>
        {error && <p className="field__error">{error}</p>}
      </div>
    );
  }
  const categories = draft.categories.map((category) => ({ id: category.key, label: labelOf(category) }));
  return (
    <div role="group" aria-labelledby="answer-matching-label" className="choice-group">
      <p id="answer-matching-label" className="field__label">
        {t('itemEditor.answer.matching')}
      </p>
      {draft.options.map((option) => (
        <SelectField
          key={option.key}
          label={t('itemEditor.answer.categoryOf', { option: labelOf(option) })}
          name={`answer.${option.key}`}
          options={categories}
          value={draft.matching[option.key] ?? ''}
          placeholder={t('itemEditor.answer.chooseCategory')}
          isDisabled={isReadOnly}
          onChange={(category) => {
            onChange({ matching: { ...draft.matching, [option.key]: category } });
          }}
        />
      ))}
      {error && <p className="field__error">{error}</p>}
    </div>
  );
}
