import { type Wallet, identity } from "@kexin/sdk";
import { useEffect, useState } from "react";
import { client } from "../../api.ts";
import type { AdminKey } from "./adminKey.ts";

/** The opened key with the organisation it administers, once the node has said whether it is an active admin. */
export function useAdminKey(wallet: Wallet | undefined): AdminKey | undefined {
  const [adminKey, setAdminKey] = useState<AdminKey | undefined>(undefined);
  useEffect(() => {
    setAdminKey(undefined);
    if (wallet === undefined) return;
    const controller = new AbortController();
    // An unregistered key is a 404 here: it signs nothing on this page, like a member's.
    identity.getMember(client, { address: wallet.address, signal: controller.signal }).then(
      (member) => !controller.signal.aborted && setAdminKey({ wallet, org: member.kind === "admin" && member.active ? member.org : undefined }),
      () => !controller.signal.aborted && setAdminKey({ wallet, org: undefined }),
    );
    return () => controller.abort();
  }, [wallet]);
  return adminKey;
}
