import { type SuiteId, datashareSubjectReference, getSuite } from "@kexin/core";
import { useState } from "react";
import { useI18n } from "../../i18n/index.tsx";
import { type SubjectKeyFileResult, readSubjectKeyFile } from "./keyTextFiles.ts";

/** Where a form's subject reference comes from; "none" only where the subject is optional. */
export type SubjectSource = "none" | "idNumber" | "reference";

const subjectReferencePattern = /^[0-9a-f]{64}$/;

export interface SubjectChoice {
  readonly source: SubjectSource;
  readonly setSource: (source: SubjectSource) => void;
  readonly subjectKey: SubjectKeyFileResult | undefined;
  readonly onSubjectKeyFile: (file: File) => void;
  readonly idNumber: string;
  readonly setIdNumber: (value: string) => void;
  readonly reference: string;
  readonly setReference: (value: string) => void;
  /** The subject reference as chosen; undefined when none was chosen or it is incomplete. */
  readonly subjectReference: () => string | undefined;
}

/** The state of a subject chosen in a form: an ID number made into a reference here with the organisation's subject key, or a reference already made. */
export function useSubjectChoice(suiteId: SuiteId | undefined, initial: SubjectSource): SubjectChoice {
  const [source, setSource] = useState<SubjectSource>(initial);
  const [subjectKey, setSubjectKey] = useState<SubjectKeyFileResult | undefined>(undefined);
  const [idNumber, setIdNumber] = useState("");
  const [reference, setReference] = useState("");
  const suite = suiteId === undefined ? undefined : getSuite(suiteId);
  return {
    source,
    setSource,
    subjectKey,
    onSubjectKeyFile: (file) => suite && void readSubjectKeyFile(file, suite).then(setSubjectKey),
    idNumber,
    setIdNumber,
    reference,
    setReference,
    subjectReference: () => {
      if (source === "none") return undefined;
      if (source === "reference") return subjectReferencePattern.test(reference.trim().toLowerCase()) ? reference.trim().toLowerCase() : undefined;
      if (subjectKey?.ok !== true || suite === undefined || idNumber.trim() === "") return undefined;
      return datashareSubjectReference(suite, subjectKey.subjectKey, idNumber);
    },
  };
}

/** A form's subject: its source, then the subject key file and ID number, or the reference. `testId` prefixes the fields' test ids. */
export function SubjectInput({
  choice,
  title,
  owner,
  optional,
  chainSuite,
  testId,
}: {
  readonly choice: SubjectChoice;
  readonly title: string;
  /** The organisation whose subject key makes the reference, as far as the form knows it. */
  readonly owner: string | undefined;
  readonly optional: boolean;
  readonly chainSuite: string;
  readonly testId: string;
}) {
  const { t } = useI18n();
  const words = t.datashare.publish;
  const { subjectKey } = choice;
  return (
    <>
      <h3>{title}</h3>
      <p className="muted">{words.subjectHint(owner ?? "…")}</p>
      <div className="form-grid">
        <label>
          {words.subjectSource}
          <select value={choice.source} onChange={(event) => choice.setSource(event.target.value as SubjectSource)} data-testid={`${testId}-subject-source`}>
            {optional && <option value="none">{words.sources.none}</option>}
            <option value="idNumber">{words.sources.idNumber}</option>
            <option value="reference">{words.sources.reference}</option>
          </select>
        </label>
        {choice.source === "reference" && (
          <label>
            {t.datashare.auditSubject}
            <input value={choice.reference} onChange={(event) => choice.setReference(event.target.value)} spellCheck={false} data-testid={`${testId}-reference`} />
          </label>
        )}
        {choice.source === "idNumber" && (
          <>
            <div className="key-file">
              <span className="muted">{words.subjectKeyFile}</span>
              <label className="button secondary">
                {words.chooseSubjectKey}
                <input type="file" className="visually-hidden" data-testid="subject-key-file" onChange={(event) => event.target.files?.[0] && choice.onSubjectKeyFile(event.target.files[0])} />
              </label>
              {subjectKey?.ok === true && (
                <span className="ok" data-testid="subject-key-loaded">
                  {words.subjectKeyLoaded}
                </span>
              )}
              {subjectKey?.ok === false && (
                <span className="notice" role="alert" data-testid="subject-key-error">
                  {subjectKey.problem.kind === "suite" ? words.subjectKeySuite(subjectKey.problem.keySuite, chainSuite) : words.subjectKeyBad(subjectKey.problem.detail)}
                </span>
              )}
            </div>
            <label>
              {words.idNumber}
              <input value={choice.idNumber} onChange={(event) => choice.setIdNumber(event.target.value)} autoComplete="off" spellCheck={false} data-testid={`${testId}-id-number`} />
            </label>
          </>
        )}
      </div>
    </>
  );
}
