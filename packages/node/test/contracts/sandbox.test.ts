import assert from "node:assert/strict";
import { before, test } from "node:test";
import { type CborValue, encodeCanonical } from "@kexin/core";
import { EnginePool, QuickJsContractSandbox } from "../../src/modules/contracts/sandbox/contractSandbox.ts";
import {
  ContractCodeError,
  type ContractGasPrices,
  type ContractHost,
  type ContractLimits,
  type ContractRun,
  type ContractSandbox,
  createContractSandbox,
  loadContractSandbox,
} from "../../src/modules/contracts/sandbox/index.ts";
import { loadQuickJsEngines } from "../../src/modules/contracts/sandbox/quickJsEngine.ts";

const limits: ContractLimits = {
  gasLimit: 1_000_000,
  memoryBytesMax: 4 * 1024 * 1024,
  stackBytesMax: 128 * 1024,
  codeBytesMax: 64 * 1024,
  callDepthMax: 4,
  stateKeyBytesMax: 256,
  stateValueBytesMax: 16 * 1024,
  eventBytesMax: 4 * 1024,
  resultBytesMax: 16 * 1024,
};

const prices: ContractGasPrices = { work: 1, hostCall: 10, storedByte: 1, eventByte: 1 };

/** A ContractHost over a Map, recording what the contract did. */
class MemoryHost implements ContractHost {
  readonly state = new Map<string, CborValue>();
  readonly events: { type: string; data: CborValue }[] = [];
  caller = { address: "alice", organisation: "org1" as string | undefined, roles: ["member"] as readonly string[] };
  block = { height: 7, time: 1_700_000_000_000 };
  randomSeed = new Uint8Array(32).fill(1);
  innerCall: ContractHost["call"] = () => {
    throw new Error("this host has no other contracts");
  };

  get(key: string): CborValue | undefined {
    return this.state.get(key);
  }
  set(key: string, value: CborValue): void {
    this.state.set(key, value);
  }
  delete(key: string): void {
    this.state.delete(key);
  }
  list(prefix: string, limit: number): { key: string; value: CborValue }[] {
    return [...this.state.keys()]
      .filter((key) => key.startsWith(prefix))
      .sort()
      .slice(0, limit)
      .map((key) => ({ key, value: this.state.get(key) as CborValue }));
  }
  emit(type: string, data: CborValue): void {
    this.events.push({ type, data });
  }
  call(contract: string, method: string, args: CborValue, gasLimit: number): { readonly value: CborValue; readonly gasUsed: number } {
    return this.innerCall(contract, method, args, gasLimit);
  }
  hash(bytes: Uint8Array): Uint8Array {
    return bytes.slice().reverse();
  }
  verifySignature(): boolean {
    return true;
  }
}

interface Observed {
  readonly run: ContractRun;
  readonly state: [string, CborValue][];
  readonly events: { type: string; data: CborValue }[];
}

/** Runs a method on a fresh MemoryHost (prepared by setup) and returns everything observable. */
function observe(sandbox: ContractSandbox, code: string, method: string, args: CborValue, setup?: (host: MemoryHost) => void, runLimits = limits): Observed {
  const host = new MemoryHost();
  setup?.(host);
  const run = sandbox.run(code, method, args, host, runLimits, prices);
  return { run, state: [...host.state.entries()], events: host.events };
}

const tokenCode = `
export const methods = {
  init: { args: { type: "object", properties: { supply: { type: "integer", minimum: 0 } }, required: ["supply"], additionalProperties: false } },
  transfer: { args: { type: "object", properties: { to: { type: "string" }, amount: { type: "integer", minimum: 1 } }, required: ["to", "amount"], additionalProperties: false } },
  balanceOf: { args: { type: "object", properties: { owner: { type: "string" } }, required: ["owner"], additionalProperties: false }, readOnly: true },
};
export function init(args, ctx) {
  ctx.state.set("balance/" + ctx.caller.address, args.supply);
}
export function transfer(args, ctx) {
  const fromKey = "balance/" + ctx.caller.address;
  const toKey = "balance/" + args.to;
  const from = ctx.state.get(fromKey) ?? 0;
  if (from < args.amount) throw new Error("insufficient balance");
  ctx.state.set(fromKey, from - args.amount);
  ctx.state.set(toKey, (ctx.state.get(toKey) ?? 0) + args.amount);
  ctx.emit("transfer", { from: ctx.caller.address, to: args.to, amount: args.amount });
}
export function balanceOf(args, ctx) {
  return ctx.state.get("balance/" + args.owner) ?? 0;
}
`;

/** A module exporting one method `m` with the given body (args, ctx in scope), declared with an open schema. */
function methodCode(body: string, modifiers = ""): string {
  return `export const methods = { m: { args: { type: "object" } } };\nexport ${modifiers} function m(args, ctx) {\n${body}\n}\n`;
}

await loadContractSandbox();
const sandbox = createContractSandbox();
let freshSandbox: ContractSandbox;

before(async () => {
  // Its own WebAssembly instances: nothing it runs has any history in common with the shared ones.
  freshSandbox = new QuickJsContractSandbox(new EnginePool(await loadQuickJsEngines(2)));
});

/** Unrelated work between two runs of the same call, so a reused interpreter has a different history. */
function disturb(): void {
  const host = new MemoryHost();
  sandbox.run(tokenCode, "init", { supply: 1000 }, host, limits, prices);
  for (let index = 0; index < 3; index++) sandbox.run(tokenCode, "transfer", { to: `bob${index}`, amount: 1 }, host, limits, prices);
  sandbox.run(methodCode("const a = []; for (let i = 0; i < 20000; i++) a.push({ i, s: 'x' + i }); globalThis.leftover = a; return a.length;"), "m", {}, host, limits, prices);
}

/** Runs the call on the shared sandbox twice (with other work between) and on a fresh one; all three must be identical. */
function deterministic(code: string, method: string, args: CborValue, setup?: (host: MemoryHost) => void, runLimits = limits): Observed {
  const first = observe(sandbox, code, method, args, setup, runLimits);
  disturb();
  const second = observe(sandbox, code, method, args, setup, runLimits);
  const fresh = observe(freshSandbox, code, method, args, setup, runLimits);
  assert.deepEqual(second, first, "the same call on a reused sandbox after other work");
  assert.deepEqual(fresh, first, "the same call on a fresh sandbox");
  return first;
}

function assertFailure(observed: Observed, code: string): void {
  assert.equal(observed.run.ok, false, `expected ${code}, got ${JSON.stringify(observed.run)}`);
  if (!observed.run.ok) assert.equal(observed.run.code, code, observed.run.message);
}

test("default: a token transfer reads, writes and emits, with gas counted per host call and byte", () => {
  const observed = deterministic(tokenCode, "transfer", { to: "bob", amount: 5 }, (host) => host.state.set("balance/alice", 10));
  assert.deepEqual(observed.run, { ok: true, value: null, gasUsed: observed.run.gasUsed });
  assert.deepEqual(observed.state, [
    ["balance/alice", 5],
    ["balance/bob", 5],
  ]);
  assert.deepEqual(observed.events, [{ type: "transfer", data: { from: "alice", to: "bob", amount: 5 } }]);
  assert.ok(observed.run.gasUsed >= 5 * prices.hostCall, "five host calls are charged");
  const read = deterministic(tokenCode, "balanceOf", { owner: "bob" }, (host) => host.state.set("balance/bob", 42));
  assert.deepEqual(read.run, { ok: true, value: 42, gasUsed: read.run.gasUsed });
  assert.ok(read.run.gasUsed > prices.hostCall && read.run.gasUsed < prices.hostCall + 200, "one host call and a few polls");
});

test("behavior: values of every kind cross the boundary both ways", () => {
  const value = { n: -3, big: 2n ** 60n, s: "héllo", b: new Uint8Array([0, 1, 255]), a: [true, false, null, []], o: { "\u0000odd": 1, __proto__x: 2 } };
  const observed = deterministic(methodCode("ctx.state.set('v', args.value); return ctx.state.get('v');"), "m", { value });
  assert.equal(observed.run.ok, true);
  if (observed.run.ok) assert.deepEqual(observed.run.value, value);
  assert.deepEqual(observed.state, [["v", value]]);
  const undefinedResult = deterministic(methodCode("return undefined;"), "m", {});
  assert.deepEqual(undefinedResult.run, { ok: true, value: null, gasUsed: undefinedResult.run.gasUsed });
});

test("behavior: plain values and integers take the quick ways across and arrive as the others do", () => {
  const integers = [0, 7, -1, 2 ** 31, -(2 ** 40), Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];
  const plain = { list: [1, "two", [true, null]], nested: { deeper: { s: "a\u0000b", n: -12 }, "\u0000odd": 1 }, "": "empty key" };
  const code = methodCode(`
    args.integers.forEach((n, i) => ctx.state.set("i" + i, n));
    ctx.state.set("plain", args.plain);
    ctx.emit("plain", args.plain);
    return [args.integers.map((_, i) => ctx.state.get("i" + i)), ctx.state.get("plain")];`);
  const observed = deterministic(code, "m", { integers, plain });
  assert.deepEqual(observed.run, { ok: true, value: [integers, plain], gasUsed: observed.run.gasUsed });
  assert.deepEqual(observed.state, [...integers.map((n, index): [string, CborValue] => [`i${index}`, n]), ["plain", plain]].sort(([a], [b]) => (a < b ? -1 : 1)));
  assert.deepEqual(observed.events, [{ type: "plain", data: plain }]);
  let deep = "1";
  for (let level = 0; level < 70; level++) deep = `[${deep}]`;
  assertFailure(deterministic(methodCode(`ctx.emit("deep", ${deep}); return null;`), "m", {}), "CONTRACT_VALUE_INVALID");
  assertFailure(deterministic(methodCode("ctx.state.set('k', -0); return null;"), "m", {}), "CONTRACT_FLOAT_REFUSED");
  assertFailure(deterministic(methodCode("return { when: new Map() };"), "m", {}), "CONTRACT_VALUE_INVALID");
});

test("behavior: a stored value is charged for the bytes of its canonical CBOR", () => {
  const gasOf = (value: number): number => deterministic(methodCode(`ctx.state.set("k", ${value}); return null;`), "m", {}).run.gasUsed;
  assert.equal(gasOf(2 ** 32) - gasOf(23), (encodeCanonical(2 ** 32).length - encodeCanonical(23).length) * prices.storedByte);
  const wide = deterministic(methodCode(`ctx.state.set("k", { "caf\u00e9": ["\u20ac", 1] }); return null;`), "m", {}).run.gasUsed;
  const ascii = deterministic(methodCode(`ctx.state.set("k", { "cafe": ["E", 1] }); return null;`), "m", {}).run.gasUsed;
  assert.equal(wide - ascii, (encodeCanonical({ "caf\u00e9": ["\u20ac", 1] }).length - encodeCanonical({ cafe: ["E", 1] }).length) * prices.storedByte);
});

test("behavior: state keys, event types and values of one-byte, Latin-1 and wide characters reach the host intact", () => {
  const keys = ["", "balance/0123456789abcdef0123456789abcdef01234567", "caf\u00e9 \u00ff\u0080", "\u20ac uro", "\ud83d\ude00", "x".repeat(200)];
  const code = methodCode(`
    args.keys.forEach((key, i) => { ctx.state.set(key, i); ctx.emit(key === "" ? "empty" : key.slice(0, 16), { key }); });
    return args.keys.map((key) => ctx.state.get(key));`);
  const observed = deterministic(code, "m", { keys });
  assert.deepEqual(observed.run, { ok: true, value: keys.map((_, index) => index), gasUsed: observed.run.gasUsed });
  assert.deepEqual(observed.state, keys.map((key, index): [string, CborValue] => [key, index]));
  assert.deepEqual(observed.events, keys.map((key) => ({ type: key === "" ? "empty" : key.slice(0, 16), data: { key } })));
});

test("behavior: gas counts interpreter work exactly: each loop iteration costs the same", () => {
  const code = methodCode("let total = 0; for (let i = 0; i < args.n; i++) total += i; return total;");
  const gas = (n: number): number => deterministic(code, "m", { n }).run.gasUsed;
  const [thousand, twoThousand, threeThousand] = [gas(1000), gas(2000), gas(3000)];
  assert.ok(twoThousand > thousand);
  assert.equal(threeThousand - twoThousand, twoThousand - thousand);
  // Ten thousand polls lie between two interrupts; the count is exact across them too.
  assert.equal(gas(30_000) - gas(20_000), 10 * (twoThousand - thousand));
});

test("error: an infinite loop runs out of gas, even inside try/catch, with gasUsed = gasLimit", () => {
  for (const body of ["while (true) {}", "try { while (true) {} } catch (error) { return 'caught'; }", "const f = () => f2(); const f2 = () => { for (;;) {} }; f();"]) {
    const observed = deterministic(methodCode(body), "m", {}, undefined, { ...limits, gasLimit: 5_000 });
    assertFailure(observed, "CONTRACT_OUT_OF_GAS");
    assert.equal(observed.run.gasUsed, 5_000);
  }
});

test("error: memory bombs stop with CONTRACT_MEMORY_EXCEEDED, caught or not", () => {
  const bombs = [
    "const a = []; while (true) a.push('x'.repeat(1000) + a.length);",
    "let s = 'x'.repeat(1024); const a = []; while (true) { s = s + s.slice(0, 1024); a.push(s.slice(1)); }",
    "const a = []; while (true) a.push(new Array(10000).fill(a.length));",
    "const a = []; try { while (true) a.push({ n: a.length }); } catch (error) {} return a.length;",
  ];
  for (const body of bombs) {
    const observed = deterministic(methodCode(body), "m", {}, undefined, { ...limits, gasLimit: 100_000_000 });
    assertFailure(observed, "CONTRACT_MEMORY_EXCEEDED");
  }
});

test("error: unbounded recursion stops with CONTRACT_STACK_EXCEEDED", () => {
  for (const body of ["const f = (n) => f(n + 1) + 1; return f(0);", "const f = (n) => [f(n + 1)]; try { return f(0); } catch (error) { throw error; }"]) {
    assertFailure(deterministic(methodCode(body), "m", {}), "CONTRACT_STACK_EXCEEDED");
  }
});

test("error: a huge string returned, emitted or stored is refused by its own limit", () => {
  const huge = "'x'.repeat(100000)";
  assertFailure(deterministic(methodCode(`return ${huge};`), "m", {}), "CONTRACT_RESULT_TOO_LARGE");
  const emitted = deterministic(methodCode(`ctx.emit('big', ${huge});`), "m", {});
  assertFailure(emitted, "CONTRACT_EVENT_TOO_LARGE");
  assert.deepEqual(emitted.events, []);
  const stored = deterministic(methodCode(`ctx.state.set('k', ${huge});`), "m", {});
  assertFailure(stored, "CONTRACT_VALUE_TOO_LARGE");
  assert.deepEqual(stored.state, []);
  assertFailure(deterministic(methodCode("ctx.state.set('k'.repeat(300), 1);"), "m", {}), "CONTRACT_VALUE_TOO_LARGE");
  // Caught by the contract or not, the refusal is the outcome.
  assertFailure(deterministic(methodCode(`try { ctx.state.set('k', ${huge}); } catch (error) {} return 1;`), "m", {}), "CONTRACT_VALUE_TOO_LARGE");
});

test("behavior: prototype and ctx tampering in one call does not reach the next call or the host", () => {
  const tamper = methodCode(`
    Object.prototype.injected = 1;
    Array.prototype.push = null;
    JSON.parse = () => 'forged';
    JSON.stringify = () => 'forged';
    Object.keys = () => [];
    Object.getPrototypeOf = () => null;
    Math.random = () => 0.5;
    globalThis.leftover = 'from the first call';
    let frozen = 0;
    try { ctx.state.get = () => 99; } catch (error) { frozen++; }
    try { ctx.caller.roles.push('admin'); } catch (error) { frozen++; }
    try { ctx.state = null; } catch (error) { frozen++; }
    ctx.state.set('key', { nested: [1, 2] });
    return [frozen, ctx.state.get('key')];
  `);
  const tampered = deterministic(tamper, "m", {});
  assert.deepEqual(tampered.run, { ok: true, value: [3, { nested: [1, 2] }], gasUsed: tampered.run.gasUsed });
  assert.deepEqual(tampered.state, [["key", { nested: [1, 2] }]]);
  const host = new MemoryHost();
  assert.equal(sandbox.run(tamper, "m", {}, host, limits, prices).ok, true);
  const check = methodCode(`
    return [({}).injected === undefined, typeof [].push, JSON.stringify({ a: 1 }), Object.keys({ a: 1 }).length, typeof globalThis.leftover, Math.random() !== 0.5];
  `);
  const after = sandbox.run(check, "m", {}, host, limits, prices);
  assert.deepEqual(after.ok && after.value, [true, "function", '{"a":1}', 1, "undefined", true]);
  const sameCodeAgain = sandbox.run(tamper, "m", {}, host, limits, prices);
  assert.deepEqual(sameCodeAgain, sandbox.run(tamper, "m", {}, new MemoryHost(), limits, prices), "state left by the module's own earlier call does not survive");
});

test("error: Date, WeakRef, FinalizationRegistry, SharedArrayBuffer and Atomics are refused, even when caught", () => {
  for (const use of ["Date.now()", "new Date()", "typeof Date", "new WeakRef({})", "new FinalizationRegistry(() => {})", "new SharedArrayBuffer(8)", "Atomics.add", "globalThis.Date"]) {
    assertFailure(deterministic(methodCode(`return ${use};`), "m", {}), "CONTRACT_NONDETERMINISTIC_API");
    assertFailure(deterministic(methodCode(`try { ${use}; } catch (error) {} return 1;`), "m", {}), "CONTRACT_NONDETERMINISTIC_API");
  }
});

test("behavior: Math.random is seeded by the host: same seed, same values; another seed, other values", () => {
  const code = methodCode("return [Math.random(), Math.random(), Math.random()].map((x) => Math.floor(x * 2 ** 32));");
  const first = deterministic(code, "m", {});
  const other = deterministic(code, "m", {}, (host) => {
    host.randomSeed = new Uint8Array(32).fill(2);
  });
  assert.equal(first.run.ok && other.run.ok, true);
  assert.notDeepEqual(first.run, other.run);
  if (first.run.ok) assert.equal(new Set(first.run.value as number[]).size, 3);
});

test("error: floats are refused in results, state, events, inner-call arguments and method arguments", () => {
  for (const body of ["return 1.5;", "return { a: [NaN] };", "return -0;", "return Infinity;", "ctx.state.set('k', 0.1);", "ctx.emit('e', { x: 2 ** 60 });", "ctx.call('other', 'm', { x: 0.5 }, 100);"]) {
    const observed = deterministic(methodCode(body), "m", {});
    assertFailure(observed, "CONTRACT_FLOAT_REFUSED");
    assert.deepEqual([observed.state, observed.events], [[], []]);
  }
  assertFailure(deterministic(methodCode("return 1;"), "m", { x: 1.5 }), "CONTRACT_FLOAT_REFUSED");
  const negativeZero = deterministic(methodCode("return -3 * 0;"), "m", {});
  assert.ok(!negativeZero.run.ok && negativeZero.run.message.endsWith("not -0"), "the refusal names -0, which prints as 0");
  for (const body of ["return () => 1;", "return { u: undefined };", "return new Map();", "return Symbol('s');", "const a = []; a.push(a); return a;"]) {
    assertFailure(deterministic(methodCode(body), "m", {}), "CONTRACT_VALUE_INVALID");
  }
});

test("behavior: an async method's promise jobs are drained in a fixed order", () => {
  const code = methodCode(
    `
    const order = [];
    const later = (label) => Promise.resolve().then(() => order.push(label));
    later('a'); later('b');
    const value = await new Promise((resolve) => resolve(40));
    await Promise.all([later('c'), later('d')]);
    ctx.state.set('sum', value + 2);
    return order;
  `,
    "async",
  );
  const observed = deterministic(code, "m", {});
  assert.deepEqual(observed.run, { ok: true, value: ["a", "b", "c", "d"], gasUsed: observed.run.gasUsed });
  assert.deepEqual(observed.state, [["sum", 42]]);
  assertFailure(deterministic(methodCode("await null; throw new Error('late');", "async"), "m", {}), "CONTRACT_THREW");
  assertFailure(deterministic(methodCode("await new Promise(() => {});", "async"), "m", {}), "CONTRACT_THREW");
  const endless = deterministic(methodCode("const spin = () => { Promise.resolve().then(spin); }; spin(); return 1;", "async"), "m", {}, undefined, { ...limits, gasLimit: 2_000 });
  assertFailure(endless, "CONTRACT_OUT_OF_GAS");
});

test("error: a contract that throws ends with CONTRACT_THREW and its message", () => {
  const observed = deterministic(methodCode("throw new TypeError('no such account: ' + args.who);"), "m", { who: "carol" });
  assert.deepEqual(observed.run, { ok: false, code: "CONTRACT_THREW", message: "TypeError: no such account: carol", gasUsed: observed.run.gasUsed });
  const thrownValue = deterministic(methodCode("throw 'x'.repeat(5000);"), "m", {});
  assert.equal(!thrownValue.run.ok && thrownValue.run.message.length, 1000);
  assertFailure(deterministic(methodCode("return 1;"), "missing", {}), "CONTRACT_METHOD_NOT_FOUND");
});

test("behavior: a ContractError from an inner call ends the outer call with its code, even when caught", () => {
  const { ContractCodeError: HostError } = { ContractCodeError };
  const setup = (host: MemoryHost): void => {
    host.innerCall = () => {
      throw new HostError({ code: "CONTRACT_CODE_INVALID", reason: "inner" }, "inner failed");
    };
  };
  const observed = deterministic(methodCode("try { ctx.call('other', 'm', {}, 500); } catch (error) {} ctx.state.set('after', 1); return 1;"), "m", {}, setup);
  assert.deepEqual(observed.run, { ok: false, code: "CONTRACT_CODE_INVALID", message: "inner failed", gasUsed: observed.run.gasUsed });
  assert.ok(observed.run.gasUsed >= prices.hostCall + 500 && observed.run.gasUsed < prices.hostCall + 700, "the inner call's whole gas limit is charged");
  assert.deepEqual(observed.state, []);
});

test("behavior: ctx.call runs an inner contract on its own interpreter and returns to the caller intact", () => {
  const outer = methodCode("const before = { kept: [1, 2, 3] }; const inner = ctx.call('token', 'balanceOf', { owner: 'bob' }, 1000); return [before, inner];");
  const setup = (host: MemoryHost): void => {
    host.innerCall = (_contract, method, args, gasLimit) => {
      const inner = new MemoryHost();
      inner.state.set("balance/bob", 77);
      const run = sandbox.run(tokenCode, method, args, inner, { ...limits, gasLimit }, prices);
      if (!run.ok) throw new Error(run.message);
      return { value: run.value, gasUsed: run.gasUsed };
    };
  };
  const observed = observe(sandbox, outer, "m", {}, setup);
  assert.deepEqual(observed.run, { ok: true, value: [{ kept: [1, 2, 3] }, 77], gasUsed: observed.run.gasUsed });
  assert.ok(observed.run.gasUsed > 2 * prices.hostCall, "the outer host call and the inner call's own gas");
});

test("error: a host failure that is not a contract outcome is thrown from run, not recorded as a result", () => {
  const host = new MemoryHost();
  host.get = () => {
    throw new Error("disk read failed");
  };
  assert.throws(() => sandbox.run(methodCode("try { ctx.state.get('k'); } catch (error) {} return 1;"), "m", {}, host, limits, prices), /disk read failed/);
  assert.deepEqual(sandbox.run(tokenCode, "balanceOf", { owner: "bob" }, new MemoryHost(), limits, prices).ok, true, "the sandbox still runs calls afterwards");
});

test("error: describe refuses syntax errors, undeclared exports, top-level nondeterminism and oversized code", () => {
  const reasonOf = (code: string): string => {
    try {
      sandbox.describe(code, limits);
    } catch (error) {
      assert.ok(error instanceof ContractCodeError, String(error));
      return `${error.code}: ${error.message}`;
    }
    return "accepted";
  };
  assert.match(reasonOf("export const methods = {; "), /^CONTRACT_CODE_INVALID: .*SyntaxError/);
  assert.match(reasonOf("export const methods = { gone: { args: {} } };"), /^CONTRACT_CODE_INVALID: .*no function gone/);
  assert.match(reasonOf("export function m() {}"), /^CONTRACT_CODE_INVALID: .*must export `methods`/);
  assert.match(reasonOf("export const methods = { m: { args: 1 } }; export function m() {}"), /^CONTRACT_CODE_INVALID: .*args must be a JSON schema/);
  assert.match(reasonOf("export const methods = { m: { args: { minimum: 0.5 } } }; export function m() {}"), /^CONTRACT_CODE_INVALID: .*safe integers/);
  assert.match(reasonOf("const t = Date.now(); export const methods = {};"), /^CONTRACT_CODE_INVALID: .*not deterministic/);
  assert.match(reasonOf("while (true) {} export const methods = {};"), /^CONTRACT_CODE_INVALID: .*too much work/);
  assert.match(reasonOf("import x from 'fs'; export const methods = {};"), /^CONTRACT_CODE_INVALID/);
  assert.match(reasonOf("await 1; export const methods = {};"), /^CONTRACT_CODE_INVALID/);
  assert.match(reasonOf(`export const methods = {}; // ${"x".repeat(limits.codeBytesMax)}`), /^CONTRACT_CODE_TOO_LARGE/);
  assert.deepEqual(sandbox.describe(tokenCode, limits).methods.balanceOf?.readOnly, true);
  assert.deepEqual(Object.keys(sandbox.describe(tokenCode, limits).methods), ["init", "transfer", "balanceOf"]);
});

test("timing: µs per token transfer (printed, not asserted)", () => {
  const host = new MemoryHost();
  sandbox.run(tokenCode, "init", { supply: 1_000_000 }, host, limits, prices);
  const transfer = (): void => {
    const run = sandbox.run(tokenCode, "transfer", { to: "bob", amount: 1 }, host, limits, prices);
    assert.equal(run.ok, true);
  };
  for (let index = 0; index < 500; index++) transfer();
  const calls = 2000;
  const started = performance.now();
  for (let index = 0; index < calls; index++) transfer();
  const microseconds = ((performance.now() - started) * 1000) / calls;
  const gas = sandbox.run(tokenCode, "transfer", { to: "bob", amount: 1 }, host, limits, prices).gasUsed;
  console.log(`contract sandbox: ${microseconds.toFixed(1)} µs per token transfer (2 gets, 2 sets, 1 emit), ${gas} gas`);
});
