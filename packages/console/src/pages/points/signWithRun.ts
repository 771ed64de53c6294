import type { TxCall, Wallet } from "@kexin/sdk";
import { type FormRun, committedRun, refusalText } from "../datashare/Outcome.tsx";
import { sendAndCommit } from "../datashare/sendAndCommit.ts";

/** Signs `call` in the browser and reports each step to the form: running, then refused or committed (and `onCommitted`, so the page reads the chain again). */
export async function signWithRun(wallet: Wallet, call: TxCall, onRun: (run: FormRun<"signing">) => void, onCommitted: () => void): Promise<void> {
  onRun({ state: "running", phase: "signing" });
  try {
    onRun(committedRun(await sendAndCommit(wallet, call)));
    onCommitted();
  } catch (error) {
    onRun({ state: "refused", message: refusalText(error) });
  }
}
