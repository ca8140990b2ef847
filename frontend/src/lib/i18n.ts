import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';

import { env } from '@/config/env';
import { isLanguage, messages, type Language } from '@/config/languages';

const STORAGE_KEY = 'dla.language';

function storedLanguage(): Language | undefined {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : undefined;
  } catch {
    // Storage can be blocked (privacy settings); the app still works without persistence.
    return undefined;
  }
}

function browserLanguage(): Language | undefined {
  return navigator.languages.map((tag) => tag.split('-')[0]).find(isLanguage);
}

/** The visitor's language: their earlier choice, else the browser's preference, else the default. */
export function initialLanguage(): Language {
  return storedLanguage() ?? browserLanguage() ?? env.defaultLanguage;
}

/** A ready i18next instance with every bundled language; keeps `<html lang>` in step with it. */
export function createI18n(language: Language = initialLanguage()): I18n {
  const instance = i18next.createInstance();
  instance.on('languageChanged', (lng) => {
    document.documentElement.lang = lng;
  });
  void instance.use(initReactI18next).init({
    resources: Object.fromEntries(Object.entries(messages).map(([lng, translation]) => [lng, { translation }])),
    lng: language,
    fallbackLng: env.defaultLanguage,
    supportedLngs: Object.keys(messages),
    interpolation: { escapeValue: false }, // React escapes already.
    initAsync: false,
  });
  return instance;
}

/** Switches the interface language and remembers the choice for the next visit. */
export async function chooseLanguage(instance: I18n, language: Language): Promise<void> {
  await instance.changeLanguage(language);
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // See storedLanguage: without storage the choice lasts for this visit only.
  }
}
