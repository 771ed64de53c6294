import { type Wallet, contracts, datashare } from "@kexin/sdk";
import { type FormEvent, useState } from "react";
import { type StatusState, client, useLoad } from "../../api.ts";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { useRouter } from "../../router.tsx";
import { titleIn } from "./Catalogue.tsx";
import { FormFooter, type FormRun, committedRun, refusalText } from "./Outcome.tsx";
import { sendAndCommit } from "./sendAndCommit.ts";
import { SigningKey } from "./SigningKey.tsx";

/** The catalogue the form chooses from: one page of the largest size a list query answers. */
const datasetsListed = 1_000;

/** Record ids as typed: separated by spaces, commas or new lines, each once, in the order typed. */
export function recordIdsOf(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((id) => id.length > 0))];
}

export function computePath(tx: string): string {
  return `/datashare/compute/${tx}`;
}

/**
 * `/datashare/compute`: a member of a granted organisation names an approved model's read-only
 * method, a dataset, its records and the purpose, and signs the compute request here; once
 * committed, the page follows the request to the owner node's result. Or follows a request by hash.
 */
export function ComputeRequest({ statusState }: { readonly statusState: StatusState }) {
  const { t, language } = useI18n();
  const { navigate } = useRouter();
  const datasets = useLoad("datashare-datasets-compute", (signal) => datashare.getDatasets(client, { start: 0, limit: datasetsListed, signal }));
  const models = useLoad("contracts-compute", (signal) => contracts.listContracts(client, { signal }));
  const [wallet, setWallet] = useState<Wallet | undefined>(undefined);
  const [datasetId, setDatasetId] = useState("");
  const [contract, setContract] = useState("");
  const [method, setMethod] = useState("");
  const [recordsText, setRecordsText] = useState("");
  const [purpose, setPurpose] = useState("");
  const [followed, setFollowed] = useState("");
  const [run, setRun] = useState<FormRun<"committing">>({ state: "idle" });
  const detail = useLoad(`contract-compute:${contract}`, (signal) => (contract === "" ? Promise.resolve(undefined) : contracts.getContract(client, { name: contract, signal })));
  const readOnlyMethods = detail.state === "loaded" && detail.value !== undefined ? Object.keys(detail.value.methods).filter((name) => detail.value?.methods[name]?.readOnly === true) : [];
  const records = recordIdsOf(recordsText);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!wallet) return;
    setRun({ state: "running", phase: "committing" });
    try {
      const outcome = committedRun<"committing">(await sendAndCommit(wallet, datashare.compute({ contract, method, dataset: datasetId, records, purpose: purpose.trim() })));
      setRun(outcome);
      if (outcome.state === "committed") navigate(computePath(outcome.committed.hash));
    } catch (error) {
      setRun({ state: "refused", message: refusalText(error) });
    }
  };

  return (
    <div className="panel" data-testid="compute-panel">
      <h2>{t.datashare.compute.title}</h2>
      <p className="muted">{t.datashare.compute.intro}</p>
      <SigningKey statusState={statusState} wallet={wallet} onWallet={setWallet} />
      <form onSubmit={(event) => void onSubmit(event)} data-testid="compute-form">
        <LoadStatus loadable={datasets} />
        <LoadStatus loadable={models} />
        <div className="form-grid">
          <label>
            {t.datashare.dataset}
            <select value={datasetId} onChange={(event) => setDatasetId(event.target.value)} data-testid="compute-dataset">
              <option value="">{t.datashare.grantForm.choose}</option>
              {datasets.state === "loaded" &&
                datasets.value.datasets.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {`${candidate.id} — ${titleIn(language, candidate.title)} (${candidate.owner})`}
                  </option>
                ))}
            </select>
          </label>
          <label>
            {t.datashare.compute.model}
            <select
              value={contract}
              onChange={(event) => {
                setContract(event.target.value);
                setMethod("");
              }}
              data-testid="compute-model"
            >
              <option value="">{t.datashare.grantForm.choose}</option>
              {models.state === "loaded" &&
                models.value
                  .filter((candidate) => candidate.status === "active")
                  .map((candidate) => (
                    <option key={candidate.name} value={candidate.name}>
                      {`${candidate.name} (v${candidate.version})`}
                    </option>
                  ))}
            </select>
          </label>
          <label>
            {t.datashare.compute.method}
            <select value={method} onChange={(event) => setMethod(event.target.value)} disabled={readOnlyMethods.length === 0} data-testid="compute-method">
              <option value="">{t.datashare.grantForm.choose}</option>
              {readOnlyMethods.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.datashare.compute.purpose}
            <input value={purpose} onChange={(event) => setPurpose(event.target.value)} maxLength={256} data-testid="compute-purpose" />
          </label>
        </div>
        {contract !== "" && detail.state === "loaded" && readOnlyMethods.length === 0 && <p className="muted">{t.datashare.compute.noMethods}</p>}
        <label>
          {t.datashare.compute.records}
          <textarea value={recordsText} onChange={(event) => setRecordsText(event.target.value)} rows={3} spellCheck={false} data-testid="compute-records" />
        </label>
        <FormFooter
          run={run}
          label={t.datashare.compute.submit}
          disabled={!wallet || datasetId === "" || method === "" || records.length === 0 || purpose.trim() === ""}
          phaseText={t.datashare.compute.running}
          needsKey={!wallet}
          testId="compute"
        />
      </form>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (/^[0-9a-f]{64}$/.test(followed.trim())) navigate(computePath(followed.trim()));
        }}
        data-testid="compute-follow-form"
      >
        <h3>{t.datashare.compute.followTitle}</h3>
        <div className="actions">
          <input value={followed} onChange={(event) => setFollowed(event.target.value)} placeholder={t.datashare.compute.followHint} aria-label={t.datashare.compute.followHint} spellCheck={false} data-testid="compute-follow-tx" />
          <button type="submit" disabled={!/^[0-9a-f]{64}$/.test(followed.trim())}>
            {t.datashare.compute.follow}
          </button>
        </div>
      </form>
    </div>
  );
}
