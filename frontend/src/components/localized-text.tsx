import { useTranslation } from 'react-i18next';

import { pickText } from '@/lib/localized-text';

interface LocalizedTextProps {
  value: Readonly<Record<string, string>>;
}

/** Content text in the interface language, or a fallback marked with its own `lang` for screen readers. */
export function LocalizedText({ value }: LocalizedTextProps) {
  const { i18n } = useTranslation();
  const picked = pickText(value, i18n.language);
  if (!picked) return null;
  return picked.lang === i18n.language ? <>{picked.text}</> : <span lang={picked.lang}>{picked.text}</span>;
}
