export { createWallet } from "./createWallet.ts";
export { type ExportKeyFileOptions, exportKeyFile } from "./exportKeyFile.ts";
export { importKeyFile } from "./importKeyFile.ts";
export type { SignedTransaction, Wallet } from "./wallet.ts";
export { walletFromPrivateKey } from "./walletFromPrivateKey.ts";
