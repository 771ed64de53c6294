import { contracts } from "@kexin/sdk";
import { useState } from "react";
import { type StatusState, client, useLoad } from "../../api.ts";
import { Hash } from "../../components/Hash.tsx";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { Json } from "../../components/Json.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { Link } from "../../router.tsx";
import { MethodCall } from "./MethodCall.tsx";
import { MethodQuery } from "./MethodQuery.tsx";
import { Proposals } from "./Proposals.tsx";
import { RecentCalls } from "./RecentCalls.tsx";

/** `/contracts/:name`: what the contract is (code, methods, policy), asking and calling it, its proposals and its recent calls. */
export function ContractDetail({ name, statusState }: { readonly name: string; readonly statusState: StatusState }) {
  const { t } = useI18n();
  const detail = useLoad(`contract:${name}`, (signal) => contracts.getContract(client, { name, signal }));
  // Bumped after a call commits, so the recent calls are read again.
  const [callsSeen, setCallsSeen] = useState(0);
  return (
    <section aria-labelledby="contract-title">
      <p>
        <Link to="/contracts">{t.contracts.backToList}</Link>
      </p>
      <h1 id="contract-title">{t.contracts.detailTitle(name)}</h1>
      <LoadStatus loadable={detail} />
      {detail.state === "loaded" && (
        <>
          <Facts contract={detail.value} />
          <Methods contract={detail.value} />
          <Source codeHash={detail.value.codeHash} />
          <MethodQuery contract={detail.value} />
          <MethodCall contract={detail.value} statusState={statusState} onCommitted={() => setCallsSeen((count) => count + 1)} />
          <RecentCalls contract={name} refresh={callsSeen} />
          <Proposals contract={name} />
        </>
      )}
    </section>
  );
}

function Facts({ contract }: { readonly contract: contracts.ContractDetailView }) {
  const { t } = useI18n();
  return (
    <div className="panel">
      <dl className="facts hashes-whole" data-testid="contract-facts">
        <dt>{t.contracts.status}</dt>
        <dd className={contract.status === "active" ? "ok" : "bad"} data-testid="contract-status">
          {t.contracts.statuses[contract.status]}
        </dd>
        <dt>{t.contracts.version}</dt>
        <dd>{contract.version}</dd>
        <dt>{t.contracts.codeHash}</dt>
        <dd data-testid="contract-code-hash">
          <Hash value={contract.codeHash} />
        </dd>
        <dt>{t.contracts.activatedAt}</dt>
        <dd>
          <Link to={`/explorer/blocks/${contract.activatedAt}`}>{contract.activatedAt}</Link>
        </dd>
      </dl>
    </div>
  );
}

function policyText(t: ReturnType<typeof useI18n>["t"], roles: readonly string[] | undefined, readOnly: boolean): string {
  if (roles === undefined) return readOnly ? t.contracts.askOnly : t.contracts.notCallable;
  return roles.length === 0 ? t.contracts.anyMember : t.contracts.roles(roles.join(", "));
}

function Methods({ contract }: { readonly contract: contracts.ContractDetailView }) {
  const { t } = useI18n();
  return (
    <div className="panel">
      <h2>{t.contracts.methodsTitle}</h2>
      <div className="table-scroll">
        <table data-testid="contract-methods">
          <thead>
            <tr>
              <th>{t.contracts.method}</th>
              <th>{t.contracts.policyTitle}</th>
              <th>{t.contracts.argsSchema}</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(contract.methods).map(([method, declared]) => (
              <tr key={method} data-method={method}>
                <td>
                  <code>{method}</code>
                  <div className="muted">{declared.readOnly ? t.contracts.readOnly : t.contracts.changesState}</div>
                </td>
                <td data-testid="method-policy">{policyText(t, contract.policy[method], declared.readOnly)}</td>
                <td>
                  <Json value={declared.args} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function Source({ codeHash }: { readonly codeHash: string }) {
  const { t } = useI18n();
  const code = useLoad(`code:${codeHash}`, (signal) => contracts.getCode(client, { hash: codeHash, signal }));
  return (
    <div className="panel">
      <h2>{t.contracts.sourceTitle}</h2>
      <p className="muted">{t.contracts.sourceHint}</p>
      <LoadStatus loadable={code} />
      {code.state === "loaded" && (
        <pre className="json source" data-testid="contract-source" data-hash={code.value.hash}>
          {code.value.code}
        </pre>
      )}
    </div>
  );
}
