import { ToggleButton, ToggleButtonGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';

import { LANGUAGES, isLanguage } from '@/config/languages';
import { contentLanguageName } from '@/lib/language-names';

interface ContentLanguageSwitchProps {
  /** What the buttons choose ("Preview in"). */
  label: string;
  value: string;
  onChange: (language: string) => void;
}

/** Buttons choosing the language content is shown in (not the interface's), named in the interface language. */
export function ContentLanguageSwitch({ label, value, onChange }: ContentLanguageSwitchProps) {
  const { i18n } = useTranslation();
  return (
    <ToggleButtonGroup
      className="language-switch"
      aria-label={label}
      selectionMode="single"
      disallowEmptySelection
      selectedKeys={[value]}
      onSelectionChange={(keys) => {
        const [next] = keys;
        if (typeof next === 'string') onChange(next);
      }}
    >
      {LANGUAGES.map((language) => (
        <ToggleButton key={language} id={language}>
          {contentLanguageName(language, i18n.language)}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}

/** The content language chosen in the address (`?language=lt`): the interface's own until one is chosen. */
export function useLanguageParam(): [string, (language: string) => void] {
  const { i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const wanted = params.get('language');
  const choose = (language: string) => {
    setParams({ language }, { replace: true });
  };
  return [isLanguage(wanted) ? wanted : i18n.language, choose];
}
