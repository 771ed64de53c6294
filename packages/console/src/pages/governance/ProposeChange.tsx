import { type FormEvent, useState } from "react";
import { useI18n } from "../../i18n/index.tsx";
import { ActionOutcome, type Outcome } from "./ActionOutcome.tsx";
import type { AdminKey } from "./adminKey.ts";
import { governanceModule } from "./governanceReads.ts";
import { parseChanges, proposalIdPattern } from "./proposalForm.ts";
import { type SignPhase, signAndCommit } from "./signAndCommit.ts";

/** The admin's form for `governance.propose_validators`, checked here before anything is signed. */
export function ProposeChange({ adminKey, onProposed }: { readonly adminKey: AdminKey; readonly onProposed: () => void }) {
  const { t } = useI18n();
  const [id, setId] = useState("");
  const [description, setDescription] = useState("");
  const [changesText, setChangesText] = useState("");
  const [phase, setPhase] = useState<SignPhase | undefined>(undefined);
  const [outcome, setOutcome] = useState<Outcome | undefined>(undefined);
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!proposalIdPattern.test(id)) return setOutcome({ kind: "invalid", message: t.governance.badId });
    const parsed = parseChanges(changesText);
    if (parsed.kind === "empty") return setOutcome({ kind: "invalid", message: t.governance.noChanges });
    if (parsed.kind === "bad-line") return setOutcome({ kind: "invalid", message: t.governance.badLine(parsed.line, t.governance[parsed.reason]) });
    setOutcome(undefined);
    try {
      const payload = { id, description, changes: parsed.changes.map((change) => ({ ...change })) };
      const committed = await signAndCommit(adminKey.wallet, { module: governanceModule, type: "propose_validators", payload }, setPhase);
      setOutcome({ kind: "committed", height: committed.height });
      onProposed();
    } catch (error) {
      setOutcome({ kind: "failed", error });
    } finally {
      setPhase(undefined);
    }
  };
  return (
    <form onSubmit={(event) => void onSubmit(event)} data-testid="propose-form">
      <h3>{t.governance.proposeTitle}</h3>
      <p className="muted">{t.governance.proposeHint}</p>
      <div className="form-grid">
        <label>
          {t.governance.proposalId}
          <input value={id} onChange={(event) => setId(event.target.value.trim())} placeholder={t.governance.proposeIdHint} data-testid="propose-id" />
        </label>
        <label>
          {t.governance.description}
          <input value={description} maxLength={1_000} onChange={(event) => setDescription(event.target.value)} data-testid="propose-description" />
        </label>
      </div>
      <label>
        {t.governance.changesInput}
        <textarea rows={3} value={changesText} onChange={(event) => setChangesText(event.target.value)} spellCheck={false} data-testid="propose-changes" />
      </label>
      <div className="actions form-actions">
        <button type="submit" disabled={phase !== undefined} data-testid="propose-submit">
          {phase === "signing" ? t.governance.signing : phase === "committing" ? t.governance.waitingForBlock : t.governance.propose}
        </button>
      </div>
      <ActionOutcome outcome={outcome} testId="propose-outcome" />
    </form>
  );
}
