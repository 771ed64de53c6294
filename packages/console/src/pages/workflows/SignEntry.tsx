import type { WorkflowOutcome } from "@kexin/core";
import type { Wallet } from "@kexin/sdk";
import { type FormEvent, useState } from "react";
import { client } from "../../api.ts";
import { useI18n } from "../../i18n/index.tsx";
import { FormFooter, type FormRun, committedRun, refusalText } from "../datashare/Outcome.tsx";
import { sendAndCommit } from "../datashare/sendAndCommit.ts";

type Props = { readonly application: string; readonly wallet: Wallet | undefined; readonly onSigned: () => void };

/** Runs one signed workflow call and reports its outcome; the inbox reloads once it is committed. */
function useSignedRun(wallet: Wallet | undefined, onSigned: () => void) {
  const [run, setRun] = useState<FormRun<"signing">>({ state: "idle" });
  const sign = async (event: FormEvent, makeCall: (wallet: Wallet) => Promise<Parameters<typeof sendAndCommit>[1]>) => {
    event.preventDefault();
    if (!wallet) return;
    setRun({ state: "running", phase: "signing" });
    try {
      const outcome = committedRun<"signing">(await sendAndCommit(wallet, await makeCall(wallet)));
      setRun(outcome);
      if (outcome.state === "committed") onSigned();
    } catch (error) {
      setRun({ state: "refused", message: refusalText(error) });
    }
  };
  return { run, sign };
}

/** The department's attestation of one step: eligible or not, and why, signed as a credential with the member's key. */
export function AttestForm({ application, step, wallet, onSigned }: Props & { readonly step: string }) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<WorkflowOutcome>("eligible");
  const [reason, setReason] = useState("");
  const [evidence, setEvidence] = useState("");
  const { run, sign } = useSignedRun(wallet, onSigned);
  const cited = evidence.split(/[\s,，]+/).filter((entry) => entry.length > 0);
  const submit = (event: FormEvent) => void sign(event, async (signer) => (await client.workflows.attest({ wallet: signer, application, step, outcome, reason: reason.trim(), evidence: cited })).call);
  return (
    <form onSubmit={submit} data-testid="attest-form">
      <fieldset>
        <legend>{t.workflows.outcome}</legend>
        {(["eligible", "not_eligible"] as const).map((value) => (
          <label key={value}>
            <input type="radio" name={`outcome-${application}-${step}`} value={value} checked={outcome === value} onChange={() => setOutcome(value)} data-testid={`attest-${value}`} />
            {t.workflows.outcomes[value]}
          </label>
        ))}
      </fieldset>
      <label>
        {t.workflows.reason}
        <input value={reason} onChange={(event) => setReason(event.target.value)} required data-testid="attest-reason" />
      </label>
      <label>
        {t.workflows.evidence}
        <input value={evidence} onChange={(event) => setEvidence(event.target.value)} data-testid="attest-evidence" />
      </label>
      <FormFooter run={run} label={t.workflows.attest} disabled={!wallet} phaseText={t.workflows.signing} needsKey={!wallet} testId="attest" />
    </form>
  );
}

/** The decision of an application whose rule is met, carrying every recorded attestation, signed with the decider's key. */
export function DecideForm({ application, wallet, onSigned }: Props) {
  const { t } = useI18n();
  const { run, sign } = useSignedRun(wallet, onSigned);
  const submit = (event: FormEvent) => void sign(event, async (signer) => (await client.workflows.decide({ wallet: signer, application })).call);
  return (
    <form onSubmit={submit} data-testid="decide-form">
      <FormFooter run={run} label={t.workflows.decide} disabled={!wallet} phaseText={t.workflows.signing} needsKey={!wallet} testId="decide" />
    </form>
  );
}
