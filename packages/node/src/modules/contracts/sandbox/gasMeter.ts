import type { ContractRun } from "./interface.ts";

/** Why a run ended early. The first reason recorded wins; the contract cannot clear it by catching. */
export interface RunStop {
  readonly code: string;
  readonly message: string;
}

/** Counts gas against one call's limit and remembers the first reason the call must end. */
export class GasMeter {
  gasUsed = 0;
  stop: RunStop | undefined;
  private readonly gasLimit: number;

  constructor(gasLimit: number) {
    this.gasLimit = gasLimit;
  }

  get remaining(): number {
    return this.gasLimit - this.gasUsed;
  }

  /** Adds amount; past the limit the call stops out of gas with gasUsed = gasLimit. Returns false once stopped. */
  charge(amount: number): boolean {
    if (this.stop !== undefined) return false;
    if (amount > this.remaining) {
      this.gasUsed = this.gasLimit;
      this.stopWith("CONTRACT_OUT_OF_GAS", `the call ran out of its ${this.gasLimit} gas`);
      return false;
    }
    this.gasUsed += amount;
    return true;
  }

  stopWith(code: string, message: string): void {
    this.stop ??= { code, message };
  }

  failure(stop: RunStop): ContractRun {
    return { ok: false, code: stop.code, message: stop.message, gasUsed: this.gasUsed };
  }
}
