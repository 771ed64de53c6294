import type { InboxEntry } from "@kexin/core";
import type { Wallet } from "@kexin/sdk";
import { type FormEvent, useState } from "react";
import { type StatusState, client, useLoad } from "../../api.ts";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { Link } from "../../router.tsx";
import { SigningKey } from "../datashare/SigningKey.tsx";
import { AttestForm, DecideForm } from "./SignEntry.tsx";
import { formatBlockTime } from "./blockTime.ts";

/** Entries per inbox page: a department with a long queue pages through it instead of loading it at once. */
const inboxPageSize = 20;

/** What awaits a department's signature, each entry with the form that signs it with the member's key file. */
export function Inbox({ statusState }: { readonly statusState: StatusState }) {
  const { t } = useI18n();
  const [typed, setTyped] = useState("");
  const [organisation, setOrganisation] = useState<string | undefined>(undefined);
  const [wallet, setWallet] = useState<Wallet | undefined>(undefined);
  const [signed, setSigned] = useState<{ readonly count: number; readonly last?: string }>({ count: 0 });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setOrganisation(typed.trim() || undefined);
  };
  return (
    <>
      <h2>{t.workflows.inboxTitle}</h2>
      <SigningKey statusState={statusState} wallet={wallet} onWallet={setWallet} />
      <form className="actions" onSubmit={submit}>
        <input value={typed} onChange={(event) => setTyped(event.target.value)} aria-label={t.workflows.organisation} placeholder={t.workflows.organisation} data-testid="inbox-organisation" />
        <button type="submit" data-testid="inbox-open">
          {t.workflows.open}
        </button>
      </form>
      {signed.last !== undefined && (
        <p className="verdict ok" role="status" data-testid="inbox-signed">
          {t.workflows.signedEntry(signed.last)}
        </p>
      )}
      {organisation !== undefined && <Entries key={`${organisation}:${signed.count}`} organisation={organisation} wallet={wallet} onSigned={(what) => setSigned((previous) => ({ count: previous.count + 1, last: what }))} />}
    </>
  );
}

function Entries({ organisation, wallet, onSigned }: { readonly organisation: string; readonly wallet: Wallet | undefined; readonly onSigned: (what: string) => void }) {
  const { t } = useI18n();
  const [start, setStart] = useState(0);
  const loaded = useLoad(`inbox:${organisation}:${start}`, (signal) => client.workflows.getInbox({ organisation, start, limit: inboxPageSize, signal }));
  if (loaded.state !== "loaded") return <LoadStatus loadable={loaded} />;
  const { entries, next } = loaded.value;
  if (entries.length === 0 && start === 0 && next === null) return <p className="muted" data-testid="inbox-empty">{t.workflows.inboxEmpty}</p>;
  return (
    <>
      <ul className="inbox" data-testid="inbox-entries">
        {entries.map((entry) => (
          <EntryItem key={`${entry.application}:${entry.step ?? ""}`} entry={entry} wallet={wallet} onSigned={onSigned} />
        ))}
      </ul>
      {(start > 0 || next !== null) && (
        <div className="actions" data-testid="inbox-pager" data-start={start}>
          <button type="button" className="secondary" disabled={start === 0} onClick={() => setStart(Math.max(0, start - inboxPageSize))} data-testid="inbox-previous">
            {t.datashare.previous}
          </button>
          <button type="button" className="secondary" disabled={next === null} onClick={() => next !== null && setStart(next)} data-testid="inbox-next">
            {t.datashare.next}
          </button>
        </div>
      )}
    </>
  );
}

function EntryItem({ entry, wallet, onSigned }: { readonly entry: InboxEntry; readonly wallet: Wallet | undefined; readonly onSigned: (what: string) => void }) {
  const { t, language } = useI18n();
  return (
    <li data-application={entry.application} data-step={entry.step ?? "decision"}>
      <p>
        {t.workflows.application} <Link to={`/workflows/applications/${entry.application}`}>{entry.application}</Link> · {t.workflows.step} {entry.step ?? t.workflows.decisionEntry} · {t.workflows.role} {entry.role} · {t.workflows.deadline}{" "}
        {entry.deadline === null ? t.workflows.noDeadline : formatBlockTime(entry.deadline, language)} · {t.workflows.since} {entry.since}
      </p>
      {entry.step === null ? <DecideForm application={entry.application} wallet={wallet} onSigned={() => onSigned(`${entry.application} · ${t.workflows.decisionEntry}`)} /> : <AttestForm application={entry.application} step={entry.step} wallet={wallet} onSigned={() => onSigned(`${entry.application} · ${entry.step ?? ""}`)} />}
    </li>
  );
}
