import type { AgreementRecord, ProgramRecord } from "@kexin/core";
import type { StateRead, StateWrite } from "../../execution/interface.ts";
import { pointsKeys } from "./keys.ts";
import { agreementFromState, agreementToState, programFromState, programToState } from "./stateRecords.ts";

/** Records kept at most; beyond it the cache starts again (it holds nothing that is not in state). */
const entriesMax = 4_096;

interface Entry {
  readonly value: ProgramRecord | AgreementRecord;
  /** The height of the block whose execution read it from state. */
  readonly readAtHeight: number;
}

/**
 * Programs and agreements as decoded records, kept between transactions for the exchange, which
 * reads its agreement and its target program every time; both change rarely. Every write of
 * either goes through this class, one per node.
 *
 * A value read while block h executes is what the blocks up to h − 1 committed, plus whatever
 * block h wrote before the read. It is used again, at height h or later, only while no write of
 * its key has been seen at height h or later; a block that wrote the key, whether it was then
 * committed, discarded (a BFT proposal that was not decided) or failed the transaction, makes the
 * key read from state again until a later height. That is sound because a node executes every
 * block it commits, in height order, through one module, which starts empty: a restart or a
 * replay builds a new one. Records are frozen: nobody may change what another transaction reads.
 * Absent records are not kept, and queries read state directly.
 */
export class PointsRecords {
  private readonly entries = new Map<string, Entry>();
  private readonly writtenAtHeight = new Map<string, number>();

  program(state: StateRead, id: string, height: number): ProgramRecord | undefined {
    return this.read(pointsKeys.program(id), height, () => {
      const stored = state.get(pointsKeys.program(id));
      return stored === undefined ? undefined : programFromState(stored);
    });
  }

  agreement(state: StateRead, id: string, height: number): AgreementRecord | undefined {
    return this.read(pointsKeys.agreement(id), height, () => {
      const stored = state.get(pointsKeys.agreement(id));
      return stored === undefined ? undefined : agreementFromState(stored);
    });
  }

  writeProgram(state: StateWrite, height: number, program: ProgramRecord): void {
    const key = pointsKeys.program(program.id);
    this.wrote(key, height);
    state.set(key, programToState(program));
  }

  writeAgreement(state: StateWrite, height: number, agreement: AgreementRecord): void {
    const key = pointsKeys.agreement(agreement.id);
    this.wrote(key, height);
    state.set(key, agreementToState(agreement));
  }

  private wrote(key: string, height: number): void {
    this.writtenAtHeight.set(key, Math.max(this.writtenAtHeight.get(key) ?? height, height));
    this.entries.delete(key);
  }

  private read<T extends ProgramRecord | AgreementRecord>(key: string, height: number, fromState: () => T | undefined): T | undefined {
    const entry = this.entries.get(key);
    if (entry !== undefined && entry.readAtHeight <= height && !this.writtenSince(key, entry.readAtHeight)) return entry.value as T;
    const value = fromState();
    if (value === undefined || this.writtenSince(key, height)) return value;
    if (this.entries.size >= entriesMax) this.entries.clear();
    this.entries.set(key, { value: deepFreeze(value), readAtHeight: height });
    return value;
  }

  private writtenSince(key: string, height: number): boolean {
    const written = this.writtenAtHeight.get(key);
    return written !== undefined && written >= height;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}
