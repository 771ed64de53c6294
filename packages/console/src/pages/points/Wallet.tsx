import { getSuite } from "@kexin/core";
import type { Wallet as SigningWallet } from "@kexin/sdk";
import { useState } from "react";
import type { StatusState } from "../../api.ts";
import { KeyPanel } from "../../components/KeyPanel.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { Balances } from "./Balances.tsx";
import { Exchange } from "./Exchange.tsx";
import { History } from "./History.tsx";
import { usePrograms } from "./programs.ts";
import { Redeem } from "./Redeem.tsx";

/** `/points`: a member opens its key file here; balances, history, exchange and redemption follow that key, and every signature is made in the browser. */
export function Wallet({ statusState }: { readonly statusState: StatusState }) {
  const { t } = useI18n();
  const [wallet, setWallet] = useState<SigningWallet | undefined>(undefined);
  // Bumped after each committed transaction, so balances, history, quotes and stock are read again.
  const [revision, setRevision] = useState(0);
  const programs = usePrograms();
  const suiteId = statusState.status?.suite;
  const onCommitted = () => setRevision((value) => value + 1);
  return (
    <>
      <div className="panel">
        <h2>{t.points.signingKeyTitle}</h2>
        {suiteId === undefined ? <p className="muted">{t.common.loading}</p> : <KeyPanel suite={getSuite(suiteId)} wallet={wallet} onWallet={setWallet} />}
      </div>
      {wallet && <Balances address={wallet.address} programs={programs} revision={revision} />}
      <Exchange wallet={wallet} revision={revision} onCommitted={onCommitted} />
      <Redeem wallet={wallet} revision={revision} onCommitted={onCommitted} />
      {wallet && <History address={wallet.address} programs={programs} revision={revision} />}
    </>
  );
}
