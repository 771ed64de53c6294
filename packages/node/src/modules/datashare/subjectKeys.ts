import { type CborValue, type CryptoSuite, type SubjectKeyRecord, bindSubjectKeyPayloadSchema, datashareError } from "@kexin/core";
import { type StateRead, defineTxType } from "../../execution/interface.ts";
import { requireRegistered } from "../identity/index.ts";
import { datashareKeys } from "./keys.ts";

export function readSubjectKey(state: StateRead, organisation: string, subject: string): SubjectKeyRecord | undefined {
  return state.get(datashareKeys.subjectKey(organisation, subject)) as SubjectKeyRecord | undefined;
}

/**
 * An account of the organisation that made a subject reference binds the citizen's signing key to
 * it, after checking the citizen's identity itself (only it holds the subject key that turns an ID
 * number into the reference). The binding is the organisation's own: it shows that citizen the
 * accesses to the organisation's records of the reference, nothing of another organisation's.
 */
export function createBindSubjectKeyTxType(suite: CryptoSuite) {
  return defineTxType({
    description: "An account of an organisation binds a citizen's signing key to a subject reference the organisation made, replacing an earlier binding; the citizen then reads the accesses to the organisation's records of that subject.",
    schema: bindSubjectKeyPayloadSchema,
    costUnits: 5,
    authorise: (context) => {
      requireRegistered(context);
    },
    execute: (context, payload) => {
      const account = requireRegistered(context);
      if (payload.publicKey.length !== 2 * suite.publicKeyBytes) {
        throw datashareError("DATASHARE_SUBJECT_KEY_INVALID", `a signing key of the ${suite.id} suite is ${suite.publicKeyBytes} bytes, not ${payload.publicKey.length / 2}`, { bytes: payload.publicKey.length / 2 });
      }
      const record: SubjectKeyRecord = { organisation: account.org, subject: payload.subject, publicKey: payload.publicKey, boundBy: context.caller.address, boundAt: context.block.height };
      context.state.set(datashareKeys.subjectKey(account.org, payload.subject), record as unknown as CborValue);
      context.emit("subject_key_bound", { organisation: account.org, subject: payload.subject });
    },
  });
}
