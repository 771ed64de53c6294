import type { ReceiptJson } from "@kexin/core";
import type { TransactionView } from "@kexin/sdk";
import { useEffect, useState } from "react";
import { client, errorCode, errorMessage } from "../../api.ts";
import { Hash } from "../../components/Hash.tsx";
import { Json } from "../../components/Json.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { Link, useRouter } from "../../router.tsx";
import { stashReceiptForVerify } from "../verify/handoff.ts";
import { SearchBox } from "./SearchBox.tsx";

const pendingPollMs = 1_000;

/** Saves the receipt as a file: the same JSON `kexin tx get --json` prints, which `kexin verify` and the Verify page accept. */
export function downloadReceipt(hash: string, receipt: ReceiptJson): void {
  const blob = new Blob([`${JSON.stringify(receipt, null, 2)}\n`], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = `kexin-receipt-${hash.slice(0, 16)}.json`;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // Revoked later: some browsers read the blob after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `/explorer/txs/:hash`: the decoded transaction, its result and events, and its receipt to download or check. */
export function TxDetail({ hash }: { readonly hash: string }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const [view, setView] = useState<TransactionView | undefined>(undefined);
  const [failure, setFailure] = useState<unknown>(undefined);
  useEffect(() => {
    setView(undefined);
    setFailure(undefined);
    const controller = new AbortController();
    let timer: number | undefined;
    const load = async () => {
      try {
        const answer = await client.getTransaction({ hash, signal: controller.signal });
        if (controller.signal.aborted) return;
        setView(answer);
        if (answer.status === "pending") timer = window.setTimeout(() => void load(), pendingPollMs);
      } catch (error) {
        if (!controller.signal.aborted) setFailure(error);
      }
    };
    void load();
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [hash]);

  return (
    <section aria-labelledby="tx-title">
      <SearchBox />
      <h1 id="tx-title">{t.tx.title}</h1>
      <p>
        <Hash value={hash} />
      </p>
      {failure !== undefined && (
        <p className="notice" role="alert" data-testid="search-message">
          {errorCode(failure) === "TX_NOT_FOUND" ? t.explorer.nothingFound(hash) : t.common.error(errorMessage(failure))}
        </p>
      )}
      {failure === undefined && !view && <p className="muted">{t.common.loading}</p>}
      {view?.status === "pending" && (
        <div className="panel">
          <dl className="facts">
            <dt>{t.tx.status}</dt>
            <dd data-testid="tx-status">{t.tx.pending}</dd>
          </dl>
          <p className="muted">{t.tx.pendingRefresh}</p>
        </div>
      )}
      {view?.status === "committed" && (
        <>
          <div className="panel">
            <dl className="facts">
              <dt>{t.tx.status}</dt>
              <dd data-testid="tx-status">{t.tx.committed}</dd>
              <dt>{t.tx.block}</dt>
              <dd>
                <Link to={`/explorer/blocks/${view.height}`}>{view.height}</Link>
              </dd>
              <dt>{t.tx.index}</dt>
              <dd>{view.index}</dd>
              <dt>{t.tx.module}</dt>
              <dd data-testid="tx-module">{view.tx.module}</dd>
              <dt>{t.tx.type}</dt>
              <dd data-testid="tx-type">{view.tx.type}</dd>
              <dt>{t.tx.signer}</dt>
              <dd>
                <Hash value={view.tx.signerAddress} to={`/explorer/accounts/${view.tx.signerAddress}`} />
              </dd>
              <dt>{t.tx.nonce}</dt>
              <dd>{view.tx.nonce}</dd>
              <dt>{t.tx.expiry}</dt>
              <dd>{view.tx.expiry}</dd>
            </dl>
          </div>
          <div className="panel">
            <h2>{t.tx.payload}</h2>
            <Json value={view.tx.payload} testId="tx-payload" />
          </div>
          <div className="panel">
            <h2>{t.tx.result}</h2>
            <dl className="facts">
              <dt>{t.tx.result}</dt>
              <dd className={view.result.status === "ok" ? "ok" : "bad"} data-testid="tx-result">
                {view.result.status === "ok" ? t.tx.resultOk : t.tx.resultFailed(view.result.code)}
                {view.result.status !== "ok" && view.result.message ? ` — ${view.result.message}` : ""}
              </dd>
              <dt>{t.tx.cost}</dt>
              <dd>{view.result.cost}</dd>
            </dl>
            <h3>{t.tx.events}</h3>
            {view.result.events.length === 0 ? (
              <p className="muted">{t.tx.noEvents}</p>
            ) : (
              <ul className="events" data-testid="tx-events">
                {view.result.events.map((event, index) => (
                  <li key={index}>
                    <strong>
                      {event.module}.{event.type}
                    </strong>
                    <Json value={event.attributes} />
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div className="panel">
            <h2>{t.tx.receipt}</h2>
            <p>{t.tx.receiptHint}</p>
            <div className="actions">
              <button type="button" data-testid="download-proof" onClick={() => downloadReceipt(hash, view.receipt)}>
                {t.tx.downloadProof}
              </button>
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  stashReceiptForVerify(view.receipt);
                  navigate("/verify");
                }}
              >
                {t.tx.verifyHere}
              </button>
            </div>
            <details>
              <summary>{t.tx.showReceipt}</summary>
              <Json value={view.receipt} />
            </details>
          </div>
        </>
      )}
    </section>
  );
}
