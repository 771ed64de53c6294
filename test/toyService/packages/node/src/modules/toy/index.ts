import { type ToyBellsAnswer, type ToyGenesisSection, toyBellsAnswerSchema, toyGenesisSectionSchema, toyModuleName, toyRingPayloadSchema } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import { type ModuleDefinition, type StateRead, defineQuery, defineTxType } from "../../execution/interface.ts";
import { requireRegistered } from "../identity/index.ts";
import { type ServiceFactory, defineService } from "../service.ts";

const bellsKey = "bells";
const lastNoteKey = "last/note";
const lastRingerKey = "last/ringer";

function readBells(state: StateRead): ToyBellsAnswer {
  return {
    bells: (state.get(bellsKey) as number | undefined) ?? 0,
    lastNote: (state.get(lastNoteKey) as string | undefined) ?? null,
    lastRinger: (state.get(lastRingerKey) as string | undefined) ?? null,
  };
}

const ring = defineTxType({
  description: "Rings the bell once and leaves a note; any registered account may ring.",
  schema: toyRingPayloadSchema,
  costUnits: 1,
  authorise: (context) => {
    requireRegistered(context);
  },
  execute: (context, payload) => {
    const bells = readBells(context.state).bells + 1;
    context.state.set(bellsKey, bells);
    context.state.set(lastNoteKey, payload.note);
    context.state.set(lastRingerKey, context.caller.address);
    context.emit("rang", { bells, note: payload.note });
  },
});

export const toyModule: ModuleDefinition = {
  name: toyModuleName,
  description: "A bell tower that counts its rings.",
  txTypes: { ring },
  queries: {
    bells: defineQuery({ description: "How many times the bell has rung, and the last note.", parameters: Type.Object({}), run: (state) => readBells(state) }),
  },
};

/** The bell tower as the node runs it: its module, its genesis section and one route. */
export const createToyService: ServiceFactory = () =>
  defineService({
    module: toyModule,
    genesis: {
      sectionSchema: toyGenesisSectionSchema,
      write: (context, genesis) => {
        const section = genesis.sections?.[toyModuleName] as ToyGenesisSection | undefined;
        if (section !== undefined) context.state.set(bellsKey, section.bells);
      },
    },
    api: {
      tag: { name: toyModuleName, description: "The bell tower" },
      register: (app, context) => {
        app.get(
          "/v1/toy/bells",
          { schema: { summary: "How many times the bell has rung, and the last note", tags: [toyModuleName], response: { 200: toyBellsAnswerSchema } } },
          async () => readBells(context.executor.readCommitted(toyModuleName)),
        );
      },
    },
  });
