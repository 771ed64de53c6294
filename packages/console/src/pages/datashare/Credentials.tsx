import type { StatusState } from "../../api.ts";
import { IssueCredential } from "./IssueCredential.tsx";
import { VerifyCredential } from "./VerifyCredential.tsx";

/** `/datashare/credentials`: issue an electronic certificate, and verify one a holder presents. */
export function Credentials({ statusState }: { readonly statusState: StatusState }) {
  return (
    <>
      <IssueCredential statusState={statusState} />
      <VerifyCredential statusState={statusState} />
    </>
  );
}
