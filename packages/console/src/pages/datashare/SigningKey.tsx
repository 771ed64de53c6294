import { getSuite } from "@kexin/core";
import type { Wallet } from "@kexin/sdk";
import type { StatusState } from "../../api.ts";
import { KeyPanel } from "../../components/KeyPanel.tsx";
import { useI18n } from "../../i18n/index.tsx";

/** The signing key panel under its heading, once the node has said which suite the chain uses. */
export function SigningKey({
  statusState,
  wallet,
  onWallet,
  unregisteredNote,
}: {
  readonly statusState: StatusState;
  readonly wallet: Wallet | undefined;
  readonly onWallet: (wallet: Wallet | undefined) => void;
  readonly unregisteredNote?: string;
}) {
  const { t } = useI18n();
  const suiteId = statusState.status?.suite;
  return (
    <>
      <h3>{t.datashare.signingKeyTitle}</h3>
      {suiteId === undefined ? <p className="muted">{t.common.loading}</p> : <KeyPanel suite={getSuite(suiteId)} wallet={wallet} onWallet={onWallet} {...(unregisteredNote !== undefined ? { unregisteredNote } : {})} />}
    </>
  );
}
