import { type ProgramRecord, pointsListLimitMax } from "@kexin/core";
import { points } from "@kexin/sdk";
import { type Loadable, client, useLoad } from "../../api.ts";
import type { Language } from "../../i18n/index.tsx";

/** Programs a page lists at most: the query's own page limit. */
const programsMax = pointsListLimitMax;

/** Every registered program by id, for names and face values wherever a program id is shown. */
export function usePrograms(): Loadable<ReadonlyMap<string, ProgramRecord>> {
  return useLoad("points-programs", async (signal) => new Map((await points.getPrograms(client, { limit: programsMax, signal })).programs.map((program) => [program.id, program])));
}

/** A program's name in the page's language, or its id while the programs are not known. */
export function programName(language: Language, programs: Loadable<ReadonlyMap<string, ProgramRecord>>, id: string): string {
  const program = programs.state === "loaded" ? programs.value.get(id) : undefined;
  if (!program) return id;
  return language === "zh-CN" ? program.name.zh : program.name.en;
}
