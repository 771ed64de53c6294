import { DatashareError } from "@kexin/core";
import { type Wallet, datashare } from "@kexin/sdk";
import { type FormEvent, useState } from "react";
import { type StatusState, client, useLoad } from "../../api.ts";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { useRouter } from "../../router.tsx";
import { titleIn } from "./Catalogue.tsx";
import { FormFooter, type FormRun, committedRun, refusalText } from "./Outcome.tsx";
import { type RecordField, type RecordProblem, recordFields, recordFromFields, recordFromJson } from "./recordForm.ts";
import { sendAndCommit } from "./sendAndCommit.ts";
import { SigningKey } from "./SigningKey.tsx";
import { SubjectInput, useSubjectChoice } from "./SubjectInput.tsx";

type Phase = "sealing" | "committing";

/** The catalogue the form chooses from: one page of the largest size a list query answers. */
const datasetsListed = 1_000;

function useRecordProblemText(): (problem: RecordProblem) => string {
  const { t } = useI18n();
  return (problem) => {
    if (problem.kind === "json") return t.datashare.publish.json(problem.detail);
    if (problem.kind === "notObject") return t.datashare.publish.notObject;
    if (problem.kind === "float") return t.datashare.publish.notWholeField(problem.field, problem.text);
    if (problem.kind === "fraction") return t.datashare.publish.fraction(problem.text);
    return t.datashare.publish.notNumber(problem.field, problem.text);
  };
}

/**
 * `/datashare/publish`: a member of the dataset's owner fills a record, the SDK's shareRecord
 * checks it against the schema, seals it here under a fresh data key, uploads the ciphertext and
 * deposits the key wrapped to this node's key; then publish_record is signed here.
 */
export function PublishRecord({ statusState }: { readonly statusState: StatusState }) {
  const { t, language } = useI18n();
  const { search } = useRouter();
  const recordProblem = useRecordProblemText();
  const datasets = useLoad("datashare-datasets-publish", (signal) => datashare.getDatasets(client, { start: 0, limit: datasetsListed, signal }));
  const [datasetId, setDatasetId] = useState(() => new URLSearchParams(search).get("dataset") ?? "");
  const [wallet, setWallet] = useState<Wallet | undefined>(undefined);
  const [recordId, setRecordId] = useState("");
  const [asJson, setAsJson] = useState(false);
  const [values, setValues] = useState<{ readonly [name: string]: string }>({});
  const [jsonText, setJsonText] = useState("{}");
  const [run, setRun] = useState<FormRun<Phase>>({ state: "idle" });
  const suiteId = statusState.status?.suite;
  const subjectChoice = useSubjectChoice(suiteId, "idNumber");
  const dataset = datasets.state === "loaded" ? datasets.value.datasets.find((candidate) => candidate.id === datasetId) : undefined;
  const fields = dataset === undefined ? undefined : recordFields(dataset.recordSchema);
  const typingJson = asJson || fields === undefined;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!wallet || dataset === undefined) return;
    const record = typingJson ? recordFromJson(jsonText, dataset.recordSchema) : recordFromFields(fields, values);
    if (!record.ok) return setRun({ state: "refused", message: recordProblem(record.problem) });
    const subject = subjectChoice.subjectReference();
    if (subject === undefined) return setRun({ state: "refused", message: t.datashare.publish.noSubject });
    setRun({ state: "running", phase: "sealing" });
    try {
      // shareRecord checks the record against the schema before it signs or sends anything.
      const shared = await client.datashare.shareRecord({ wallet, dataset: dataset.id, id: recordId.trim(), record: record.value, subject });
      setRun({ state: "running", phase: "committing" });
      setRun(committedRun(await sendAndCommit(wallet, shared.call)));
    } catch (error) {
      if (error instanceof DatashareError && error.type.code === "DATASHARE_RECORD_INVALID") return setRun({ state: "refused", message: t.datashare.publish.schemaMismatch(error.message) });
      setRun({ state: "refused", message: refusalText(error) });
    }
  };

  return (
    <div className="panel" data-testid="publish-panel">
      <h2>{t.datashare.publish.title}</h2>
      <p className="muted">{t.datashare.publish.intro}</p>
      <SigningKey statusState={statusState} wallet={wallet} onWallet={setWallet} />
      <form onSubmit={(event) => void onSubmit(event)} data-testid="publish-form">
        <h3>{t.datashare.publish.recordTitle}</h3>
        <LoadStatus loadable={datasets} />
        <div className="form-grid">
          <label>
            {t.datashare.dataset}
            <select value={datasetId} onChange={(event) => setDatasetId(event.target.value)} data-testid="publish-dataset">
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
            {t.datashare.publish.recordId}
            <input value={recordId} onChange={(event) => setRecordId(event.target.value)} maxLength={96} spellCheck={false} data-testid="publish-id" />
          </label>
        </div>
        {dataset !== undefined && (
          <>
            <p className="muted">{t.datashare.publish.schemaHint(dataset.owner)}</p>
            {fields !== undefined && (
              <label className="checkbox">
                <input type="checkbox" checked={asJson} onChange={(event) => setAsJson(event.target.checked)} data-testid="publish-as-json" /> {t.datashare.publish.asJson}
              </label>
            )}
            {typingJson ? (
              <label>
                {t.datashare.publish.jsonLabel}
                <textarea value={jsonText} onChange={(event) => setJsonText(event.target.value)} rows={6} spellCheck={false} data-testid="publish-json" />
              </label>
            ) : (
              <RecordFields fields={fields} values={values} onChange={setValues} />
            )}
          </>
        )}
        <SubjectInput choice={subjectChoice} title={t.datashare.publish.subjectTitle} owner={dataset?.owner} optional={false} chainSuite={suiteId ?? ""} testId="publish" />
        <FormFooter
          run={run}
          label={t.datashare.publish.submit}
          disabled={!wallet || dataset === undefined || recordId.trim() === ""}
          phaseText={run.state === "running" ? t.datashare.publish.phases[run.phase] : undefined}
          needsKey={!wallet}
          testId="publish"
        />
      </form>
    </div>
  );
}

function RecordFields({ fields, values, onChange }: { readonly fields: readonly RecordField[]; readonly values: { readonly [name: string]: string }; readonly onChange: (values: { readonly [name: string]: string }) => void }) {
  const { t } = useI18n();
  return (
    <div className="form-grid" data-testid="publish-fields">
      {fields.map((field) =>
        field.type === "boolean" ? (
          <label key={field.name} className="checkbox">
            <input type="checkbox" checked={values[field.name] === "true"} onChange={(event) => onChange({ ...values, [field.name]: String(event.target.checked) })} data-field={field.name} /> {field.name}
          </label>
        ) : (
          <label key={field.name}>
            {`${field.name} (${t.datashare.publish.types[field.type]}${field.required ? `, ${t.datashare.publish.required}` : ""})`}
            <input value={values[field.name] ?? ""} inputMode={field.type === "string" ? "text" : "decimal"} onChange={(event) => onChange({ ...values, [field.name]: event.target.value })} data-field={field.name} />
          </label>
        ),
      )}
    </div>
  );
}
