import { type Wallet, datashare } from "@kexin/sdk";
import { useState } from "react";
import { client, useLoad } from "../../api.ts";
import { useI18n } from "../../i18n/index.tsx";
import { type FormRun, Outcome, committedRun, refusalText } from "./Outcome.tsx";
import { sendAndCommit } from "./sendAndCommit.ts";
import { issuesCredentialsOf, useMembership } from "./useMembership.ts";

type Action = "suspend" | "reinstate" | "revoke";

const calls = { suspend: datashare.suspendCredential, reinstate: datashare.reinstateCredential, revoke: datashare.revokeCredential } as const;

/**
 * A credential's status on chain, with the changes its issuer may sign here: suspend an active
 * one, reinstate a suspended one, revoke either. Shown only to a key that issues for the
 * credential's organisation; `onChanged` is told after each committed change.
 */
export function CredentialActions({ wallet, id, onChanged }: { readonly wallet: Wallet; readonly id: string; readonly onChanged: () => void }) {
  const { t } = useI18n();
  const words = t.datashare.credentials.manage;
  const membership = useMembership(wallet);
  const [version, setVersion] = useState(0);
  const [run, setRun] = useState<FormRun<Action>>({ state: "idle" });
  const record = useLoad(`datashare-credential-${id}-${version}`, (signal) => client.datashare.getCredential({ id, signal }));
  if (record.state !== "loaded" || !issuesCredentialsOf(membership, record.value.issuer)) return null;
  const { status } = record.value;
  const allowed: readonly Action[] = status === "active" ? ["suspend", "revoke"] : status === "suspended" ? ["reinstate", "revoke"] : [];

  const change = async (action: Action) => {
    setRun({ state: "running", phase: action });
    try {
      const committed = await sendAndCommit(wallet, calls[action]({ id }));
      setRun(committedRun(committed));
      setVersion((previous) => previous + 1);
      onChanged();
    } catch (error) {
      setRun({ state: "refused", message: refusalText(error) });
    }
  };
  return (
    <div data-testid="credential-actions" data-status={status}>
      <h3>{words.title}</h3>
      <p className="muted">{words.hint(record.value.issuer)}</p>
      <p>
        {`${words.onChain}: `}
        <strong className={status === "active" ? "ok" : "bad"} data-testid="credential-status">
          {words.statuses[status]}
        </strong>
      </p>
      <div className="actions">
        {allowed.map((action) => (
          <button key={action} type="button" className="secondary" disabled={run.state === "running"} onClick={() => void change(action)} data-testid={`credential-${action}`}>
            {words.actions[action]}
          </button>
        ))}
        {run.state === "running" && (
          <span className="muted" role="status">
            {words.running}
          </span>
        )}
      </div>
      <Outcome run={run} testId="credential-change" />
    </div>
  );
}
