import variant from "@jitl/quickjs-wasmfile-release-sync";
import {
  DefaultIntrinsics,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSRuntime,
  type QuickJSSyncVariant,
  newQuickJSWASMModuleFromVariant,
  newVariant,
} from "quickjs-emscripten-core";
import { ContractSandboxFault } from "./errors.ts";
import { preludeSource } from "./prelude.ts";
import { type WasmLayout, readQuickJsWasm, readWasmLayout } from "./wasmLayout.ts";

/** An argument of a host call: the interpreter's pointer to the value, valid only while the call lasts (read it with the engine's arg* methods). */
export type HostArg = number & { readonly __hostArg: unique symbol };

/** What the call running in an engine answers: the interpreter's periodic poll and the prelude's host calls. */
export interface EngineListener {
  /** Called by QuickJS every 10,000 polls (backward jumps and calls); true ends the run uncatchably. */
  onInterrupt(): boolean;
  /** `operation` is one of the prelude's hostOperations. Returns a value made in the engine's context (ownership passes to the interpreter), or undefined; a throw is thrown into the contract as an Error. */
  onHostCall(operation: number, args: readonly HostArg[]): QuickJSHandle | undefined;
}

/** The parts of quickjs-emscripten's context and FFI that the host-call path uses directly (pinned variant and version). */
interface ContextInternals {
  readonly ctx: { readonly value: number };
  readonly ffi: {
    QTS_ArgvGetJSValueConstPointer(argv: number, index: number): number;
    QTS_DupValuePointer(ctx: number, value: number): number;
    QTS_GetString(ctx: number, value: number): number;
    QTS_FreeCString(ctx: number, pointer: number): void;
    QTS_Typeof(ctx: number, value: number): number;
    QTS_GetFloat64(ctx: number, value: number): number;
    QTS_NewString(ctx: number, chars: number): number;
    QTS_NewFloat64(ctx: number, value: number): number;
    QTS_Call(ctx: number, func: number, thisValue: number, argc: number, argv: number): number;
    QTS_ResolveException(ctx: number, value: number): number;
    QTS_FreeValuePointer(ctx: number, value: number): void;
  };
  readonly memory: { heapValueHandle(pointer: number): QuickJSHandle };
  readonly cToHostCallbacks: { callFunction: (ctx: number, thisPointer: number, argc: number, argv: number, functionId: number) => number };
}

/** The bytes of the interpreter's state: static data and bss, and the heap up to dlmalloc's top chunk. */
export interface MemoryImage {
  readonly staticBytes: Uint8Array;
  readonly heapBytes: Uint8Array;
  /** dlmalloc's top pointer when the image was taken: the heap in use ends here. */
  readonly heapTopBytes: number;
}

export interface PreludeEntries {
  readonly invoke: QuickJSHandle;
  readonly collect: QuickJSHandle;
  readonly errorText: QuickJSHandle;
  readonly describe: QuickJSHandle;
}

/** An argument of callEntry: a value already in the context, or text or a number to make there. */
export type EntryArg = QuickJSHandle | string | number;

/** What callEntry answers: the entry's result as text, or the value it threw. */
export type EntryOutcome = { readonly text: string; readonly error?: undefined } | { readonly error: QuickJSHandle };

interface EmscriptenHeap {
  readonly HEAPU8: Uint8Array;
  lengthBytesUTF8(text: string): number;
  stringToUTF8(text: string, pointer: number, maxBytes: number): void;
  _malloc(sizeBytes: number): number;
  _free(pointer: number): void;
  UTF8ToString(pointer: number): string;
}

/**
 * Every engine's WebAssembly memory, allocated at its full size up front and never grown. Memory use
 * is checked at each interrupt poll and host call; between two checks a contract could allocate far
 * beyond its limit, and this is the hard bound on that. With a memory that never grows, an
 * allocation fails exactly when the heap's break would pass this size, which depends only on the
 * bytes the call started from: the same on every node (emscripten's growth heuristics, which depend
 * on how much the memory had grown before, never come into play). Untouched pages cost no RAM.
 */
export const wasmMemoryBytes = 64 * 1024 * 1024;
const wasmPageBytes = 64 * 1024;

/** The top chunk's header (prev_foot and head) lies just above the top pointer. */
const topChunkHeaderBytes = 16;

/**
 * One QuickJS WebAssembly instance with one runtime and one context, set up once (prelude, host
 * function, interrupt handler) and captured as a base memory image. Every call restores an image
 * byte for byte before it runs, so nothing a call does (globals, prototypes, pending jobs, heap
 * layout, GC thresholds, the interrupt counter) is visible to the next, and a restarted node starts
 * every call from exactly the same bytes as a node that has run for months.
 */
export class QuickJsEngine {
  listener: EngineListener | undefined;
  readonly runtime: QuickJSRuntime;
  readonly context: QuickJSContext;
  readonly entries: PreludeEntries;
  readonly baseImage: MemoryImage;
  private readonly heap: EmscriptenHeap;
  /** The memory never grows (see wasmMemoryBytes), so one view stays valid. */
  private readonly words: DataView;
  private readonly layout: WasmLayout;
  private readonly heapTopAddress: number;
  private readonly interruptCounterAddress: number;
  private readonly internals: ContextInternals;
  private readonly tagOffsetBytes: number;
  private readonly stringTag: number;
  /** The memory as a Buffer, to read one-byte strings as Latin-1 text in place. */
  private readonly bytes: Buffer;

  private constructor(heap: EmscriptenHeap, layout: WasmLayout, heapTopAddress: number, runtime: QuickJSRuntime) {
    this.heap = heap;
    this.words = new DataView(heap.HEAPU8.buffer);
    this.bytes = Buffer.from(heap.HEAPU8.buffer);
    this.layout = layout;
    this.heapTopAddress = heapTopAddress;
    this.runtime = runtime;
    runtime.setInterruptHandler(() => this.listener?.onInterrupt() ?? false);
    this.context = runtime.newContext({ intrinsics: { ...DefaultIntrinsics, Date: false } });
    // quickjs-emscripten caches the global object's handle on first use: create it now, inside the base image.
    void this.context.global;
    this.interruptCounterAddress = findInterruptCounterAddress(heap, this.context);
    this.internals = this.context as unknown as ContextInternals;
    ({ tagOffsetBytes: this.tagOffsetBytes, stringTag: this.stringTag } = findStringTag(this.words, this.context));
    checkStringLayout(this, this.context);
    checkNumberLayout(this, this.context);
    const host = this.context.newFunction("host", () => {
      throw new ContractSandboxFault("the host function was called past the engine's own dispatch");
    });
    this.internals.cToHostCallbacks.callFunction = (_ctx, _thisPointer, argc, argv) => this.hostCall(argc, argv);
    const factory = this.context.unwrapResult(this.context.evalCode(preludeSource, "prelude.js", { type: "global", strict: true }));
    const prelude = this.context.unwrapResult(this.context.callFunction(factory, this.context.undefined, host));
    this.entries = {
      invoke: this.context.getProp(prelude, "invoke"),
      collect: this.context.getProp(prelude, "collect"),
      errorText: this.context.getProp(prelude, "errorText"),
      describe: this.context.getProp(prelude, "describe"),
    };
    this.baseImage = this.capture();
  }

  static async load(layout: WasmLayout, wasmModule: WebAssembly.Module): Promise<QuickJsEngine> {
    const memory = new WebAssembly.Memory({ initial: wasmMemoryBytes / wasmPageBytes, maximum: wasmMemoryBytes / wasmPageBytes });
    const module = await newQuickJSWASMModuleFromVariant(newVariant(variant as unknown as QuickJSSyncVariant, { wasmMemory: memory, wasmModule }));
    const heap = (module as unknown as { module: EmscriptenHeap }).module;
    const heapTopAddress = findHeapTopAddress(heap, layout);
    return new QuickJsEngine(heap, layout, heapTopAddress, module.newRuntime());
  }

  /**
   * The interpreter's calls of the prelude's one host function (every function made by
   * context.newFunction lands here). quickjs-emscripten's own dispatch wraps every call in a
   * disposal scope run as a generator, with a handle object per argument; doing it directly does
   * the same work on the interpreter's side (the same values returned, the same errors thrown) at
   * a fraction of the cost.
   */
  private hostCall(argc: number, argv: number): number {
    const { ffi, ctx } = this.internals;
    try {
      const listener = this.listener;
      if (listener === undefined) throw new ContractSandboxFault("a contract reached the host with no call running");
      // argv is an array of JSValues: the address of each is computed here rather than asked of the interpreter (checked when the engine loads).
      const args: HostArg[] = [];
      for (let index = 1; index < argc; index++) args.push((argv + index * jsValueBytes) as HostArg);
      const operation = argc === 0 ? Number.NaN : this.argNumber(argv as HostArg);
      const result = listener.onHostCall(operation, args);
      if (result === undefined) return 0;
      const pointer = ffi.QTS_DupValuePointer(ctx.value, result.value as unknown as number);
      result.dispose();
      return pointer;
    } catch (error) {
      return this.context.throw(error as Error) as unknown as number;
    }
  }

  /**
   * Calls a prelude entry whose result is a string. It makes the same allocations in the same order
   * as context.newString, newNumber and callFunction followed by getString (so the heap a call
   * leaves is the same), without their handle and lifetime objects. The argument values and the
   * result are left to the next image restore, as every value a call makes is.
   */
  callEntry(entry: QuickJSHandle, args: readonly EntryArg[]): EntryOutcome {
    const { ffi, ctx } = this.internals;
    const heap = this.heap;
    const pointers = new Int32Array(args.length);
    for (let index = 0; index < args.length; index++) {
      const arg = args[index] as EntryArg;
      if (typeof arg === "string") {
        // ASCII text (the usual case) is copied natively; anything else as emscripten always wrote it.
        const ascii = Buffer.byteLength(arg, "utf8") === arg.length;
        const charsBytes = (ascii ? arg.length : heap.lengthBytesUTF8(arg)) + 1;
        const chars = heap._malloc(charsBytes);
        if (ascii) {
          this.bytes.write(arg, chars, arg.length, "latin1");
          this.bytes[chars + arg.length] = 0;
        } else {
          heap.stringToUTF8(arg, chars, charsBytes);
        }
        pointers[index] = ffi.QTS_NewString(ctx.value, chars);
        heap._free(chars);
      } else if (typeof arg === "number") {
        pointers[index] = ffi.QTS_NewFloat64(ctx.value, arg);
      } else {
        pointers[index] = arg.value as unknown as number;
      }
    }
    const argv = heap._malloc(pointers.byteLength);
    heap.HEAPU8.set(new Uint8Array(pointers.buffer), argv);
    const result = ffi.QTS_Call(ctx.value, entry.value as unknown as number, (this.context.undefined.value as unknown as number), args.length, argv);
    heap._free(argv);
    const error = ffi.QTS_ResolveException(ctx.value, result);
    if (error !== 0) {
      ffi.QTS_FreeValuePointer(ctx.value, result);
      return { error: this.internals.memory.heapValueHandle(error) };
    }
    const inPlace = this.inPlaceString(result as HostArg);
    // Promise jobs run after a "p": the conversion is made for them as before, so they start from the same heap.
    if (inPlace === undefined || inPlace === "p" || inPlace.includes("\0")) return { text: this.convertedString(result as HostArg) };
    return { text: inPlace };
  }

  /**
   * The string an argument holds (converted as String() would for other values). A string of
   * one-byte characters is read where QuickJS keeps it (its length beside the header, then its
   * Latin-1 characters; the layout is checked when the engine loads), without the interpreter
   * making and freeing a UTF-8 copy; any other value goes through QuickJS's own conversion.
   */
  argString(arg: HostArg): string {
    const text = this.inPlaceString(arg);
    // QuickJS's conversion ends a string at its first U+0000; what crosses stays as it always was.
    return text !== undefined && !text.includes("\0") ? text : this.convertedString(arg);
  }

  /** A string of one-byte characters read where it lies; undefined for wide strings and other values. */
  private inPlaceString(arg: HostArg): string | undefined {
    if (!this.argIsString(arg)) return undefined;
    const string = this.words.getUint32(arg, true);
    const lengthAndWidth = this.words.getUint32(string + stringLengthOffsetBytes, true);
    if (lengthAndWidth >>> 31 !== 0) return undefined;
    const chars = string + stringCharsOffsetBytes;
    return this.bytes.toString("latin1", chars, chars + lengthAndWidth);
  }

  private convertedString(arg: HostArg): string {
    const { ffi, ctx } = this.internals;
    const pointer = ffi.QTS_GetString(ctx.value, arg);
    const text = this.heap.UTF8ToString(pointer);
    ffi.QTS_FreeCString(ctx.value, pointer);
    return text;
  }

  /** argString's two ways, for checking the layout it reads against QuickJS's own conversion. */
  stringReadings(arg: HostArg): { readonly inPlace: string | undefined; readonly converted: string } {
    return { inPlace: this.inPlaceString(arg), converted: this.convertedString(arg) };
  }

  /** Whether an argument is a string: its value's tag, read where every build of the pinned variant keeps it (checked when the engine loads). */
  argIsString(arg: HostArg): boolean {
    return this.words.getInt32(arg + this.tagOffsetBytes, true) === this.stringTag;
  }

  argTypeof(arg: HostArg): string {
    const pointer = this.internals.ffi.QTS_Typeof(this.internals.ctx.value, arg);
    const text = this.heap.UTF8ToString(pointer);
    this.heap._free(pointer);
    return text;
  }

  /** The number an argument holds (converted as Number() would for other values); an int32 value is read where it lies. */
  argNumber(arg: HostArg): number {
    if (this.argIsInt32(arg)) return this.words.getInt32(arg, true);
    return this.internals.ffi.QTS_GetFloat64(this.internals.ctx.value, arg);
  }

  /** Whether an argument is a number held as an int32 (QuickJS's int tag; other numbers are float64s). */
  argIsInt32(arg: HostArg): boolean {
    return this.words.getInt32(arg + this.tagOffsetBytes, true) === intTag;
  }

  heapTopBytes(): number {
    return this.words.getUint32(this.heapTopAddress, true);
  }

  /**
   * The context's interrupt counter: QuickJS decrements it at every poll (backward jump or call) and
   * calls the interrupt handler when it reaches zero, resetting it first. Reading it gives exact
   * poll counts between two interrupts.
   */
  interruptCounter(): number {
    return this.words.getInt32(this.interruptCounterAddress, true);
  }

  capture(): MemoryImage {
    const memory = this.heap.HEAPU8;
    const heapTopBytes = this.heapTopBytes();
    return {
      staticBytes: memory.slice(0, this.layout.staticEndBytes),
      heapBytes: memory.slice(this.layout.heapStartBytes, heapTopBytes + topChunkHeaderBytes),
      heapTopBytes,
    };
  }

  restore(image: MemoryImage): void {
    const memory = this.heap.HEAPU8;
    memory.set(image.staticBytes, 0);
    memory.set(image.heapBytes, this.layout.heapStartBytes);
  }
}

/**
 * Finds the static word holding dlmalloc's top pointer: the only word that moves to exactly the end
 * of a fresh allocation taken from the top chunk and moves back when it is freed.
 */
function findHeapTopAddress(heap: EmscriptenHeap, layout: WasmLayout): number {
  const words = (): Uint32Array => new Uint32Array(heap.HEAPU8.buffer, 0, layout.staticEndBytes >> 2).slice();
  const before = words();
  const sizeBytes = 1 << 20;
  const pointer = heap._malloc(sizeBytes);
  const during = words();
  heap._free(pointer);
  const after = words();
  const candidates: number[] = [];
  for (let index = 0; index < before.length; index++) {
    if (during[index] === pointer + sizeBytes && before[index] !== during[index] && after[index] === before[index]) candidates.push(index * 4);
  }
  if (candidates.length !== 1 || pointer < layout.heapStartBytes) {
    throw new ContractSandboxFault(`cannot locate the heap's top in the QuickJS build (${candidates.length} candidates)`);
  }
  return candidates[0] as number;
}

/**
 * Finds the context's interrupt counter: the only word in its JSContext that drops by the number of
 * polls a loop makes (two per iteration here: the loop's backward jump and its condition), twice.
 */
function findInterruptCounterAddress(heap: EmscriptenHeap, context: QuickJSContext): number {
  const contextAddress = (context as unknown as { ctx: { value: number } }).ctx.value;
  const contextWords = 128;
  const words = (): Int32Array => new Int32Array(heap.HEAPU8.buffer, contextAddress, contextWords).slice();
  const loop = (iterations: number): Int32Array => {
    context.unwrapResult(context.evalCode(`for (let i = 0; i < ${iterations}; i++) {}`)).dispose();
    return words();
  };
  // A fresh context's counter starts at zero, so its first poll interrupts and resets it.
  const start = loop(10);
  const afterShort = loop(100);
  const afterLong = loop(1000);
  const candidates: number[] = [];
  for (let index = 0; index < contextWords; index++) {
    const short = (start[index] as number) - (afterShort[index] as number);
    const long = (afterShort[index] as number) - (afterLong[index] as number);
    if (short >= 100 && short <= 400 && long >= 1000 && long <= 4000 && (afterLong[index] as number) > 0) candidates.push(contextAddress + index * 4);
  }
  if (candidates.length !== 1) throw new ContractSandboxFault(`cannot locate the interrupt counter in the QuickJS build (${candidates.length} candidates)`);
  return candidates[0] as number;
}

/**
 * Where a value's tag lies in a JSValue and which tag marks a string. The pinned build is 32-bit
 * WebAssembly, where QuickJS NaN-boxes a JSValue into 8 bytes with its tag in the upper 4; this
 * checks that against values of known types rather than trusting it.
 */
function findStringTag(words: DataView, context: QuickJSContext): { tagOffsetBytes: number; stringTag: number } {
  const tagOffsetBytes = 4;
  const tagOf = (handle: QuickJSHandle): number => {
    const tag = words.getInt32((handle.value as unknown as number) + tagOffsetBytes, true);
    handle.dispose();
    return tag;
  };
  const stringTag = tagOf(context.newString("a string"));
  const others = [context.newString(""), context.newNumber(1), context.newNumber(2 ** 40), context.newNumber(-0.5), context.newObject(), context.newArray(), context.undefined.dup(), context.null.dup(), context.true.dup()];
  const [emptyString, ...nonStrings] = others.map(tagOf);
  if (emptyString !== stringTag || nonStrings.some((tag) => tag === stringTag)) throw new ContractSandboxFault("cannot locate a value's type tag in the QuickJS build");
  return { tagOffsetBytes, stringTag };
}

/**
 * A JSString in the pinned 32-bit build: a reference count, then a word holding the length (31
 * bits) and, in its top bit, whether the characters are two bytes wide, then two words of hash and
 * atom links, then the characters.
 */
const stringLengthOffsetBytes = 4;
const stringCharsOffsetBytes = 16;

/** Checks argString's in-place reading against QuickJS's own conversion, for one-byte and wide strings. */
function checkStringLayout(engine: QuickJsEngine, context: QuickJSContext): void {
  const samples = ["", "a", "balance/0123456789abcdef0123456789abcdef01234567", "caf\u00e9 \u00ff", "wide \u20ac", "\ud83d\ude00"];
  for (const sample of samples) {
    const handle = context.newString(sample);
    const { inPlace, converted } = engine.stringReadings(handle.value as unknown as HostArg);
    handle.dispose();
    const oneByte = [...sample].every((char) => char.charCodeAt(0) <= 0xff);
    if (converted !== sample || inPlace !== (oneByte ? sample : undefined)) throw new ContractSandboxFault("cannot locate a string's characters in the QuickJS build");
  }
}

/** A JSValue in the pinned 32-bit build: NaN-boxed into 8 bytes, an int32 in the lower 4 with the int tag (0) in the upper. */
const jsValueBytes = 8;
const intTag = 0;

/**
 * Checks what hostCall and argNumber read in place: argv's element size against the interpreter's
 * own argv indexing, and int32 values (and that other numbers are not taken for them) against
 * QuickJS's own conversion.
 */
function checkNumberLayout(engine: QuickJsEngine, context: QuickJSContext): void {
  const { ffi, ctx } = context as unknown as ContextInternals;
  const argvBase = 1 << 16;
  if (ffi.QTS_ArgvGetJSValueConstPointer(argvBase, 3) !== argvBase + 3 * jsValueBytes) throw new ContractSandboxFault("cannot locate a call's arguments in the QuickJS build");
  // QuickJS makes a number that fits an int32 an int (its tag 0), and any other a float64.
  const ints = [0, 1, -1, 7, 999_999_999, 2 ** 31 - 1, -(2 ** 31)];
  const floats = [0.5, -0, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 - 1, Number.NaN];
  for (const sample of [...ints, ...floats]) {
    const handle = context.newNumber(sample);
    const arg = handle.value as unknown as HostArg;
    const int32 = engine.argIsInt32(arg);
    const read = engine.argNumber(arg);
    const converted = ffi.QTS_GetFloat64(ctx.value, arg);
    handle.dispose();
    if (int32 !== ints.some((int) => Object.is(int, sample)) || !Object.is(read, sample) || !Object.is(converted, sample)) throw new ContractSandboxFault("cannot locate a number's value in the QuickJS build");
  }
}

export async function loadQuickJsEngines(count: number): Promise<QuickJsEngine[]> {
  const binary = readQuickJsWasm();
  const layout = readWasmLayout(binary);
  // Compiled once: the engines share the machine code and each keeps only its own memory.
  const wasmModule = await WebAssembly.compile(binary);
  return Promise.all(Array.from({ length: count }, () => QuickJsEngine.load(layout, wasmModule)));
}
