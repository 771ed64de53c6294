import { type ReactNode, createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { Messages } from "./dictionaries.ts";
import { type Language, type Translations, languages, pickLanguage } from "./messages.ts";

export type { Messages } from "./dictionaries.ts";
export { type Language, languages, pickLanguage } from "./messages.ts";

const storageKey = "kexin.language";

interface I18n {
  readonly language: Language;
  readonly t: Messages;
  setLanguage(language: Language): void;
}

const I18nContext = createContext<I18n | undefined>(undefined);

function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (languages as readonly string[]).includes(value);
}

/** A choice the user made wins over the browser's language. */
function initialLanguage(): Language {
  try {
    const saved = window.localStorage.getItem(storageKey);
    if (isLanguage(saved)) return saved;
  } catch {
    // Storage can be disabled (private windows, strict settings); the browser's language still applies.
  }
  return pickLanguage(navigator.languages.length > 0 ? navigator.languages : [navigator.language]);
}

/** The dictionaries come from main.tsx, so that this module, which every page imports, imports no page. */
export function I18nProvider({ dictionaries, children }: { readonly dictionaries: Translations<Messages>; readonly children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      window.localStorage.setItem(storageKey, next);
    } catch {
      // Not remembered across visits, but switched for this one.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = language;
    document.title = dictionaries[language].app.title;
  }, [dictionaries, language]);
  const value = useMemo(() => ({ language, t: dictionaries[language], setLanguage }), [dictionaries, language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error("useI18n needs an I18nProvider above it");
  return context;
}
