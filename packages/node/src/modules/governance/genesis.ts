import { Type } from "@sinclair/typebox";
import { type ChainParameterCatalog, type GenesisContext, isWithin, parameterScheduleKey } from "../../execution/index.ts";
import { type Genesis, GenesisError } from "../../genesis.ts";

/** `sections.governance` of genesis.json: initial values of chain parameters, each within its bounds. */
export const governanceGenesisSectionSchema = Type.Object(
  { parameters: Type.Optional(Type.Record(Type.String({ pattern: "^[a-z][A-Za-z0-9]*\\.[a-z][A-Za-z0-9]*$" }), Type.Integer())) },
  { additionalProperties: false },
);

/** Writes every declared parameter's value at height 0: genesis's own where it sets one, else the declared default. */
export function writeGovernanceGenesis(context: GenesisContext, genesis: Genesis, catalog: ChainParameterCatalog): void {
  const initial = ((genesis.sections?.["governance"] as { parameters?: Record<string, number> } | undefined)?.parameters ?? {}) as Record<string, number>;
  for (const name of Object.keys(initial).sort()) {
    const definition = catalog.definition(name);
    const field = `sections.governance.parameters.${name}`;
    if (definition === undefined) throw new GenesisError({ code: "GENESIS_INVALID", field }, `genesis ${field}: no service declares a chain parameter "${name}"`);
    if (!isWithin(definition, initial[name] as number)) {
      throw new GenesisError({ code: "GENESIS_INVALID", field }, `genesis ${field}: must be an integer from ${definition.minimum} to ${definition.maximum}`);
    }
  }
  for (const name of catalog.names()) context.state.set(parameterScheduleKey(name, 0), initial[name] ?? (catalog.definition(name)?.default as number));
}
