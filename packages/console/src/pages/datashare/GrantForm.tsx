import type { DatasetRecord, Grantee } from "@kexin/core";
import { type Wallet, datashare, identity } from "@kexin/sdk";
import { type FormEvent, useState } from "react";
import { type StatusState, client, useLoad } from "../../api.ts";
import { useI18n } from "../../i18n/index.tsx";
import { FormFooter, type FormRun, committedRun, refusalText } from "./Outcome.tsx";
import { sendAndCommit } from "./sendAndCommit.ts";
import { useWholeNumberProblemText } from "./useProblemText.ts";
import { schemaPropertyNames } from "./recordForm.ts";
import { parseWholeNumber } from "./wholeNumber.ts";

/** A grant lasts at most about a year of one-second blocks from the console; longer ones are for the CLI and a second thought. */
const expiresInBlocksMax = 31_536_000;
const accessesMax = 1_000_000_000;
const purposeLengthMax = 256;

/**
 * The owner's admin grants the dataset to an organisation or one member, for a purpose, for a
 * number of blocks and of accesses; signed here. Numbers are whole or refused before signing.
 */
export function GrantForm({ dataset, wallet, statusState, onCommitted }: { readonly dataset: DatasetRecord; readonly wallet: Wallet; readonly statusState: StatusState; readonly onCommitted: () => void }) {
  const { t } = useI18n();
  const wholeNumberProblem = useWholeNumberProblemText();
  const organisations = useLoad("identity-organisations", (signal) => identity.getOrganisations(client, { signal }));
  const [kind, setKind] = useState<Grantee["kind"]>("organisation");
  const [granteeId, setGranteeId] = useState("");
  const [purpose, setPurpose] = useState("");
  const [expiresIn, setExpiresIn] = useState("1000");
  const [accesses, setAccesses] = useState("10");
  const [fields, setFields] = useState<readonly string[]>([]);
  const schemaFields = schemaPropertyNames(dataset.recordSchema);
  const [run, setRun] = useState<FormRun<"committing">>({ state: "idle" });
  const height = statusState.status?.height;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (height === undefined) return;
    const blocks = parseWholeNumber(expiresIn, 1, expiresInBlocksMax);
    if (!blocks.ok) return setRun({ state: "refused", message: wholeNumberProblem(t.datashare.grantForm.expiresIn, blocks.problem) });
    const count = parseWholeNumber(accesses, 1, accessesMax);
    if (!count.ok) return setRun({ state: "refused", message: wholeNumberProblem(t.datashare.grantForm.accessesMax, count.problem) });
    const id = kind === "member" ? granteeId.trim().toLowerCase() : granteeId;
    try {
      const call = datashare.grant({ dataset: dataset.id, grantee: { kind, id }, purpose: purpose.trim(), expiresAt: height + blocks.value, accessesMax: count.value, ...(fields.length > 0 ? { fields } : {}) });
      setRun({ state: "running", phase: "committing" });
      const committed = await sendAndCommit(wallet, call);
      setRun(committedRun(committed));
      if (committed.result.status === "ok") onCommitted();
    } catch (error) {
      setRun({ state: "refused", message: refusalText(error) });
    }
  };

  const otherOrganisations = organisations.state === "loaded" ? organisations.value.organisations.filter((organisation) => organisation.id !== dataset.owner) : [];
  return (
    <form onSubmit={(event) => void onSubmit(event)} data-testid="grant-form">
      <h3>{t.datashare.grantForm.title}</h3>
      <div className="form-grid">
        <label>
          {t.datashare.grantForm.granteeKind}
          <select
            value={kind}
            onChange={(event) => {
              setKind(event.target.value as Grantee["kind"]);
              setGranteeId("");
            }}
            data-testid="grant-kind"
          >
            <option value="organisation">{t.datashare.grantForm.kinds.organisation}</option>
            <option value="member">{t.datashare.grantForm.kinds.member}</option>
          </select>
        </label>
        {kind === "organisation" ? (
          <label>
            {t.datashare.grantForm.organisation}
            <select value={granteeId} onChange={(event) => setGranteeId(event.target.value)} data-testid="grant-organisation">
              <option value="">{t.datashare.grantForm.choose}</option>
              {otherOrganisations.map((organisation) => (
                <option key={organisation.id} value={organisation.id}>
                  {organisation.id === organisation.name ? organisation.id : `${organisation.name} (${organisation.id})`}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <label>
            {t.datashare.grantForm.memberAddress}
            <input value={granteeId} onChange={(event) => setGranteeId(event.target.value)} spellCheck={false} data-testid="grant-member" />
          </label>
        )}
        <label>
          {t.datashare.grantForm.purpose}
          <input value={purpose} onChange={(event) => setPurpose(event.target.value)} maxLength={purposeLengthMax} data-testid="grant-purpose" />
        </label>
        <label>
          {t.datashare.grantForm.expiresIn}
          <input value={expiresIn} inputMode="numeric" onChange={(event) => setExpiresIn(event.target.value)} data-testid="grant-expires-in" />
          {height !== undefined && <span className="muted">{t.datashare.grantForm.lastBlock(height, expiresIn)}</span>}
        </label>
        <label>
          {t.datashare.grantForm.accessesMax}
          <input value={accesses} inputMode="numeric" onChange={(event) => setAccesses(event.target.value)} data-testid="grant-accesses" />
        </label>
      </div>
      {schemaFields.length > 0 && (
        <fieldset data-testid="grant-fields">
          <legend>{t.datashare.grantForm.fields}</legend>
          {schemaFields.map((name) => (
            <label key={name} className="checkbox">
              <input type="checkbox" checked={fields.includes(name)} onChange={(event) => setFields(event.target.checked ? [...fields, name] : fields.filter((field) => field !== name))} data-field={name} /> {name}
            </label>
          ))}
        </fieldset>
      )}
      <FormFooter run={run} label={t.datashare.grantForm.submit} disabled={granteeId.trim() === "" || purpose.trim() === "" || height === undefined} phaseText={t.datashare.signingAndWaiting} needsKey={false} testId="grant" />
    </form>
  );
}
