/** The files `kexin contract new` writes: a small counter contract to start from, and how to build it. */
export function contractTemplate(name: string): { readonly [file: string]: string } {
  return {
    "contract.ts": `import type { Context, MethodsDeclaration } from "@kexin/sdk/contract";

/**
 * Every callable method, with the JSON Schema its argument object must satisfy. Values are integers, never floats.
 * \`satisfies MethodsDeclaration\` checks the declarations and keeps readOnly's literal type, which the SDK's contractClient reads.
 */
export const methods = {
  init: { args: { type: "object", properties: { start: { type: "integer", minimum: 0 } }, required: ["start"], additionalProperties: false } },
  increment: { args: { type: "object", properties: { by: { type: "integer", minimum: 1, maximum: 1000 } }, required: ["by"], additionalProperties: false } },
  value: { args: { type: "object", additionalProperties: false }, readOnly: true },
} satisfies MethodsDeclaration;

/** Runs once, in the block whose approval activates the contract. */
export function init(args: { start: number }, ctx: Context): void {
  ctx.state.set("count", args.start);
}

export function increment(args: { by: number }, ctx: Context): number {
  const count = (ctx.state.get("count") as number) + args.by;
  ctx.state.set("count", count);
  ctx.emit("incremented", { by: args.by, count, caller: ctx.caller.address });
  return count;
}

export function value(_args: Record<string, never>, ctx: Context): number {
  return ctx.state.get("count") as number;
}
`,
    "README.md": `# ${name}

A Kexin contract. Build it into one ES module and print its code hash with \`kexin contract build . --suite intl\` (use \`gm\` on a 国密 chain); propose it with \`kexin contract propose dist/contract.js --name ${name} --id ${name}-v1 --policy '{"increment":[]}' --init '{"start":0}' --key <admin key>\`.
`,
  };
}
