import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { da } from './da';
import { en } from './en';

export const LANGUAGES = ['da', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_STORAGE_KEY = 'klima.language';

function storedLanguage(): Language {
  try {
    const stored = globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY);
    if (stored === 'da' || stored === 'en') return stored;
  } catch {
    // Storage can be blocked (private mode); Danish is the default anyway.
  }
  return 'da';
}

export function setLanguage(language: Language): Promise<unknown> {
  try {
    globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // ignore: the switch still works for this visit
  }
  return i18n.changeLanguage(language);
}

i18n.on('languageChanged', (lng) => {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  resources: { da: { translation: da }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'da',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
