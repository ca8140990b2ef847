import { ToggleButton, ToggleButtonGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';

import { LANGUAGES, messages } from '@/config/languages';
import { chooseLanguage } from '@/lib/i18n';

/** Buttons naming each language in itself, so a visitor can find theirs whatever is shown now. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <ToggleButtonGroup
      className="language-switch"
      aria-label={t('layout.languageSwitch')}
      selectionMode="single"
      disallowEmptySelection
      selectedKeys={[i18n.language]}
      onSelectionChange={(keys) => {
        const [language] = keys;
        if (typeof language === 'string') void chooseLanguage(i18n, language);
      }}
    >
      {LANGUAGES.map((language) => (
        <ToggleButton key={language} id={language} lang={language}>
          {messages[language]?.language.name ?? language}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
