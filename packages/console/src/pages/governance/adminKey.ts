import type { Wallet } from "@kexin/sdk";

/** The key opened on the page and the organisation it administers, when it is an active admin's. */
export interface AdminKey {
  readonly wallet: Wallet;
  readonly org: string | undefined;
}
