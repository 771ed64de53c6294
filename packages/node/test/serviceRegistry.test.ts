import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { KexinError, getSuite, toHex } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import pino from "pino";
import { type Genesis, GenesisError, genesisHash, parseGenesis } from "../src/genesis.ts";
import { defineQuery } from "../src/execution/index.ts";
import { type ServiceFactory, createServices, defineService, serviceFactories } from "../src/modules/index.ts";
import { type KexinNode, createNode } from "../src/node.ts";

// A service the node has never heard of, declared the way every service is: the node, the API server, genesis and the status table must pick it up from the list alone.
class TeapotError extends KexinError<{ code: "TEAPOT_REFUSED"; pot: string }> {}

const toyState = { opened: 0, closed: 0 };

const createTeapotService: ServiceFactory = () =>
  defineService<{ readonly brewed: string }>({
    module: {
      name: "teapot",
      description: "A service only this test runs.",
      txTypes: {},
      queries: { greeting: defineQuery({ description: "The genesis greeting.", parameters: Type.Object({}), run: (state) => ({ greeting: state.get("greeting") ?? null }) }) },
    },
    genesis: {
      sectionSchema: Type.Object({ greeting: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
      write: (context, genesis) => context.state.set("greeting", (genesis.sections?.teapot as { greeting: string }).greeting),
    },
    httpStatusByCode: { TEAPOT_REFUSED: 418 },
    open: async (context) => {
      toyState.opened += 1;
      return { brewed: String((context.options as { tea?: string } | undefined)?.tea ?? "none") };
    },
    close: async () => {
      toyState.closed += 1;
    },
    api: {
      tag: { name: "teapot", description: "A toy service" },
      register: (app, context, resources) => {
        app.get("/v1/teapot", { schema: { summary: "What the pot holds", tags: ["teapot"] } }, async () => ({
          brewed: resources.brewed,
          greeting: context.executor.readCommitted("teapot").get("greeting"),
        }));
        app.get("/v1/teapot/refuse", { schema: { tags: ["teapot"] } }, async () => {
          throw new TeapotError({ code: "TEAPOT_REFUSED", pot: "brown" }, "the pot is a teapot");
        });
      },
    },
  });

const suite = getSuite("intl");
const validatorKey = suite.generatePrivateKey();
const adminKey = suite.generatePrivateKey();

function genesisWith(sections: unknown): Genesis {
  return parseGenesis({
    chainId: "kexin-registry-test",
    suite: "intl",
    genesisTime: 1_700_000_000_000,
    consensus: "solo",
    validators: [{ name: "v1", publicKey: toHex(suite.publicKeyOf(validatorKey)), power: 1 }],
    organisations: [{ id: "bureau", name: "Bureau", admins: [toHex(suite.publicKeyOf(adminKey))] }],
    ...(sections === undefined ? {} : { sections }),
  });
}

const directories: string[] = [];
function start(genesis: Genesis): Promise<KexinNode> {
  const dataDir = mkdtempSync(join(tmpdir(), "kexin-registry-"));
  directories.push(dataDir);
  return createNode({
    genesis,
    dataDir,
    validatorPrivateKey: validatorKey,
    api: { host: "127.0.0.1", port: 0 },
    signatureWorkers: 0,
    services: { teapot: { tea: "oolong" } },
    serviceFactories: [...serviceFactories, createTeapotService],
    logger: pino({ level: "silent" }),
  });
}

let node: KexinNode;
before(async () => {
  node = await start(genesisWith({ teapot: { greeting: "你好" } }));
});
after(async () => {
  await node?.close();
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

test("default: the registry runs the services in their execution order", () => {
  const names = createServices({ suite, genesis: genesisWith(undefined), validatorsAt: () => [] }).map((service) => service.module.name);
  assert.deepEqual(names, ["identity", "points", "trace", "misbehaviour", "governance", "evidence", "contracts", "datashare", "workflows", "staking"]);
});

test("behavior: an added service's route answers with its resources and its genesis section's state", async () => {
  const response = await fetch(`${node.url}/v1/teapot`);
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), { brewed: "oolong", greeting: "你好" });
  const query = await fetch(`${node.url}/v1/query/teapot/greeting`);
  assert.deepEqual(await query.json(), { greeting: "你好" }, "its module's query is served too");
});

test("behavior: an added service's error code answers with its status and keeps the error's details", async () => {
  const response = await fetch(`${node.url}/v1/teapot/refuse`);
  assert.equal(response.status, 418);
  assert.deepEqual(await response.json(), { error: { code: "TEAPOT_REFUSED", message: "the pot is a teapot", details: { pot: "brown" } } });
});

test("behavior: an added service's tag and routes are in the OpenAPI document, between the node's own tags", async () => {
  const document = (await (await fetch(`${node.url}/docs/json`)).json()) as { tags: { name: string }[]; paths: Record<string, unknown> };
  const tags = document.tags.map((tag) => tag.name);
  assert.ok(tags.includes("teapot"), `tags: ${tags.join(", ")}`);
  assert.ok(tags.indexOf("modules") < tags.indexOf("teapot") && tags.indexOf("teapot") < tags.indexOf("node"), `tags: ${tags.join(", ")}`);
  assert.ok("/v1/teapot" in document.paths);
});

test("behavior: a genesis section is part of the genesis hash", () => {
  assert.notDeepEqual(genesisHash(suite, genesisWith({ teapot: { greeting: "a" } })), genesisHash(suite, genesisWith({ teapot: { greeting: "b" } })));
  assert.deepEqual(genesisHash(suite, genesisWith(undefined)), genesisHash(suite, genesisWith({})), "an empty sections object leaves the hash as it was");
});

test("error: a genesis section that does not match its service's schema is refused, naming the field", async () => {
  await assert.rejects(start(genesisWith({ teapot: { greeting: 7 } })), (error: unknown) => error instanceof GenesisError && error.type.field === "sections.teapot.greeting");
});

test("error: a genesis section no service reads is refused", async () => {
  await assert.rejects(start(genesisWith({ kettle: {} })), (error: unknown) => error instanceof GenesisError && error.type.field === "sections.kettle");
});

test("behavior: a service's resources are opened at start and closed at stop", async () => {
  const before = { ...toyState };
  const other = await start(genesisWith({ teapot: { greeting: "again" } }));
  assert.equal(toyState.opened, before.opened + 1);
  await other.close();
  assert.equal(toyState.closed, before.closed + 1);
});
