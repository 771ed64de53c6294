import { useRef } from "react";
import { type Loadable, useLoad } from "../../api.ts";

/**
 * Loads `subject` as useLoad does, and reloads it when `revision` changes (after a transaction of
 * this page committed) while still showing what was loaded before: the panel keeps its place and
 * what the reader opened in it, instead of blanking out for the moment of the reload.
 */
export function useReload<T>(subject: string, revision: number, load: (signal: AbortSignal) => Promise<T>): Loadable<T> {
  const loadable = useLoad(`${subject}#${revision}`, load);
  const kept = useRef<{ readonly subject: string; readonly value: Loadable<T> } | undefined>(undefined);
  if (loadable.state !== "loading") kept.current = { subject, value: loadable };
  return loadable.state === "loading" && kept.current?.subject === subject ? kept.current.value : loadable;
}
