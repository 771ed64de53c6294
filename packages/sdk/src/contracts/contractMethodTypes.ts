import type { MethodsDeclaration } from "./authoring.ts";

/*
 * The types of a contract's methods, read from its own module (`typeof token` after `import type * as token from "./contract.ts"`):
 * the names from its `methods` export, each argument type from the first parameter of the function
 * of that name and each result type from what it returns. Nothing is written twice, so a change to
 * the contract changes the client's types.
 */

/** What `typeof` a contract's module gives: its `methods` declaration, beside one function per method. */
export type ContractModule = { readonly methods: MethodsDeclaration };

/** `init` and `migrate` run only when the contract is activated or upgraded; neither a transaction nor a query reaches them. */
type LifecycleMethod = "init" | "migrate";

type MethodFunction = (args: never, ...rest: never[]) => unknown;

/** Declared methods that have a function of that name in the module, but for the lifecycle's. */
type DeclaredMethod<Module extends ContractModule> = {
  [Name in Exclude<keyof Module["methods"] & keyof Module & string, LifecycleMethod>]: Module[Name] extends MethodFunction ? Name : never;
}[Exclude<keyof Module["methods"] & keyof Module & string, LifecycleMethod>];

type ReadOnlyOf<Declaration> = Declaration extends { readonly readOnly: infer ReadOnly } ? ReadOnly : undefined;

/**
 * "query" when the method is declared `readOnly: true`, "call" when not; "unknown" when the
 * declaration's `readOnly` was widened to boolean, which happens to a `methods` object declared
 * without `satisfies MethodsDeclaration` (or `as const`): its type no longer says which it is.
 */
type MethodKind<Declaration> = boolean extends ReadOnlyOf<Declaration> ? "unknown" : ReadOnlyOf<Declaration> extends true ? "query" : "call";

/** The message a method of unknown kind shows in place of a signature. */
export type UndecidedMethodKind = "readOnly is typed boolean here: declare `export const methods = { … } satisfies MethodsDeclaration` so each method's readOnly keeps its literal type";

/** The names of the contract's methods of one kind. */
export type ContractMethodName<Module extends ContractModule, Kind extends "call" | "query" | "unknown"> = {
  [Name in DeclaredMethod<Module>]: MethodKind<Module["methods"][Name]> extends Kind ? Name : never;
}[DeclaredMethod<Module>];

/** A method's argument type: the first parameter of its function. */
export type ContractMethodArgs<Module extends ContractModule, Name extends DeclaredMethod<Module>> = Module[Name] extends (args: infer Args, ...rest: never[]) => unknown ? Args : never;

/**
 * The JSON form in which the node answers a contract's value: bytes as hex and bigints as decimal
 * strings; a method that returns nothing answers null.
 */
export type ContractJsonValue<Value> = Value extends void | undefined
  ? null
  : Value extends Uint8Array | bigint
    ? string
    : Value extends readonly (infer Item)[]
      ? readonly ContractJsonValue<Item>[]
      : Value extends object
        ? { readonly [Key in keyof Value]: ContractJsonValue<Value[Key]> }
        : Value;

/** A method's result type: what its function returns (or resolves to), in its JSON form. */
export type ContractMethodResult<Module extends ContractModule, Name extends DeclaredMethod<Module>> = Module[Name] extends (...args: never[]) => infer Result ? ContractJsonValue<Awaited<Result>> : never;

/** The parameters of a typed method: its arguments may be left out when the method takes none or an empty object. */
export type ContractMethodParameters<Args, Options> = [Args] extends [undefined] ? [args?: Args, options?: Options] : Record<never, never> extends Args ? [args?: Args, options?: Options] : [args: Args, options?: Options];
