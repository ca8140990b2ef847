import { useTranslation } from 'react-i18next';

import type { RowError } from '../api/imports';

// The import report's codes the interface has its own words for; any other shows the service's (English) reason.
const KNOWN = [
  'required',
  'missing',
  'not_integer',
  'not_positive',
  'not_a_number',
  'bad_competence',
  'unknown_competence',
  'bad_levels',
  'duplicate_competence',
  'duplicate_external_id',
  'unknown_prerequisite',
  'prerequisite_cycle',
  'prerequisite_self',
  'prerequisite_not_imported',
  'slug_taken',
  'extra_cells',
  'enum',
  'url_parsing',
  'string_too_long',
] as const;
type KnownCode = (typeof KNOWN)[number];

function isKnown(code: string): code is KnownCode {
  return (KNOWN as readonly string[]).includes(code);
}

/** Why a row of the file cannot be imported, in the interface language when the code is a known one. */
export function RowReason({ error }: { error: RowError }) {
  const { t } = useTranslation();
  if (isKnown(error.code)) return <>{t(`catalogEditor.import.reasons.${error.code}`, { column: error.column ?? '' })}</>;
  return <span lang="en">{error.reason}</span>;
}
