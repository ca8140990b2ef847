import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { blank } from '@/lib/editable-text';

import { BilingualField } from './bilingual-field';
import { nextKey, type Choice } from './draft';
import { move } from './reorder';

interface ChoicesEditorProps {
  /** `options` or `categories`: the field name in the API's error locations. */
  name: 'options' | 'categories';
  choices: Choice[];
  onChange: (choices: Choice[]) => void;
  keys: readonly string[];
  min: number;
  errors: Record<string, string>;
  isReadOnly: boolean;
  /** Tells screen-reader users what a move or a removal did (the list changes under their focus). */
  announce: (message: string) => void;
}

/** The options (or categories) of an item: each in every language, added, removed and moved by buttons. */
export function ChoicesEditor({ name, choices, onChange, keys, min, errors, isReadOnly, announce }: ChoicesEditorProps) {
  const { t } = useTranslation();
  const noun = (key: string) =>
    name === 'options' ? t('itemEditor.form.option', { key: key.toUpperCase() }) : t('itemEditor.form.category', { key: key.toUpperCase() });
  const free = nextKey(keys, choices);

  return (
    <>
      {errors[name] && <p className="field__error">{errors[name]}</p>}
      <ol className="choice-list">
        {choices.map((choice, index) => (
          <li key={choice.key} className="choice-list__item">
            <BilingualField
              label={noun(choice.key)}
              name={`${name}.${String(index)}.text`}
              value={choice.text}
              isReadOnly={isReadOnly}
              error={errors[`${name}.${String(index)}.text`]}
              onChange={(text) => {
                onChange(choices.map((c) => (c.key === choice.key ? { ...c, text } : c)));
              }}
            />
            {!isReadOnly && (
              <div className="choice-list__actions">
                <Button
                  className="react-aria-Button button--secondary"
                  isDisabled={index === 0}
                  aria-label={t('itemEditor.form.moveUp', { what: noun(choice.key) })}
                  onPress={() => {
                    onChange(move(choices, index, -1));
                    announce(t('itemEditor.form.moved', { what: noun(choice.key), position: index }));
                  }}
                >
                  {t('itemEditor.form.up')}
                </Button>
                <Button
                  className="react-aria-Button button--secondary"
                  isDisabled={index === choices.length - 1}
                  aria-label={t('itemEditor.form.moveDown', { what: noun(choice.key) })}
                  onPress={() => {
                    onChange(move(choices, index, 1));
                    announce(t('itemEditor.form.moved', { what: noun(choice.key), position: index + 2 }));
                  }}
                >
                  {t('itemEditor.form.down')}
                </Button>
                <Button
                  className="react-aria-Button button--secondary"
                  isDisabled={choices.length <= min}
                  aria-label={t('itemEditor.form.remove', { what: noun(choice.key) })}
                  onPress={() => {
                    onChange(choices.filter((c) => c.key !== choice.key));
                    announce(t('itemEditor.form.removed', { what: noun(choice.key) }));
                  }}
                >
                  {t('itemEditor.form.removeShort')}
                </Button>
              </div>
            )}
          </li>
        ))}
      </ol>
      {!isReadOnly && (
        <Button
          className="react-aria-Button button--secondary"
          isDisabled={free === undefined}
          onPress={() => {
            if (free === undefined) return;
            onChange([...choices, { key: free, text: blank() }]);
            announce(t('itemEditor.form.added', { what: noun(free) }));
          }}
        >
          {name === 'options' ? t('itemEditor.form.addOption') : t('itemEditor.form.addCategory')}
        </Button>
      )}
    </>
  );
}
