import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { ContractSandboxFault } from "./errors.ts";

/**
 * Where the pinned QuickJS build keeps its state in WebAssembly memory. Emscripten lays memory out
 * as [static data and bss][shadow stack][heap]: between calls the stack holds nothing live, so the
 * interpreter's whole state is the static region plus the heap below dlmalloc's top chunk.
 */
export interface WasmLayout {
  /** End of static data and bss (the shadow stack's lowest address). */
  readonly staticEndBytes: number;
  /** Initial value of the stack pointer: the shadow stack's top, where the heap begins. */
  readonly heapStartBytes: number;
  /** End of the last initialised data segment. */
  readonly dataEndBytes: number;
}

/** The shadow stack size the pinned build was linked with (emscripten STACK_SIZE=5MB). */
const shadowStackBytes = 5 * 1024 * 1024;

/** The pinned QuickJS build's WebAssembly binary. */
export function readQuickJsWasm(): Buffer<ArrayBuffer> {
  return readFileSync(createRequire(import.meta.url).resolve("@jitl/quickjs-wasmfile-release-sync/wasm"));
}

export function readWasmLayout(binary: Uint8Array): WasmLayout {
  let position = 8;
  // LEB128, as WebAssembly encodes integers; signed values are the 32-bit i32.const operands.
  const leb128 = (signed: boolean): number => {
    let result = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = binary[position++] as number;
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return signed && byte & 0x40 ? result - 2 ** shift : result;
  };
  const unsigned = (): number => leb128(false);
  const signed32 = (): number => leb128(true);
  let stackPointerInitial: number | undefined;
  let dataEndBytes = 0;
  while (position < binary.length) {
    const sectionId = binary[position++];
    const sectionBytes = unsigned();
    const sectionEnd = position + sectionBytes;
    if (sectionId === 6 && stackPointerInitial === undefined) {
      // Global 0 of an emscripten build is __stack_pointer: (i32, mutable, i32.const top).
      unsigned();
      position += 2;
      if (binary[position++] === 0x41) stackPointerInitial = signed32();
    } else if (sectionId === 11) {
      const segments = unsigned();
      for (let index = 0; index < segments; index++) {
        const flags = unsigned();
        if (flags !== 0 || binary[position++] !== 0x41) throw new ContractSandboxFault("unexpected data segment in the QuickJS build");
        const offset = signed32();
        position++;
        const length = unsigned();
        dataEndBytes = Math.max(dataEndBytes, offset + length);
        position += length;
      }
    }
    position = sectionEnd;
  }
  if (stackPointerInitial === undefined) throw new ContractSandboxFault("no stack pointer in the QuickJS build");
  const staticEndBytes = stackPointerInitial - shadowStackBytes;
  // bss follows the data segments and is small; anything else means the build is not the one pinned.
  if (!(staticEndBytes >= dataEndBytes && staticEndBytes - dataEndBytes < 64 * 1024)) {
    throw new ContractSandboxFault(`unexpected memory layout in the QuickJS build (data end ${dataEndBytes}, stack top ${stackPointerInitial})`);
  }
  return { staticEndBytes, heapStartBytes: stackPointerInitial, dataEndBytes };
}
