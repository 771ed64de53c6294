import type { BlockView } from "@kexin/sdk";
import { useEffect, useMemo, useState } from "react";
import { client, errorCode, errorMessage } from "../../api.ts";
import { Hash } from "../../components/Hash.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { Link, useRouter } from "../../router.tsx";
import { SearchBox } from "./SearchBox.tsx";
import { classifySearch } from "./search.ts";

type BlockRow = Omit<BlockView, "txs"> & { readonly txCount?: number };

const pageSize = 20;
const refreshMs = 3_000;

/** `/explorer`: the search box, a search's outcome (`?q=`), and the newest blocks (`?before=` pages back). */
export function Explorer() {
  const { t } = useI18n();
  const { search } = useRouter();
  const params = new URLSearchParams(search);
  const query = params.get("q") ?? undefined;
  const beforeText = params.get("before");
  const before = beforeText && /^[0-9]{1,15}$/.test(beforeText) ? Number(beforeText) : undefined;
  return (
    <section aria-labelledby="explorer-title">
      <h1 id="explorer-title">{t.explorer.title}</h1>
      <SearchBox key={query ?? ""} initial={query ?? ""} />
      {query !== undefined && <SearchOutcome query={query} />}
      <RecentBlocks before={before} />
    </section>
  );
}

type SearchMessage = { readonly kind: "unrecognised" } | { readonly kind: "nothing" } | { readonly kind: "error"; readonly message: string };

/** Sends the reader to the page a search names; a 64-digit hash is tried as a transaction first, then as a block. */
function SearchOutcome({ query }: { readonly query: string }) {
  const { t } = useI18n();
  const { navigate } = useRouter();
  const target = useMemo(() => classifySearch(query), [query]);
  // Kept as a kind, not text, so switching language re-words a message already shown.
  const [message, setMessage] = useState<SearchMessage | undefined>(undefined);
  useEffect(() => {
    setMessage(undefined);
    const controller = new AbortController();
    const go = (to: string) => !controller.signal.aborted && navigate(to, { replace: true });
    if (target.kind === "unrecognised") setMessage({ kind: "unrecognised" });
    else if (target.kind === "height") go(`/explorer/blocks/${target.height}`);
    else if (target.kind === "account") go(`/explorer/accounts/${target.address}`);
    else {
      void (async () => {
        try {
          await client.getTransaction({ hash: target.hash, signal: controller.signal });
          return go(`/explorer/txs/${target.hash}`);
        } catch (error) {
          if (errorCode(error) !== "TX_NOT_FOUND") throw error;
        }
        try {
          const block = await client.getBlock({ hash: target.hash, signal: controller.signal });
          return go(`/explorer/blocks/${block.height}`);
        } catch (error) {
          if (errorCode(error) !== "BLOCK_NOT_FOUND") throw error;
        }
        if (!controller.signal.aborted) setMessage({ kind: "nothing" });
      })().catch((error: unknown) => !controller.signal.aborted && setMessage({ kind: "error", message: errorMessage(error) }));
    }
    return () => controller.abort();
  }, [target, navigate]);
  if (message === undefined) return <p className="muted">{t.common.loading}</p>;
  return (
    <p className="notice" role="alert" data-testid="search-message">
      {message.kind === "unrecognised" ? t.explorer.unrecognised(query) : message.kind === "nothing" ? t.explorer.nothingFound(query) : t.common.error(message.message)}
    </p>
  );
}

function RecentBlocks({ before }: { readonly before: number | undefined }) {
  const { t, language } = useI18n();
  const [blocks, setBlocks] = useState<readonly BlockRow[] | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const timeFormat = useMemo(() => new Intl.DateTimeFormat(language, { dateStyle: "short", timeStyle: "medium" }), [language]);
  useEffect(() => {
    setBlocks(undefined);
    let stopped = false;
    const load = () =>
      client.getBlocks({ limit: pageSize, ...(before !== undefined ? { before } : {}) }).then(
        (answer) => {
          if (stopped) return;
          setBlocks(answer.blocks);
          setFailure(undefined);
        },
        (error: unknown) => !stopped && setFailure(errorMessage(error)),
      );
    void load();
    // Only the newest page moves; older pages are fixed history.
    const timer = before === undefined ? window.setInterval(() => void load(), refreshMs) : undefined;
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [before]);
  const oldest = blocks?.[blocks.length - 1];
  return (
    <div className="panel">
      <h2>{t.explorer.recentBlocks}</h2>
      {failure && <p className="notice">{t.common.error(failure)}</p>}
      {!blocks && !failure && <p className="muted">{t.common.loading}</p>}
      {blocks && blocks.length === 0 && <p className="muted">{t.explorer.noBlocks}</p>}
      {blocks && blocks.length > 0 && (
        <div className="table-scroll">
          <table data-testid="recent-blocks">
            <thead>
              <tr>
                <th>{t.explorer.height}</th>
                <th className="hide-narrow">{t.explorer.hash}</th>
                <th>{t.explorer.time}</th>
                <th className="numeric">{t.explorer.txCount}</th>
              </tr>
            </thead>
            <tbody>
              {blocks.map((block) => (
                <tr key={block.height}>
                  <td>
                    <Link to={`/explorer/blocks/${block.height}`}>{block.height}</Link>
                  </td>
                  <td className="hide-narrow">
                    <Hash value={block.hash} />
                  </td>
                  <td>{timeFormat.format(new Date(block.header.time))}</td>
                  <td className="numeric">{block.txCount ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {oldest && oldest.height > 1 && (
        <p>
          <Link to={`/explorer?before=${oldest.height}`}>{t.explorer.olderBlocks} →</Link>
        </p>
      )}
    </div>
  );
}
