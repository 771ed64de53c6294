import { getSuite } from "@kexin/core";
import { type Wallet, contracts } from "@kexin/sdk";
import { type FormEvent, useState } from "react";
import { type StatusState, client, errorCode, errorMessage, useLoad } from "../../api.ts";
import { Hash } from "../../components/Hash.tsx";
import { Json } from "../../components/Json.tsx";
import { KeyPanel } from "../../components/KeyPanel.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { type CallOutcome, type CallPhase, callOnChain } from "./callOnChain.ts";
import { parseContractArgs } from "./contractArgs.ts";
import { type MethodChoice, MethodArgs, firstChoice, useArgsProblemText } from "./MethodArgs.tsx";

type Run = { readonly state: "idle" } | { readonly state: "running"; readonly phase: CallPhase } | { readonly state: "done"; readonly outcome: CallOutcome } | { readonly state: "refused"; readonly message: string };

/** Methods a transaction may call: those the contract's policy names. */
function callableMethods(contract: contracts.ContractDetailView): string[] {
  return Object.keys(contract.methods).filter((method) => contract.policy[method] !== undefined);
}

/**
 * Calls a method by transaction, signed here with the member's key as the Evidence page signs an
 * anchoring. The arguments are checked (JSON, integers only) before anything is signed.
 */
export function MethodCall({ contract, statusState, onCommitted }: { readonly contract: contracts.ContractDetailView; readonly statusState: StatusState; readonly onCommitted: () => void }) {
  const { t } = useI18n();
  const problemText = useArgsProblemText();
  const methods = callableMethods(contract);
  const [choice, setChoice] = useState<MethodChoice | undefined>(() => firstChoice(contract, methods));
  const [wallet, setWallet] = useState<Wallet | undefined>(undefined);
  const [gasText, setGasText] = useState<string | undefined>(undefined);
  const [run, setRun] = useState<Run>({ state: "idle" });
  const parameters = useLoad("contracts-parameters", (signal) => contracts.getParameters(client, { signal }));
  const suiteId = statusState.status?.suite;
  const gasMax = parameters.state === "loaded" ? parameters.value.callGasMax : undefined;
  const gasShown = gasText ?? (gasMax === undefined ? "" : String(gasMax));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!choice || !wallet || gasMax === undefined) return;
    const args = parseContractArgs(choice.argsText);
    if (!args.ok) return setRun({ state: "refused", message: problemText(args.problem) });
    const gasLimit = /^[1-9][0-9]*$/.test(gasShown) ? Number(gasShown) : Number.NaN;
    if (!(gasLimit <= gasMax)) return setRun({ state: "refused", message: t.contracts.gasInvalid(gasMax) });
    setRun({ state: "running", phase: "submitting" });
    try {
      const outcome = await callOnChain(wallet, { contract: contract.name, method: choice.method, args: args.value, gasLimit }, (phase) => setRun({ state: "running", phase }));
      setRun({ state: "done", outcome });
      onCommitted();
    } catch (error) {
      const code = errorCode(error);
      setRun({ state: "refused", message: code ? `${code}: ${errorMessage(error)}` : errorMessage(error) });
    }
  };

  if (choice === undefined) {
    return (
      <div className="panel">
        <h2>{t.contracts.callTitle}</h2>
        <p className="muted">{t.contracts.noCallable}</p>
      </div>
    );
  }
  return (
    // Not one form: the key panel holds forms of its own, and forms cannot nest.
    <div className="panel" data-testid="call-panel">
      <h2>{t.contracts.callTitle}</h2>
      <p className="muted">{t.contracts.callHint}</p>
      <h3>{t.contracts.keyTitle}</h3>
      {suiteId === undefined ? <p className="muted">{t.common.loading}</p> : <KeyPanel suite={getSuite(suiteId)} wallet={wallet} onWallet={setWallet} />}
      <form onSubmit={(event) => void onSubmit(event)} data-testid="call-form">
        <MethodArgs contract={contract} methods={methods} choice={choice} onChange={setChoice} testId="call" />
        <div className="form-grid">
          <label>
            {t.contracts.gasLimit}
            <input value={gasShown} inputMode="numeric" onChange={(event) => setGasText(event.target.value)} data-testid="call-gas" />
          </label>
        </div>
        <div className="actions form-actions">
          <button type="submit" disabled={!wallet || gasMax === undefined || run.state === "running"} data-testid="call-submit">
            {t.contracts.call}
          </button>
          {run.state === "running" && (
            <span className="muted" role="status" data-testid="call-phase">
              {t.contracts.phases[run.phase]}
            </span>
          )}
        </div>
        {!wallet && <p className="muted">{t.contracts.needKey}</p>}
      </form>
      {run.state === "refused" && (
        <div className="verdict bad" role="alert" data-testid="call-error">
          <strong>{t.contracts.refused}</strong>
          <p className="step-detail">{run.message}</p>
        </div>
      )}
      {run.state === "done" && <CallResult outcome={run.outcome} />}
    </div>
  );
}

function CallResult({ outcome }: { readonly outcome: CallOutcome }) {
  const { t } = useI18n();
  const { committed } = outcome;
  const ok = committed.result.status === "ok";
  return (
    <div data-testid="call-result" data-status={committed.result.status} data-code={committed.result.code}>
      <div className={`verdict ${ok ? "ok" : "bad"}`} role="status">
        <strong>{ok ? t.contracts.callOk(committed.height) : t.contracts.callFailed}</strong>
        {!ok && <p className="step-detail">{`${committed.result.code}: ${committed.result.message}`}</p>}
      </div>
      <dl className="facts hashes-whole">
        <dt>{t.contracts.transaction}</dt>
        <dd data-testid="call-tx">
          <Hash value={committed.hash} to={`/explorer/txs/${committed.hash}`} />
        </dd>
        {ok && (
          <>
            <dt>{t.contracts.answer}</dt>
            <dd>
              <Json value={outcome.value} testId="call-value" />
            </dd>
          </>
        )}
        {outcome.gasUsed !== undefined && (
          <>
            <dt>{t.contracts.gasUsed}</dt>
            <dd>{outcome.gasUsed}</dd>
          </>
        )}
      </dl>
    </div>
  );
}
