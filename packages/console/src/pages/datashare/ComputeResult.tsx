import { type ComputeRecord, getSuite } from "@kexin/core";
import { contracts, datashare } from "@kexin/sdk";
import { useEffect, useState } from "react";
import { type Loadable, type StatusState, client, errorMessage, useLoad } from "../../api.ts";
import { Hash } from "../../components/Hash.tsx";
import { Json } from "../../components/Json.tsx";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { useI18n } from "../../i18n/index.tsx";

/** Blocks come every second or so; the owner's node posts the result a block or two after the request. */
const resultPollMs = 1_000;

/** The request, read again every second until its result is on chain. */
function useComputeRecord(tx: string): Loadable<ComputeRecord> {
  const [loadable, setLoadable] = useState<Loadable<ComputeRecord>>({ state: "loading" });
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      try {
        const record = await datashare.getComputeResult(client, { tx, signal: controller.signal });
        if (controller.signal.aborted) return;
        setLoadable({ state: "loaded", value: record });
        if (record.result === undefined) timer = setTimeout(() => void read(), resultPollMs);
      } catch (error) {
        if (!controller.signal.aborted) setLoadable({ state: "failed", error });
      }
    };
    void read();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [tx]);
  return loadable;
}

/** `/datashare/compute/<tx>`: a compute request followed to the owner node's result, whose code hash and signature are checked here. */
export function ComputeResult({ tx, statusState }: { readonly tx: string; readonly statusState: StatusState }) {
  const { t } = useI18n();
  const record = useComputeRecord(tx);
  return (
    <div className="panel" data-testid="compute-request">
      <h2>{t.datashare.compute.requestTitle}</h2>
      <p>
        <Hash value={tx} to={`/explorer/txs/${tx}`} />
      </p>
      <LoadStatus loadable={record} />
      {record.state === "loaded" && <ComputeDetail record={record.value} statusState={statusState} />}
    </div>
  );
}

function ComputeDetail({ record, statusState }: { readonly record: ComputeRecord; readonly statusState: StatusState }) {
  const { t } = useI18n();
  const { compute } = t.datashare;
  return (
    <>
      <dl className="facts">
        <dt>{t.datashare.dataset}</dt>
        <dd data-testid="compute-dataset-id">{record.dataset}</dd>
        <dt>{compute.owner}</dt>
        <dd>{record.owner}</dd>
        <dt>{compute.requester}</dt>
        <dd>{`${record.organisation} · ${record.requester}`}</dd>
        <dt>{compute.model}</dt>
        <dd>{`${record.contract}.${record.method}`}</dd>
        <dt>{compute.codeHash}</dt>
        <dd>
          <Hash value={record.codeHash} />
        </dd>
        <dt>{compute.purpose}</dt>
        <dd>{record.purpose}</dd>
        <dt>{compute.recordsRead(record.records.length)}</dt>
        <dd>{record.records.map((item) => item.id).join(", ")}</dd>
      </dl>
      <p className="muted">{compute.requestedAt(record.height)}</p>
      {record.result === undefined ? (
        <p className="muted" role="status" data-testid="compute-waiting">
          {compute.waiting}
        </p>
      ) : (
        <ComputeOutcome record={record} statusState={statusState} />
      )}
    </>
  );
}

function ComputeOutcome({ record, statusState }: { readonly record: ComputeRecord; readonly statusState: StatusState }) {
  const { t } = useI18n();
  const { compute } = t.datashare;
  const result = record.result;
  if (result === undefined) return null;
  return (
    <div data-testid="compute-result" data-status={result.outcome.status}>
      <h3>{compute.resultTitle}</h3>
      <p className="muted">{compute.postedAt(result.height)}</p>
      {result.outcome.status === "ok" ? (
        <Json value={result.outcome.value} testId="compute-value" />
      ) : (
        <div className="verdict bad" data-testid="compute-refused">
          <strong>{compute.refusedByOwner(result.outcome.code)}</strong>
          <p className="step-detail">{result.outcome.message}</p>
        </div>
      )}
      <p>
        {compute.signedBy} <Hash value={result.publicKey} />
      </p>
      <ComputeChecks record={record} statusState={statusState} />
    </div>
  );
}

/** The code hash recomputed from the code the chain stores, and the signature checked offline, both here in the browser. */
function ComputeChecks({ record, statusState }: { readonly record: ComputeRecord; readonly statusState: StatusState }) {
  const { t } = useI18n();
  const { compute } = t.datashare;
  const code = useLoad(`code:${record.codeHash}`, (signal) => contracts.getCode(client, { hash: record.codeHash, signal }));
  const status = statusState.status;
  if (status === undefined || code.state === "loading") return <p className="muted">{compute.checking}</p>;
  if (code.state === "failed") return <LoadStatus loadable={code} />;
  const suite = getSuite(status.suite);
  const codeHash = contracts.contractCodeHashHex(suite, code.value.code);
  let signatureProblem: string | undefined;
  try {
    datashare.verifyComputeResult({ suite, chainId: status.chainId, compute: record, codeHash });
  } catch (error) {
    signatureProblem = errorMessage(error);
  }
  return (
    <>
      <h3>{compute.checksTitle}</h3>
      <div className={`verdict ${codeHash === record.codeHash ? "ok" : "bad"}`} data-testid="compute-code-check" data-verified={String(codeHash === record.codeHash)}>
        <strong>{codeHash === record.codeHash ? compute.codeChecked : compute.codeMismatch(codeHash)}</strong>
      </div>
      <div className={`verdict ${signatureProblem === undefined ? "ok" : "bad"}`} data-testid="compute-signature-check" data-verified={String(signatureProblem === undefined)}>
        <strong>{signatureProblem === undefined ? compute.signatureChecked : compute.signatureBad}</strong>
        {signatureProblem !== undefined && <p className="step-detail">{signatureProblem}</p>}
      </div>
    </>
  );
}
