import { type BlockSummary, type BlockView, watchBlocks } from "@kexin/sdk";
import { useEffect, useMemo, useRef, useState } from "react";
import { type StatusState, client } from "../../api.ts";
import { Hash } from "../../components/Hash.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { Link } from "../../router.tsx";
import { ConsensusPanel } from "./ConsensusPanel.tsx";
import { ThroughputChart } from "./ThroughputChart.tsx";
import { type BlockSample, mergeSamples, throughputSeries, txRate } from "./throughput.ts";

type FeedState = "connecting" | "live" | "disconnected";

const reconnectDelayMs = 2_000;
const historyBlocks = 100;

/** Block samples: the last page of blocks at start, then every block the node pushes over /v1/ws. */
function useBlockFeed() {
  const [samples, setSamples] = useState<BlockSample[]>([]);
  const [feed, setFeed] = useState<FeedState>("connecting");
  const [latestBlock, setLatestBlock] = useState<BlockSummary | undefined>(undefined);
  // The chart runs on the node's clock; the browser's may differ, so the offset is taken from live blocks.
  const clockOffsetMs = useRef(0);

  useEffect(() => {
    let stopped = false;
    let unsubscribe: (() => void) | undefined;
    let retryTimer: number | undefined;
    const connect = () => {
      setFeed("connecting");
      unsubscribe = watchBlocks(client, {
        onBlock: (block) => {
          clockOffsetMs.current = block.time - Date.now();
          setFeed("live");
          setLatestBlock(block);
          setSamples((existing) => mergeSamples(existing, [{ height: block.height, timeMs: block.time, txCount: block.txCount }], block.time));
        },
        onError: () => {
          if (stopped) return;
          setFeed("disconnected");
          unsubscribe?.();
          window.clearTimeout(retryTimer);
          retryTimer = window.setTimeout(connect, reconnectDelayMs);
        },
      });
      // The node acknowledges a subscription but sends nothing until a block commits; an idle chain is still live.
      window.setTimeout(() => !stopped && setFeed((state) => (state === "connecting" ? "live" : state)), 1_000);
    };
    connect();
    client
      .getBlocks({ limit: historyBlocks })
      .then(({ blocks }) => {
        if (stopped) return;
        const history = blocks.map((block) => ({ height: block.height, timeMs: block.header.time, txCount: (block as Omit<BlockView, "txs"> & { txCount?: number }).txCount ?? 0 }));
        const newest = history[0];
        setSamples((existing) => mergeSamples(existing, history, newest ? Math.max(newest.timeMs, Date.now() + clockOffsetMs.current) : Date.now()));
      })
      .catch(() => undefined);
    return () => {
      stopped = true;
      window.clearTimeout(retryTimer);
      unsubscribe?.();
    };
  }, []);
  return { samples, feed, latestBlock, clockOffsetMs };
}

/** Re-renders once a second so rates decay to zero when blocks stop. */
function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function Dashboard({ statusState }: { readonly statusState: StatusState }) {
  const { t, language } = useI18n();
  const { status } = statusState;
  const { samples, feed, latestBlock, clockOffsetMs } = useBlockFeed();
  const now = useNow(1_000);
  const nodeNow = now + clockOffsetMs.current;
  const rate = txRate(samples, nodeNow);
  const series = useMemo(() => throughputSeries(samples, nodeNow), [samples, nodeNow]);
  const timeFormat = useMemo(() => new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "medium" }), [language]);

  // The latest block's commit tells which validators signed it; fetched again whenever a new block arrives.
  const [commitBlock, setCommitBlock] = useState<BlockView | undefined>(undefined);
  // The latest height each validator was seen signing, so a validator that missed the newest block still shows its last signature.
  const [lastSigned, setLastSigned] = useState<ReadonlyMap<string, number>>(new Map());
  const latestHeight = Math.max(latestBlock?.height ?? 0, status?.height ?? 0);
  useEffect(() => {
    if (latestHeight < 1) return;
    const controller = new AbortController();
    // Coalesces a burst of blocks into one request.
    const timer = window.setTimeout(() => {
      client
        .getBlock({ signal: controller.signal })
        .then((block) => {
          setCommitBlock(block);
          setLastSigned((known) => {
            const next = new Map(known);
            for (const signature of block.commit.signatures) next.set(signature.validator.toLowerCase(), Math.max(block.height, next.get(signature.validator.toLowerCase()) ?? 0));
            return next;
          });
        })
        .catch(() => undefined);
    }, 250);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [latestHeight]);

  const height = Math.max(status?.height ?? 0, latestBlock?.height ?? 0);
  const lastBlockTime = latestBlock && latestBlock.height >= (status?.height ?? 0) ? latestBlock.time : status?.lastBlockTime;
  const signers = new Set(commitBlock?.commit.signatures.map((signature) => signature.validator.toLowerCase()) ?? []);
  // null on a solo node, which has no p2p network; absent from nodes that predate the field.
  const peers = status?.peers;

  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t.dashboard.title}</h1>
      <div className="cards">
        <div className="card" data-testid="height">
          <div className="card-label">{t.dashboard.height}</div>
          <div className="card-value">{status ? height.toLocaleString(language) : "…"}</div>
        </div>
        <div className="card" data-testid="last-block-time">
          <div className="card-label">{t.dashboard.lastBlockTime}</div>
          <div className="card-value small">{lastBlockTime ? timeFormat.format(new Date(lastBlockTime)) : status ? t.dashboard.noBlockYet : "…"}</div>
        </div>
        <div className="card" data-testid="tx-rate">
          <div className="card-label">{t.dashboard.txRate}</div>
          <div className="card-value" data-testid="tx-rate-value" data-value={rate}>
            {rate.toLocaleString(language, { maximumFractionDigits: 1 })}
          </div>
        </div>
        <div className="card" data-testid="mempool">
          <div className="card-label">{t.dashboard.mempool}</div>
          <div className="card-value small">{status ? t.dashboard.mempoolValue(status.mempool.txs, status.mempool.bytes) : "…"}</div>
        </div>
        <div className="card" data-testid="peers">
          <div className="card-label">{t.dashboard.peers}</div>
          {!status ? (
            <div className="card-value">…</div>
          ) : peers === undefined ? (
            <div className="card-value small muted">{t.dashboard.peersNotReported}</div>
          ) : peers === null ? (
            <div className="card-value small muted" data-testid="peers-value" data-value={0}>
              {t.dashboard.peersSolo}
            </div>
          ) : (
            <div className="card-value" data-testid="peers-value" data-value={peers.count}>
              {peers.count.toLocaleString(language)}
            </div>
          )}
        </div>
      </div>

      <div className="panel">
        <div className="panel-head">
          <h2>{t.dashboard.chartTitle}</h2>
          <span className={`feed feed-${feed}`} data-testid="feed-state">
            {feed === "live" ? t.dashboard.live : feed === "connecting" ? t.dashboard.connecting : t.dashboard.disconnected}
          </span>
        </div>
        <ThroughputChart data={series} seriesLabel={t.dashboard.chartSeries} language={language} />
      </div>

      {status && <ConsensusPanel state={status.consensusState} timeFormat={timeFormat} />}

      <div className="panel">
        <h2>{t.dashboard.validators}</h2>
        {status && (
          <dl className="facts">
            <dt>{t.dashboard.chain}</dt>
            <dd>{status.chainId}</dd>
            <dt>{t.dashboard.suite}</dt>
            <dd>{status.suite}</dd>
            <dt>{t.dashboard.consensus}</dt>
            <dd>{status.consensus === "solo" ? t.dashboard.solo : status.consensus === "bft" ? t.dashboard.bft : status.consensus}</dd>
          </dl>
        )}
        <div className="table-scroll">
          <table data-testid="validators">
            <thead>
              <tr>
                <th>{t.dashboard.validatorAddress}</th>
                <th className="numeric">{t.dashboard.votingPower}</th>
                <th>{t.dashboard.lastSignature}</th>
              </tr>
            </thead>
            <tbody>
              {(status?.validators ?? []).map((validator) => {
                const signed = signers.has(validator.address.toLowerCase()) || signers.has(validator.publicKey.toLowerCase());
                const lastSignedHeight = lastSigned.get(validator.address.toLowerCase()) ?? lastSigned.get(validator.publicKey.toLowerCase());
                return (
                  <tr key={validator.publicKey}>
                    <td>
                      <Hash value={validator.address} />
                    </td>
                    <td className="numeric">{validator.power}</td>
                    <td>
                      {commitBlock ? (
                        <>
                          <Link to={`/explorer/blocks/${commitBlock.height}`} className={signed ? "ok" : "bad"}>
                            {signed ? t.dashboard.signedBlock(commitBlock.height) : t.dashboard.missedBlock(commitBlock.height)}
                          </Link>
                          {!signed && lastSignedHeight !== undefined && (
                            <>
                              {" · "}
                              <Link to={`/explorer/blocks/${lastSignedHeight}`}>{t.dashboard.lastSignedBlock(lastSignedHeight)}</Link>
                            </>
                          )}
                        </>
                      ) : (
                        <span className="muted">{t.common.none}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </div>

      {peers && peers.count > 0 && (
        <div className="panel">
          <div className="panel-head">
            <h2>{t.dashboard.peers}</h2>
            {peers.list.length < peers.count && <span className="muted">{t.dashboard.peersListed(peers.list.length, peers.count)}</span>}
          </div>
          <div className="table-scroll">
            <table data-testid="peer-list">
              <thead>
                <tr>
                  <th>{t.dashboard.peerId}</th>
                  <th>{t.dashboard.peerAddress}</th>
                </tr>
              </thead>
              <tbody>
                {peers.list.map((peer) => (
                  <tr key={peer.peerId}>
                    <td>
                      <Hash value={peer.peerId} />
                    </td>
                    <td>
                      <Hash value={peer.address} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
