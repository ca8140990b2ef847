import { CheckboxGroup, Label, RadioGroup, Text } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { CheckBox, RadioOption } from '@/components/choice';

import type { Answer, Interaction, ItemType, ServedItem } from '../api/types';
import { OrderingInput } from './ordering-input';

/** How an item is answered: a scenario is answered like the interaction it names. */
export function answerMode(item: { type: ItemType; interaction?: Interaction | null }): Exclude<ItemType, 'scenario'> {
  return item.type === 'scenario' ? (item.interaction ?? 'single_choice') : item.type;
}

/** What the widgets show before the learner touches them; an ordering is answered as it stands. */
export function initialAnswer(item: ServedItem): Answer | null {
  return answerMode(item) === 'ordering' ? { order: item.options.map((option) => option.key) } : null;
}

/** Whether `answer` is complete enough to send (skipping is the way to send nothing). */
export function isComplete(item: ServedItem, answer: Answer | null): boolean {
  if (!answer) return false;
  if ('choice' in answer) return answer.choice !== '';
  if ('choices' in answer) return answer.choices.length > 0;
  if ('order' in answer) return answer.order.length === item.options.length;
  return item.options.every((option) => option.key in answer.matches);
}

interface AnswerInputProps {
  item: ServedItem;
  /** The id of the question text, which names the widget. */
  labelledBy: string;
  answer: Answer | null;
  onChange: (answer: Answer) => void;
  isDisabled: boolean;
}

/** The answer widget the item's type calls for, every one operable by keyboard alone. */
export function AnswerInput({ item, labelledBy, answer, onChange, isDisabled }: AnswerInputProps) {
  const { t } = useTranslation();
  const mode = answerMode(item);

  if (mode === 'single_choice') {
    return (
      <RadioGroup
        className="choice-group answer"
        aria-labelledby={labelledBy}
        value={answer && 'choice' in answer ? answer.choice : null}
        onChange={(choice) => {
          onChange({ choice });
        }}
        isDisabled={isDisabled}
      >
        <Text slot="description" className="field__description">
          {t('assessment.answer.chooseOne')}
        </Text>
        {item.options.map((option) => (
          <RadioOption key={option.key} value={option.key}>
            {option.text}
          </RadioOption>
        ))}
      </RadioGroup>
    );
  }

  if (mode === 'multiple_response') {
    return (
      <CheckboxGroup
        className="choice-group answer"
        aria-labelledby={labelledBy}
        value={answer && 'choices' in answer ? answer.choices : []}
        onChange={(choices) => {
          onChange({ choices });
        }}
        isDisabled={isDisabled}
      >
        <Text slot="description" className="field__description">
          {t('assessment.answer.chooseAll')}
        </Text>
        {item.options.map((option) => (
          <CheckBox key={option.key} value={option.key}>
            {option.text}
          </CheckBox>
        ))}
      </CheckboxGroup>
    );
  }

  if (mode === 'ordering') {
    return (
      <OrderingInput
        labelledBy={labelledBy}
        options={item.options}
        order={answer && 'order' in answer ? answer.order : item.options.map((option) => option.key)}
        onChange={(order) => {
          onChange({ order });
        }}
        isDisabled={isDisabled}
      />
    );
  }

  const matches = answer && 'matches' in answer ? answer.matches : {};
  const categories = item.categories ?? [];
  return (
    <div role="group" aria-labelledby={labelledBy} className="matching answer">
      <p className="field__description">{t('assessment.answer.matchEach')}</p>
      {item.options.map((option) => (
        <RadioGroup
          key={option.key}
          className="matching__row"
          orientation="horizontal"
          value={matches[option.key] ?? null}
          onChange={(category) => {
            onChange({ matches: { ...matches, [option.key]: category } });
          }}
          isDisabled={isDisabled}
        >
          <Label className="matching__label">{option.text}</Label>
          <div className="matching__choices">
            {categories.map((category) => (
              <RadioOption key={category.key} value={category.key}>
                {category.text}
              </RadioOption>
            ))}
          </div>
        </RadioGroup>
      ))}
    </div>
  );
}
