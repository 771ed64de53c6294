import { type DatasetRecord, DatashareError, datashareSubjectReference, getSuite } from "@kexin/core";
import { type Wallet, datashare } from "@kexin/sdk";
import { type FormEvent, useState } from "react";
import { type StatusState, client, useLoad } from "../../api.ts";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { useRouter } from "../../router.tsx";
import { titleIn } from "./Catalogue.tsx";
import { type SubjectKeyFileResult, readSubjectKeyFile } from "./keyTextFiles.ts";
import { FormFooter, type FormRun, committedRun, refusalText } from "./Outcome.tsx";
import { type RecordField, type RecordProblem, recordFields, recordFromFields, recordFromJson } from "./recordForm.ts";
import { sendAndCommit } from "./sendAndCommit.ts";
import { SigningKey } from "./SigningKey.tsx";

type Phase = "sealing" | "committing";
type SubjectSource = "idNumber" | "reference";

/** The catalogue the form chooses from: one page of the largest size a list query answers. */
const datasetsListed = 1_000;
const subjectReferencePattern = /^[0-9a-f]{64}$/;

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
  const [subjectSource, setSubjectSource] = useState<SubjectSource>("idNumber");
  const [subjectKey, setSubjectKey] = useState<SubjectKeyFileResult | undefined>(undefined);
  const [idNumber, setIdNumber] = useState("");
  const [reference, setReference] = useState("");
  const [run, setRun] = useState<FormRun<Phase>>({ state: "idle" });
  const suiteId = statusState.status?.suite;
  const dataset = datasets.state === "loaded" ? datasets.value.datasets.find((candidate) => candidate.id === datasetId) : undefined;
  const fields = dataset === undefined ? undefined : recordFields(dataset.recordSchema);
  const typingJson = asJson || fields === undefined;

  const subjectReference = (): string | undefined => {
    if (subjectSource === "reference") return subjectReferencePattern.test(reference.trim().toLowerCase()) ? reference.trim().toLowerCase() : undefined;
    if (subjectKey?.ok !== true || suiteId === undefined || idNumber.trim() === "") return undefined;
    return datashareSubjectReference(getSuite(suiteId), subjectKey.subjectKey, idNumber);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!wallet || dataset === undefined) return;
    const record = typingJson ? recordFromJson(jsonText, dataset.recordSchema) : recordFromFields(fields, values);
    if (!record.ok) return setRun({ state: "refused", message: recordProblem(record.problem) });
    const subject = subjectReference();
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
        <SubjectInput
          dataset={dataset}
          source={subjectSource}
          onSource={setSubjectSource}
          subjectKey={subjectKey}
          onSubjectKeyFile={(file) => suiteId && void readSubjectKeyFile(file, getSuite(suiteId)).then(setSubjectKey)}
          idNumber={idNumber}
          onIdNumber={setIdNumber}
          reference={reference}
          onReference={setReference}
          chainSuite={suiteId ?? ""}
        />
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

/** The record's subject: an ID number made into a reference here with the organisation's subject key, or a reference already made. */
function SubjectInput(props: {
  readonly dataset: DatasetRecord | undefined;
  readonly source: SubjectSource;
  readonly onSource: (source: SubjectSource) => void;
  readonly subjectKey: SubjectKeyFileResult | undefined;
  readonly onSubjectKeyFile: (file: File) => void;
  readonly idNumber: string;
  readonly onIdNumber: (value: string) => void;
  readonly reference: string;
  readonly onReference: (value: string) => void;
  readonly chainSuite: string;
}) {
  const { t } = useI18n();
  const { subjectKey } = props;
  return (
    <>
      <h3>{t.datashare.publish.subjectTitle}</h3>
      <p className="muted">{t.datashare.publish.subjectHint(props.dataset?.owner ?? "…")}</p>
      <div className="form-grid">
        <label>
          {t.datashare.publish.subjectSource}
          <select value={props.source} onChange={(event) => props.onSource(event.target.value as SubjectSource)} data-testid="publish-subject-source">
            <option value="idNumber">{t.datashare.publish.sources.idNumber}</option>
            <option value="reference">{t.datashare.publish.sources.reference}</option>
          </select>
        </label>
        {props.source === "reference" ? (
          <label>
            {t.datashare.auditSubject}
            <input value={props.reference} onChange={(event) => props.onReference(event.target.value)} spellCheck={false} data-testid="publish-reference" />
          </label>
        ) : (
          <>
            <div className="key-file">
              <span className="muted">{t.datashare.publish.subjectKeyFile}</span>
              <label className="button secondary">
                {t.datashare.publish.chooseSubjectKey}
                <input type="file" className="visually-hidden" data-testid="subject-key-file" onChange={(event) => event.target.files?.[0] && props.onSubjectKeyFile(event.target.files[0])} />
              </label>
              {subjectKey?.ok === true && (
                <span className="ok" data-testid="subject-key-loaded">
                  {t.datashare.publish.subjectKeyLoaded}
                </span>
              )}
              {subjectKey?.ok === false && (
                <span className="notice" role="alert" data-testid="subject-key-error">
                  {subjectKey.problem.kind === "suite" ? t.datashare.publish.subjectKeySuite(subjectKey.problem.keySuite, props.chainSuite) : t.datashare.publish.subjectKeyBad(subjectKey.problem.detail)}
                </span>
              )}
            </div>
            <label>
              {t.datashare.publish.idNumber}
              <input value={props.idNumber} onChange={(event) => props.onIdNumber(event.target.value)} autoComplete="off" spellCheck={false} data-testid="publish-id-number" />
            </label>
          </>
        )}
      </div>
    </>
  );
}
