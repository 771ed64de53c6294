import { credentialIssuerRole } from "@kexin/core";
import type { AccountView, Wallet } from "@kexin/sdk";
import { useEffect, useState } from "react";
import { client } from "../../api.ts";

export type Membership = { readonly state: "none" } | { readonly state: "checking" } | { readonly state: "known"; readonly member: AccountView["member"] };

/** The loaded key's registration, read again whenever another key is opened. */
export function useMembership(wallet: Wallet | undefined): Membership {
  const [membership, setMembership] = useState<Membership>({ state: "none" });
  useEffect(() => {
    if (!wallet) return setMembership({ state: "none" });
    const controller = new AbortController();
    setMembership({ state: "checking" });
    client.getAccount({ address: wallet.address, signal: controller.signal }).then(
      (account) => !controller.signal.aborted && setMembership({ state: "known", member: account.member }),
      () => !controller.signal.aborted && setMembership({ state: "known", member: null }),
    );
    return () => controller.abort();
  }, [wallet]);
  return membership;
}

/** Whether the membership is an admin account of `organisation`: only those may grant and revoke its datasets. */
export function administers(membership: Membership, organisation: string): boolean {
  return membership.state === "known" && membership.member !== null && membership.member.kind === "admin" && membership.member.org === organisation;
}

/** Whether the membership may change the status of `organisation`'s credentials: its admin, or its member with the credential_issuer role (the chain's rule). */
export function issuesCredentialsOf(membership: Membership, organisation: string): boolean {
  if (membership.state !== "known" || membership.member === null || membership.member.org !== organisation) return false;
  return membership.member.kind === "admin" || membership.member.roles.includes(credentialIssuerRole);
}
