import { type CborValue, type CryptoSuite, type EncryptionKeyRecord, datashareError, encryptionKeyAlgorithmOf, encryptionKeyProblem, fromHex, registerEncryptionKeyPayloadSchema } from "@kexin/core";
import { type StateRead, defineTxType } from "../../execution/interface.ts";
import { requireRegistered } from "../identity/index.ts";
import { datashareKeys } from "./keys.ts";

export function readEncryptionKey(state: StateRead, address: string): EncryptionKeyRecord | undefined {
  return state.get(datashareKeys.encryptionKey(address)) as EncryptionKeyRecord | undefined;
}

/** A member's encryption key beside its signing key: released data keys are wrapped to it. */
export function createRegisterEncryptionKeyTxType(suite: CryptoSuite) {
  return defineTxType({
    description: "A registered account sets its encryption public key (X25519 on intl, SM2 on gm), replacing any earlier one.",
    schema: registerEncryptionKeyPayloadSchema,
    costUnits: 10,
    authorise: (context) => {
      requireRegistered(context);
    },
    execute: (context, payload) => {
      requireRegistered(context);
      const problem = encryptionKeyProblem(suite, fromHex(payload.publicKey));
      if (problem !== undefined) throw datashareError("DATASHARE_ENCRYPTION_KEY_INVALID", `not an encryption key of the ${suite.id} suite: ${problem}`);
      const record: EncryptionKeyRecord = { address: context.caller.address, algorithm: encryptionKeyAlgorithmOf(suite), publicKey: payload.publicKey, registeredAt: context.block.height };
      context.state.set(datashareKeys.encryptionKey(context.caller.address), record as unknown as CborValue);
      context.emit("encryption_key_registered", { address: context.caller.address, algorithm: record.algorithm });
    },
  });
}
