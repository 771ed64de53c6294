import { getSuite } from "@kexin/core";
import type { Wallet } from "@kexin/sdk";
import { useState } from "react";
import type { StatusState } from "../../api.ts";
import { KeyPanel } from "../../components/KeyPanel.tsx";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { Flows } from "./Flows.tsx";
import { programName, usePrograms } from "./programs.ts";
import { Statements } from "./Statements.tsx";
import { Totals } from "./Totals.tsx";

/** `/points/merchant`: a program's issuance and liabilities, its flows with partners, and its merchant's settlement statements, confirmed with the merchant admin's key. */
export function Merchant({ statusState }: { readonly statusState: StatusState }) {
  const { t, language } = useI18n();
  const programs = usePrograms();
  const [chosen, setChosen] = useState("");
  const [wallet, setWallet] = useState<Wallet | undefined>(undefined);
  // Bumped after each committed confirmation, so the statement and totals are read again.
  const [revision, setRevision] = useState(0);
  const list = programs.state === "loaded" ? [...programs.value.values()] : [];
  const program = programs.state === "loaded" ? (programs.value.get(chosen) ?? list[0]) : undefined;
  const suiteId = statusState.status?.suite;
  return (
    <>
      <div className="panel">
        <LoadStatus loadable={programs} />
        {programs.state === "loaded" && list.length === 0 && <p className="muted">{t.points.noPrograms}</p>}
        {program && (
          <>
            <label>
              {t.points.merchantProgram}{" "}
              <select value={program.id} onChange={(event) => setChosen(event.target.value)} data-testid="merchant-program">
                {list.map((entry) => (
                  <option key={entry.id} value={entry.id}>
                    {programName(language, programs, entry.id)} ({entry.id})
                  </option>
                ))}
              </select>
            </label>
            <p data-testid="merchant-name" data-merchant={program.merchant}>
              {t.points.merchantOf(program.merchant)} · {t.points.faceValue} {t.points.yuan(program.faceValueFen)}
            </p>
          </>
        )}
      </div>
      {program && (
        <>
          <Totals program={program} revision={revision} />
          <Flows program={program.id} programs={programs} revision={revision} />
          <div className="panel">
            <h2>{t.points.signingKeyTitle}</h2>
            {suiteId === undefined ? <p className="muted">{t.common.loading}</p> : <KeyPanel suite={getSuite(suiteId)} wallet={wallet} onWallet={setWallet} />}
          </div>
          <Statements merchant={program.merchant} wallet={wallet} revision={revision} onCommitted={() => setRevision((value) => value + 1)} />
        </>
      )}
    </>
  );
}
