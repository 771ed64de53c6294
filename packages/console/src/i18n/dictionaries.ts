import { type PagesMessages, pages } from "../pages/index.ts";
import { composeDictionaries } from "./composeDictionaries.ts";
import { type SharedMessages, type Translations, sharedMessages } from "./messages.ts";

/** Every string the console shows: the shared ones and each page's, one namespace per key (`t.app`, `t.evidence`). */
export type Messages = SharedMessages & PagesMessages;

export const dictionaries: Translations<Messages> = composeDictionaries<Messages>(sharedMessages, pages);
