import { useMemo } from "react";
import { client, errorCode, errorMessage, useLoad } from "../../api.ts";
import { Hash } from "../../components/Hash.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { Link } from "../../router.tsx";
import { SearchBox } from "./SearchBox.tsx";

/** `/explorer/blocks/:id`: a block by height or hash, its header, its transactions and who signed it. */
export function BlockDetail({ id }: { readonly id: string }) {
  const { t, language } = useI18n();
  const block = useLoad(`block:${id}`, (signal) => (/^[0-9]{1,15}$/.test(id) ? client.getBlock({ height: Number(id), signal }) : client.getBlock({ hash: id, signal })));
  const timeFormat = useMemo(() => new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "medium" }), [language]);
  return (
    <section aria-labelledby="block-title">
      <SearchBox />
      {block.state === "loading" && <p className="muted">{t.common.loading}</p>}
      {block.state === "failed" && (
        <p className="notice" role="alert" data-testid="search-message">
          {errorCode(block.error) === "BLOCK_NOT_FOUND" ? t.explorer.nothingFound(id) : t.common.error(errorMessage(block.error))}
        </p>
      )}
      {block.state === "loaded" && (
        <>
          <h1 id="block-title">{t.explorer.block(block.value.height)}</h1>
          <nav className="pager">
            {block.value.height > 1 ? <Link to={`/explorer/blocks/${block.value.height - 1}`}>{t.explorer.previousBlock}</Link> : <span />}
            <Link to={`/explorer/blocks/${block.value.height + 1}`}>{t.explorer.nextBlock}</Link>
          </nav>
          <div className="panel">
            <h2>{t.explorer.header}</h2>
            <dl className="facts">
              <dt>{t.explorer.hash}</dt>
              <dd>
                <Hash value={block.value.hash} />
              </dd>
              <dt>{t.explorer.time}</dt>
              <dd>{timeFormat.format(new Date(block.value.header.time))}</dd>
              <dt>{t.explorer.proposer}</dt>
              <dd>
                <Hash value={block.value.header.proposer} />
              </dd>
              <dt>{t.explorer.prevHash}</dt>
              <dd>
                <Hash value={block.value.header.prevHash} to={block.value.height > 1 ? `/explorer/blocks/${block.value.height - 1}` : undefined} />
              </dd>
              <dt>{t.explorer.txRoot}</dt>
              <dd>
                <Hash value={block.value.header.txRoot} />
              </dd>
              <dt>{t.explorer.resultsRoot}</dt>
              <dd>
                <Hash value={block.value.header.resultsRoot} />
              </dd>
              <dt>{t.explorer.appHash}</dt>
              <dd>
                <Hash value={block.value.header.appHash} />
              </dd>
              <dt>{t.explorer.validatorsHash}</dt>
              <dd>
                <Hash value={block.value.header.validatorsHash} />
              </dd>
              <dt>{t.dashboard.validators}</dt>
              <dd>{t.explorer.commitSignatures(block.value.commit.signatures.length)}</dd>
            </dl>
          </div>
          <div className="panel">
            <h2>
              {t.explorer.transactions} ({block.value.txs.length})
            </h2>
            {block.value.txs.length === 0 ? (
              <p className="muted">{t.explorer.noTxs}</p>
            ) : (
              <ol className="tx-list" data-testid="block-txs">
                {block.value.txs.map((hash) => (
                  <li key={hash}>
                    <Hash value={hash} to={`/explorer/txs/${hash}`} />
                  </li>
                ))}
              </ol>
            )}
          </div>
        </>
      )}
    </section>
  );
}
