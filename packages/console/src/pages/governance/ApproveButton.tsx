import { useState } from "react";
import { useI18n } from "../../i18n/index.tsx";
import { ActionOutcome, type Outcome } from "./ActionOutcome.tsx";
import type { AdminKey } from "./adminKey.ts";
import { governanceModule } from "./governanceReads.ts";
import { type SignPhase, signAndCommit } from "./signAndCommit.ts";

/**
 * Signs `governance.approve` (or `governance.veto`) for one proposal with the admin's key, then asks
 * the page to reload. `approvals` lists the organisations that already did so.
 */
export function ApproveButton({
  id,
  adminKey,
  approvals,
  onApproved,
  action = "approve",
}: {
  readonly id: string;
  readonly adminKey: AdminKey | undefined;
  readonly approvals: readonly string[];
  readonly onApproved: () => void;
  readonly action?: "approve" | "veto";
}) {
  const { t } = useI18n();
  const [phase, setPhase] = useState<SignPhase | undefined>(undefined);
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  if (adminKey?.org === undefined) return <span className="muted">{t.governance.needAdminKey}</span>;
  if (approvals.includes(adminKey.org) && outcome === undefined) return <span className="muted">{action === "approve" ? t.governance.ownApproval : t.governance.ownVeto}</span>;
  const { wallet } = adminKey;
  const approve = async () => {
    setOutcome(undefined);
    try {
      const committed = await signAndCommit(wallet, { module: governanceModule, type: action, payload: { id } }, setPhase);
      setOutcome({ kind: "committed", height: committed.height });
      onApproved();
    } catch (error) {
      setOutcome({ kind: "failed", error });
    } finally {
      setPhase(undefined);
    }
  };
  return (
    <>
      <button type="button" className={action === "veto" ? "secondary" : undefined} disabled={phase !== undefined} onClick={() => void approve()} data-testid={`${action}-proposal`}>
        {phase === "signing" ? t.governance.signing : phase === "committing" ? t.governance.waitingForBlock : t.governance[action]}
      </button>
      <ActionOutcome outcome={outcome} testId={`${action}-outcome`} />
    </>
  );
}
