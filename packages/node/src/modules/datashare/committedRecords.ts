import type { SharedRecord } from "@kexin/core";
import type { StateRead } from "../../execution/interface.ts";
import { readSharedRecord } from "./records.ts";

/** Published records kept decoded for the key routes, oldest first out. */
const committedRecordsMax = 10_000;

/**
 * Committed shared records by id, for the key routes, which read the record of every key they
 * release. A published record is never changed nor removed, so one read from committed state
 * stays true; only records found are kept, as a record may be published later.
 */
export class CommittedRecords {
  private readonly records = new Map<string, SharedRecord>();

  read(committed: StateRead, id: string): SharedRecord | undefined {
    const kept = this.records.get(id);
    if (kept !== undefined) return kept;
    const record = readSharedRecord(committed, id);
    if (record === undefined) return undefined;
    if (this.records.size >= committedRecordsMax) this.records.delete(this.records.keys().next().value as string);
    this.records.set(id, record);
    return record;
  }
}
