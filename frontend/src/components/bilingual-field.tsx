import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { TextInput } from '@/components/text-input';
import { LANGUAGES } from '@/config/languages';
import type { Text } from '@/lib/editable-text';
import { contentLanguageName } from '@/lib/language-names';

export interface BilingualFieldProps {
  /** What the text is ("Title"); each language's field is labelled with it and the language's name. */
  label: string;
  /** How a feature words one language's label: ("Title", "English") → "Title (English)". */
  columnLabel: (field: string, languageName: string) => string;
  /** The field's name in the API's error locations (`title`, `options.0.text`); each language adds `.en`. */
  name: string;
  value: Text;
  onChange: (value: Text) => void;
  multiline?: boolean;
  rows?: number;
  description?: ReactNode;
  isReadOnly?: boolean;
  /** A problem with the text as a whole (not with one language). */
  error?: string | undefined;
}

/** One multilingual text in every language side by side: a labelled field per language. */
export function BilingualField({
  label,
  columnLabel,
  name,
  value,
  onChange,
  multiline = false,
  rows,
  description,
  isReadOnly = false,
  error,
}: BilingualFieldProps) {
  const { i18n } = useTranslation();
  return (
    <div className="bilingual">
      <div className="bilingual__columns">
        {LANGUAGES.map((language) => (
          <TextInput
            key={language}
            label={columnLabel(label, contentLanguageName(language, i18n.language))}
            name={`${name}.${language}`}
            value={value[language] ?? ''}
            multiline={multiline}
            {...(rows ? { rows } : {})}
            description={description}
            isReadOnly={isReadOnly}
            onChange={(text) => {
              onChange({ ...value, [language]: text });
            }}
          />
        ))}
      </div>
      {error && <p className="field__error">{error}</p>}
    </div>
  );
}
