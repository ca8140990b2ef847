/** How the interface names DigComp competences and proficiency levels, in the reader's language. */
import type { Competence, Framework } from '@/api/framework';
import { pickText } from '@/lib/localized-text';

export interface Option {
  id: string;
  label: string;
}

const LEVELS = [1, 2, 3, 4, 5, 6, 7, 8];

/** "4.1 Protecting devices": a competence by its code and name; the code alone while the name is unknown. */
export function competenceLabel(code: string, competence: Competence | undefined, language: string): string {
  const name = competence ? pickText(competence.title, language)?.text : undefined;
  return name ? `${code} ${name}` : code;
}

/** Every competence of the framework, in its order, for a picker (none while it loads). */
export function competenceOptions(framework: Framework | undefined, language: string): Option[] {
  return (framework?.areas ?? []).flatMap((area) =>
    area.competences.map((competence) => ({ id: competence.code, label: competenceLabel(competence.code, competence, language) })),
  );
}

/** The eight proficiency levels for a picker: "3 – Intermediate" once the framework has their names. */
export function levelOptions(framework: Framework | undefined, language: string): Option[] {
  return LEVELS.map((level) => {
    const name = framework?.levels.find((l) => l.level === level)?.name;
    const text = name ? pickText(name, language)?.text : undefined;
    return { id: String(level), label: text ? `${String(level)} – ${text}` : String(level) };
  });
}
