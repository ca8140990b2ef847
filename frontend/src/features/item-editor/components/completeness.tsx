import { useTranslation } from 'react-i18next';

import { LANGUAGES } from '@/config/languages';
import { contentLanguageName } from '@/lib/language-names';

import { missingTexts, type Draft } from './draft';

/** Per language: complete, or how many texts are still to write; an item is served only where it is complete. */
export function Completeness({ draft }: { draft: Draft }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="completeness-heading" className="completeness">
      <h2 id="completeness-heading" className="completeness__title">
        {t('itemEditor.completeness.title')}
      </h2>
      <ul>
        {LANGUAGES.map((language) => {
          const missing = missingTexts(draft, language);
          const name = contentLanguageName(language, i18n.language);
          return (
            <li key={language} className={missing === 0 ? 'completeness__done' : 'completeness__missing'}>
              <span aria-hidden="true">{missing === 0 ? '✓ ' : '! '}</span>
              {missing === 0
                ? t('itemEditor.completeness.complete', { language: name })
                : t('itemEditor.completeness.missing', { language: name, count: missing })}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
