import type { Command } from "commander";
import { datashareSubjectReference, getSuite } from "@kexin/core";
import { badInput } from "../../errors.ts";
import { readSubjectKeyFile } from "./keyFiles.ts";

export type SubjectOptions = { readonly subject?: string; readonly idNumber?: string; readonly subjectKey?: string };

/** `--subject <reference>`, or `--id-number` with `--subject-key`: the person a record or credential is about. */
export function withSubjectOptions(command: Command): Command {
  return command
    .option("--subject <reference>", "the subject reference (64 hex digits)")
    .option("--id-number <number>", "the person's ID number, turned into the reference with --subject-key here; never sent")
    .option("--subject-key <file>", "your organisation's subject key file");
}

/** The subject reference given, or made here from an ID number with the organisation's subject key. */
export async function subjectOf(options: SubjectOptions, suiteId: "intl" | "gm"): Promise<string> {
  if (options.subject !== undefined && options.idNumber === undefined) return options.subject.toLowerCase();
  if (options.subject === undefined && options.idNumber !== undefined && options.subjectKey !== undefined) {
    return datashareSubjectReference(getSuite(suiteId), await readSubjectKeyFile(options.subjectKey, suiteId), options.idNumber);
  }
  throw badInput("subject", "give --subject <reference>, or --id-number <number> with --subject-key <file>");
}

/** The subject reference when one is named; undefined when none of the subject options is given. */
export async function optionalSubjectOf(options: SubjectOptions, suiteId: "intl" | "gm"): Promise<string | undefined> {
  if (options.subject === undefined && options.idNumber === undefined && options.subjectKey === undefined) return undefined;
  return subjectOf(options, suiteId);
}
