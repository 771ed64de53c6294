import { type CryptoSuite, type SignedTx, addressOf, datashareError, decodeSignedTx, fromHex, txSigningBytesOfEncoded } from "@kexin/core";
import type { TSchema } from "@sinclair/typebox";
import { type TypeCheck, TypeCompiler } from "@sinclair/typebox/compiler";
import { signedRequestHexLengthMax } from "./limits.ts";

/** Each request schema compiled once: a batch request's payload holds up to a thousand items, and the compiled check is many times faster than walking the schema. */
const compiledSchemas = new WeakMap<TSchema, TypeCheck<TSchema>>();

function compiled(schema: TSchema): TypeCheck<TSchema> {
  let check = compiledSchemas.get(schema);
  if (check === undefined) compiledSchemas.set(schema, (check = TypeCompiler.Compile(schema)));
  return check;
}

/** The bytes of hex digits (either case), or undefined for anything else; one pass, where a pattern test and then decoding would take two over a batch request's tens of kilobytes. */
function bytesOfHex(hex: string): Uint8Array | undefined {
  try {
    return fromHex(hex);
  } catch {
    return undefined;
  }
}

/**
 * Reads a signed, never-submitted transaction body that authorises a request to this node: it must
 * be for this chain, of the expected module and type, carry a payload of the schema and verify
 * under its signer's key. Returns the signer's address and the payload; throws
 * DATASHARE_REQUEST_UNAUTHORISED saying which check failed.
 */
export function readSignedRequest<Payload>(
  suite: CryptoSuite,
  chainId: string,
  expected: { readonly module: string; readonly type: string },
  schema: TSchema,
  hex: unknown,
  hexLengthMax = signedRequestHexLengthMax,
): { readonly signer: string; readonly payload: Payload; readonly tx: SignedTx } {
  const refuse = (reason: string): never => {
    throw datashareError("DATASHARE_REQUEST_UNAUTHORISED", `request not authorised: ${reason}; send the hex of a signed ${expected.module}.${expected.type} body (the SDK does this)`);
  };
  const bytes = typeof hex === "string" && hex.length <= hexLengthMax && !hex.startsWith("0x") ? bytesOfHex(hex) : undefined;
  if (bytes === undefined) return refuse("it is not hex of a signed transaction body");
  let tx: SignedTx;
  try {
    tx = decodeSignedTx(bytes);
  } catch (error) {
    return refuse(`it does not decode: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (tx.chainId !== chainId) refuse(`it is for chain "${tx.chainId}", not "${chainId}"`);
  if (tx.module !== expected.module || tx.type !== expected.type) refuse(`it is a ${tx.module}.${tx.type}`);
  if (!compiled(schema).Check(tx.payload)) refuse("its payload does not have the request's fields");
  // The signed bytes cut from the canonical encoding received, not the payload encoded again: a batch request's payload is large.
  if (!suite.verify(tx.signer, txSigningBytesOfEncoded(tx, bytes), tx.signature)) refuse("its signature does not verify");
  return { signer: addressOf(suite, tx.signer), payload: tx.payload as Payload, tx };
}
