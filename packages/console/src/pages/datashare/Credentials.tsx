import type { Wallet } from "@kexin/sdk";
import { useState } from "react";
import type { StatusState } from "../../api.ts";
import { IssueCredential } from "./IssueCredential.tsx";
import { VerifyCredential } from "./VerifyCredential.tsx";

/** `/datashare/credentials`: issue an electronic certificate, and verify one a holder presents; the key opened to issue also changes a verified certificate's status. */
export function Credentials({ statusState }: { readonly statusState: StatusState }) {
  const [wallet, setWallet] = useState<Wallet | undefined>(undefined);
  return (
    <>
      <IssueCredential statusState={statusState} wallet={wallet} onWallet={setWallet} />
      <VerifyCredential statusState={statusState} wallet={wallet} />
    </>
  );
}
