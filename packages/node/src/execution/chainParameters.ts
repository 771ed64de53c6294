import type { StateRead } from "./interface.ts";

/**
 * A chain parameter as the service owning it declares it: an integer every node must read alike
 * for a height, changed only by an approved governance proposal.
 */
export interface ChainParameterDefinition {
  readonly description: string;
  readonly minimum: number;
  readonly maximum: number;
  /** The value a chain starts with unless its genesis sets another. */
  readonly default: number;
}

export type ChainParameterDefinitions = { readonly [name: string]: ChainParameterDefinition };

/** Whoever declares parameters: a service's module, or the block pipeline under "block". */
export interface ChainParameterOwner {
  readonly name: string;
  readonly parameters?: ChainParameterDefinitions;
}

/** The schedule of values by effective height is kept in governance's namespace. */
export const parameterScheduleModule = "governance";

/** Scheduled values kept per parameter; a proposal beyond it is refused. */
export const parameterScheduleEntriesMax = 1_000;

const scheduleKeyPrefix = (name: string): string => `parameter/${name}/`;

/** Heights are zero-padded so that a key-ordered listing is in height order. */
export function parameterScheduleKey(name: string, height: number): string {
  return `${scheduleKeyPrefix(name)}${String(height).padStart(16, "0")}`;
}

/** Every declared parameter by its full name, `<owner>.<name>`, in name order. */
export class ChainParameterCatalog {
  private readonly definitions = new Map<string, ChainParameterDefinition>();

  constructor(owners: readonly ChainParameterOwner[]) {
    for (const owner of owners) {
      for (const [name, definition] of Object.entries(owner.parameters ?? {})) {
        const fullName = `${owner.name}.${name}`;
        if (!Number.isSafeInteger(definition.minimum) || !Number.isSafeInteger(definition.maximum) || definition.minimum > definition.maximum) {
          throw new Error(`chain parameter ${fullName} has bounds ${definition.minimum}..${definition.maximum}`);
        }
        if (!isWithin(definition, definition.default)) throw new Error(`chain parameter ${fullName}'s default ${definition.default} is outside its bounds`);
        this.definitions.set(fullName, definition);
      }
    }
  }

  names(): string[] {
    return [...this.definitions.keys()].sort();
  }

  definition(name: string): ChainParameterDefinition | undefined {
    return this.definitions.get(name);
  }
}

export function isWithin(definition: ChainParameterDefinition, value: number): boolean {
  return Number.isSafeInteger(value) && value >= definition.minimum && value <= definition.maximum;
}

/** The values scheduled for a parameter, oldest first: genesis's at height 0, then approved changes. */
export function parameterSchedule(schedule: StateRead, name: string): { height: number; value: number }[] {
  const prefix = scheduleKeyPrefix(name);
  return schedule.list(prefix, parameterScheduleEntriesMax).map((entry) => ({ height: Number(entry.key.slice(prefix.length)), value: entry.value as number }));
}

/**
 * The value of a parameter deciding `height`: the newest scheduled at or below it, else its
 * default. Reads committed state only, and changes are scheduled at least one block ahead, so
 * every node reads the same value for a height before building or checking it.
 */
export function parameterAt(schedule: StateRead, catalog: ChainParameterCatalog, name: string, height: number): number {
  const definition = catalog.definition(name);
  if (definition === undefined) throw new Error(`no chain parameter ${name} is declared`);
  return scheduledValueAt(schedule, name, height, definition.default);
}

/** The newest value of a parameter scheduled at or below `height`, else `fallback`: for the owner of the parameter, which knows its default. */
export function scheduledValueAt(schedule: StateRead, name: string, height: number, fallback: number): number {
  let value = fallback;
  for (const entry of parameterSchedule(schedule, name)) {
    if (entry.height <= height) value = entry.value;
  }
  return value;
}

/** Reads parameters by height from the committed schedule; what consensus and the block pipeline are given. */
export interface ChainParameterReader {
  at(name: string, height: number): number;
}

export function chainParameterReader(catalog: ChainParameterCatalog, schedule: () => StateRead): ChainParameterReader {
  return { at: (name, height) => parameterAt(schedule(), catalog, name, height) };
}
