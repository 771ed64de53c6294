import { type Language, type Translations, languages } from "./messages.ts";

/** What composing needs of a page: its strings, and its path to name it in an error. */
export interface PageStrings {
  readonly path: string;
  readonly messages: Translations<object>;
}

/**
 * One dictionary per language: the shared strings and each page's namespaces side by side. Each
 * part was checked against its own English shape where it is written; types cannot see two pages
 * claiming one namespace (an intersection would merge them), so that is refused here.
 */
export function composeDictionaries<Messages>(shared: Translations<object>, pages: readonly PageStrings[]): Translations<Messages> {
  const dictionary = (language: Language): Messages => {
    const merged: Record<string, unknown> = { ...shared[language] };
    for (const page of pages) {
      for (const [namespace, strings] of Object.entries(page.messages[language])) {
        if (namespace in merged) throw new Error(`the strings of the page at ${page.path} reuse the namespace "${namespace}"`);
        merged[namespace] = strings;
      }
    }
    return merged as Messages;
  };
  return Object.fromEntries(languages.map((language) => [language, dictionary(language)])) as Record<Language, Messages>;
}
