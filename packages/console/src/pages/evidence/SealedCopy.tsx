import type { CryptoSuite } from "@kexin/core";
import { type Wallet, evidence } from "@kexin/sdk";
import { client } from "../../api.ts";
import { saveFile } from "../../components/download.ts";
import { nextFrame } from "../../components/nextFrame.ts";
import { useI18n } from "../../i18n/index.tsx";

/** A file sealed here and stored on the node: what the clerk must keep, and what the anchor records. */
export interface SealedCopy {
  /** The name of the file that was sealed, for the names of the downloads. */
  readonly fileName: string;
  readonly sealed: evidence.SealEvidenceReturnType;
}

/**
 * Seals the file in this browser with a fresh key and uploads the envelope, signed by the wallet.
 * Only the envelope leaves the browser; the key stays here, for the clerk to download.
 */
export async function sealAndUpload(suite: CryptoSuite, file: File, wallet: Wallet): Promise<SealedCopy> {
  const content = new Uint8Array(await file.arrayBuffer());
  // Sealing holds the tab for a moment on a large file: let the phase show first.
  await nextFrame();
  const sealed = evidence.sealEvidence(suite, { content });
  await evidence.uploadSealed(client, { envelope: sealed.envelope, wallet });
  return { fileName: file.name, sealed };
}

/** The opt-in: off unless ticked, so that by default the file never leaves the browser. */
export function StoreOption({ checked, onChange }: { readonly checked: boolean; readonly onChange: (checked: boolean) => void }) {
  const { t } = useI18n();
  return (
    <>
      <label className="check-option">
        <input type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} data-testid="anchor-store" />
        {t.evidence.storeOption}
      </label>
      <p className="muted">{checked ? t.evidence.storeOn(evidence.sealedMediaType) : t.evidence.storeOff}</p>
    </>
  );
}

/** The seal key, the only way to open the stored copy, and the envelope the proof proves. */
export function SealedKeyView({ copy }: { readonly copy: SealedCopy }) {
  const { t } = useI18n();
  const { sealed, fileName } = copy;
  return (
    <div className="sealed-copy" data-testid="sealed-copy">
      <p className="notice" role="alert">
        {t.evidence.sealKeyWarning}
      </p>
      <dl className="facts">
        <dt>{t.evidence.sealKey(sealed.cipher)}</dt>
        <dd className="seal-key" data-testid="seal-key">
          {sealed.keyText}
        </dd>
      </dl>
      <p className="muted">{t.evidence.sealedProofHint}</p>
      <div className="actions">
        <button type="button" onClick={() => saveFile(`${fileName}.seal-key`, new Blob([`${sealed.keyText}\n`], { type: "text/plain" }))} data-testid="download-seal-key">
          {t.evidence.downloadSealKey}
        </button>
        <button type="button" className="secondary" onClick={() => saveFile(`${fileName}.sealed`, new Blob([new Uint8Array(sealed.envelope)], { type: evidence.sealedMediaType }))} data-testid="download-sealed">
          {t.evidence.downloadSealed}
        </button>
      </div>
    </div>
  );
}
