import { type CryptoSuite, type SignedTx, addressOf, datashareError, decodeSignedTx, fromHex, isHex, txSigningBytes } from "@kexin/core";
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
  if (typeof hex !== "string" || hex.length > hexLengthMax || !isHex(hex)) return refuse("it is not hex of a signed transaction body");
  let tx: SignedTx;
  try {
    tx = decodeSignedTx(fromHex(hex.toLowerCase()));
  } catch (error) {
    return refuse(`it does not decode: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (tx.chainId !== chainId) refuse(`it is for chain "${tx.chainId}", not "${chainId}"`);
  if (tx.module !== expected.module || tx.type !== expected.type) refuse(`it is a ${tx.module}.${tx.type}`);
  if (!compiled(schema).Check(tx.payload)) refuse("its payload does not have the request's fields");
  if (!suite.verify(tx.signer, txSigningBytes(tx), tx.signature)) refuse("its signature does not verify");
  return { signer: addressOf(suite, tx.signer), payload: tx.payload as Payload, tx };
}
