import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { TextInput } from '@/components/text-input';
import { LANGUAGES } from '@/config/languages';

import { contentLanguageName } from './language-names';
import type { Text } from './texts';

interface BilingualFieldProps {
  /** What the text is ("Title"); each column's label adds its language ("Title (English)"). */
  label: string;
  /** The field's name in the API's error locations (`title`); each language adds `.en`. */
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

/** One text of the item in every language side by side: a labelled field per language. */
export function BilingualField({ label, name, value, onChange, multiline = false, rows, description, isReadOnly = false, error }: BilingualFieldProps) {
  const { t, i18n } = useTranslation();
  return (
    <div className="bilingual">
      <div className="bilingual__columns">
        {LANGUAGES.map((language) => (
          <TextInput
            key={language}
            label={t('catalogEditor.form.inLanguage', { field: label, language: contentLanguageName(language, i18n.language) })}
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
