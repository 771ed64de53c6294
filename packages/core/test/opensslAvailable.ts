import { execFileSync } from "node:child_process";

/** Whether the openssl CLI runs here; interop tests are skipped, with this reason, where it does not. */
export function opensslAvailable(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
