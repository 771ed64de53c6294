import { formatTable } from "../output.ts";

/** The development passphrase `kexin init --dev` and `kexin start --dev` protect keys with (the node's devPassphrase). */
export const devPassphrase = "kexin-dev";

export interface AccountRow {
  readonly name: string;
  readonly address: string;
  readonly keyFile: string;
  readonly org?: string;
  readonly roles?: readonly string[];
}

/** ORG and ROLES appear only when known: a home started earlier tells only names and addresses. */
export function accountsTable(accounts: readonly AccountRow[]): string {
  if (!accounts.some((account) => account.org !== undefined)) {
    return formatTable(["NAME", "ADDRESS", "KEY FILE"], accounts.map((account) => [account.name, account.address, account.keyFile]));
  }
  return formatTable(
    ["NAME", "ORG", "ROLES", "ADDRESS", "KEY FILE"],
    accounts.map((account) => [account.name, account.org ?? "", (account.roles ?? []).join(","), account.address, account.keyFile]),
  );
}
