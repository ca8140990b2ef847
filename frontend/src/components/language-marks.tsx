import { useTranslation } from 'react-i18next';

import { contentLanguageName } from '@/lib/language-names';

interface LanguageMarksProps {
  languages: readonly string[];
  /** Whether the item is complete in `language` (what "complete" means is the list's own). */
  isComplete: (language: string) => boolean;
  /** A missing language's visible mark ("LT missing") and its fuller words for screen readers. */
  missing: (code: string) => string;
  missingLong: (languageName: string) => string;
}

/** A table cell's marks, one per language: its code where the item is complete, a plain warning where it is not. */
export function LanguageMarks({ languages, isComplete, missing, missingLong }: LanguageMarksProps) {
  const { i18n } = useTranslation();
  return (
    <ul className="language-marks">
      {languages.map((language) => {
        const code = language.toUpperCase();
        const name = contentLanguageName(language, i18n.language);
        return isComplete(language) ? (
          <li key={language} className="language-mark">
            <abbr title={name}>{code}</abbr>
          </li>
        ) : (
          <li key={language} className="language-mark language-mark--missing">
            {missing(code)}
            <span className="visually-hidden"> ({missingLong(name)})</span>
          </li>
        );
      })}
    </ul>
  );
}
