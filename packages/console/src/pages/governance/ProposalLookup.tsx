import { type FormEvent, useState } from "react";
import { useLoad } from "../../api.ts";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { useI18n } from "../../i18n/index.tsx";
import type { AdminKey } from "./adminKey.ts";
import { getValidatorProposal } from "./governanceReads.ts";
import { proposalIdPattern } from "./proposalForm.ts";
import { ValidatorProposals } from "./ValidatorProposals.tsx";

/** Finds a proposal by the id its proposer gave it. */
export function ProposalLookup({ organisations, adminKey, reloadKey, onChanged }: { readonly organisations: readonly string[]; readonly adminKey: AdminKey | undefined; readonly reloadKey: string; readonly onChanged: () => void }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState("");
  const [id, setId] = useState<string | undefined>(undefined);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setId(typed);
  };
  return (
    <div data-testid="proposal-lookup">
      <form onSubmit={onSubmit}>
      <h3>{t.governance.lookupTitle}</h3>
      <div className="form-grid">
        <label>
          {t.governance.proposalId}
          <input value={typed} onChange={(event) => setTyped(event.target.value.trim())} data-testid="lookup-id" />
        </label>
      </div>
      <div className="actions form-actions">
        <button type="submit" className="secondary" disabled={!proposalIdPattern.test(typed)} data-testid="lookup-submit">
          {t.governance.lookup}
        </button>
      </div>
      </form>
      {id !== undefined && <LookupResult id={id} organisations={organisations} adminKey={adminKey} reloadKey={reloadKey} onChanged={onChanged} />}
    </div>
  );
}

function LookupResult({ id, organisations, adminKey, reloadKey, onChanged }: { readonly id: string; readonly organisations: readonly string[]; readonly adminKey: AdminKey | undefined; readonly reloadKey: string; readonly onChanged: () => void }) {
  const { t } = useI18n();
  const loaded = useLoad(`lookup-${id}-${reloadKey}`, (signal) => getValidatorProposal(id, signal));
  if (loaded.state !== "loaded") return <LoadStatus loadable={loaded} />;
  if (loaded.value === undefined) return <p className="muted" data-testid="lookup-none">{t.governance.lookupNone(id)}</p>;
  return <ValidatorProposals proposals={[loaded.value]} organisations={organisations} adminKey={adminKey} onChanged={onChanged} />;
}
