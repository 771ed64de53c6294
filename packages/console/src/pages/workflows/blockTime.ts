import type { Language } from "../../i18n/index.tsx";

/** A block time (ms since the epoch, as the chain records it) in the reader's language. */
export function formatBlockTime(time: number, language: Language): string {
  return new Date(time).toLocaleString(language, { timeZone: "UTC", timeZoneName: "short" });
}
