import { useTranslation } from 'react-i18next';

import { useFramework } from '@/api/framework';
import { pickText } from '@/lib/localized-text';

export interface CompetenceOption {
  code: string;
  /** "1.1 Browsing, searching and filtering data" — the code alone while the names load or fail. */
  label: string;
}

/** DigComp competences with their names in the reader's language, for filters and facts. */
export function useCompetences(): { options: CompetenceOption[]; label: (code: string) => string } {
  const { i18n } = useTranslation();
  const framework = useFramework();
  const names = new Map<string, string>();
  for (const area of framework.data?.areas ?? []) {
    for (const competence of area.competences) {
      const title = pickText(competence.title, i18n.language)?.text;
      names.set(competence.code, title ? `${competence.code} ${title}` : competence.code);
    }
  }
  return {
    options: [...names.entries()].map(([code, label]) => ({ code, label })),
    label: (code) => names.get(code) ?? code,
  };
}
