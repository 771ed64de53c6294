import { identity } from "@kexin/sdk";
import { type ReactNode, useRef, useState } from "react";
import { client, useLoad } from "../../api.ts";
import { Hash } from "../../components/Hash.tsx";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { type ListPage, readPages } from "./pagedReads.ts";
import { ShownList } from "./ShownList.tsx";

type Organisation = identity.GetOrganisationsReturnType["organisations"][number];
type Member = identity.GetAccountsReturnType["accounts"][number];
type NodeKey = identity.GetNodeKeysReturnType["nodeKeys"][number];

const organisationsStep = 10;
const accountsStep = 20;
/** The identity queries' largest page. */
const identityPageLimit = 100;

/** Every organisation with its admins, members, devices and node keys, genesis ones included, from the identity queries. */
export function Organisations({ organisations, reloadKey }: { readonly organisations: readonly Organisation[]; readonly reloadKey: string }) {
  const { t } = useI18n();
  return (
    <div className="panel" data-testid="organisations">
      <h2>{t.governance.organisationsTitle}</h2>
      <p className="muted">{t.governance.organisationsNote}</p>
      <ShownList
        items={organisations}
        step={organisationsStep}
        testId="organisations-more"
        render={(shown) => shown.map((organisation) => <OrganisationCard key={organisation.id} organisation={organisation} reloadKey={reloadKey} />)}
      />
    </div>
  );
}

function OrganisationCard({ organisation, reloadKey }: { readonly organisation: Organisation; readonly reloadKey: string }) {
  const { t } = useI18n();
  const org = organisation.id;
  const accountsOfKind = (kind: "admin" | "member" | "device") => (offset: number, limit: number, signal: AbortSignal) =>
    identity.getAccounts(client, { org, kind, offset, limit, signal }).then((page): ListPage<Member> => ({ entries: page.accounts, total: page.total, next: page.next }));
  return (
    <section className="panel" data-organisation={org} aria-label={organisation.name}>
      <h3>
        {organisation.name} <span className="muted">({org})</span>
      </h3>
      <h4>{t.governance.admins}</h4>
      <PagedList loadKey={`admins-${org}-${reloadKey}`} readPage={accountsOfKind("admin")} testId="admins-more" render={(shown) => <AccountTable members={shown} testId="organisation-admins" />} />
      <h4>{t.governance.members}</h4>
      <PagedList loadKey={`members-${org}-${reloadKey}`} readPage={accountsOfKind("member")} testId="members-more" render={(shown) => <AccountTable members={shown} testId="organisation-members" />} />
      <h4>{t.governance.devices}</h4>
      <PagedList loadKey={`devices-${org}-${reloadKey}`} readPage={accountsOfKind("device")} testId="devices-more" render={(shown) => <AccountTable members={shown} testId="organisation-devices" showModel />} />
      <h4>{t.governance.nodeKeys}</h4>
      <PagedList
        loadKey={`node-keys-${org}-${reloadKey}`}
        readPage={(offset, limit, signal) => identity.getNodeKeys(client, { org, offset, limit, signal }).then((page): ListPage<NodeKey> => ({ entries: page.nodeKeys, total: page.total, next: page.next }))}
        testId="node-keys-more"
        render={(shown) => <NodeKeyTable nodeKeys={shown} />}
      />
    </section>
  );
}

/** The first `accountsStep` entries of a node's paged list, and a button that reads the next ones. */
function PagedList<T>({ loadKey, readPage, testId, render }: { readonly loadKey: string; readonly readPage: (offset: number, limit: number, signal: AbortSignal) => Promise<ListPage<T>>; readonly testId: string; readonly render: (shown: readonly T[]) => ReactNode }) {
  const { t } = useI18n();
  const [count, setCount] = useState(accountsStep);
  const loaded = useLoad(`${loadKey}-${count}`, (signal) => readPages((offset, limit) => readPage(offset, limit, signal), count, identityPageLimit));
  // The entries already shown stay up while the next ones load.
  const last = useRef<{ entries: readonly T[]; total: number } | undefined>(undefined);
  if (loaded.state === "loaded") last.current = loaded.value;
  const shown = last.current;
  if (shown === undefined || loaded.state === "failed") return <LoadStatus loadable={loaded} />;
  if (shown.entries.length === 0) return <p className="muted">{t.governance.none}</p>;
  const remaining = shown.total - shown.entries.length;
  return (
    <>
      {render(shown.entries)}
      {remaining > 0 && (
        <div className="actions" data-testid={testId}>
          <span className="muted">{t.governance.shownOf(shown.entries.length, shown.total)}</span>
          <button type="button" className="secondary" disabled={loaded.state === "loading"} onClick={() => setCount(count + accountsStep)}>
            {t.governance.showMore(Math.min(accountsStep, remaining))}
          </button>
        </div>
      )}
    </>
  );
}

function NodeKeyTable({ nodeKeys }: { readonly nodeKeys: readonly NodeKey[] }) {
  return (
    <div className="table-scroll">
      <table data-testid="organisation-node-keys">
        <tbody>
          {nodeKeys.map((nodeKey) => (
            <tr key={nodeKey.publicKey} data-node-key={nodeKey.publicKey}>
              <td>{nodeKey.name}</td>
              <td>
                <Hash value={nodeKey.publicKey} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Accounts as identity holds them now: names, roles or a device's model, and whether they were revoked. */
function AccountTable({ members, testId, showModel = false }: { readonly members: readonly Member[]; readonly testId: string; readonly showModel?: boolean }) {
  const { t } = useI18n();
  return (
    <div className="table-scroll">
      <table data-testid={testId}>
        <thead>
          <tr>
            <th>{t.governance.name}</th>
            <th>{t.governance.address}</th>
            <th>{showModel ? t.governance.model : t.governance.roles}</th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <AccountRow key={member.address} member={member} showModel={showModel} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AccountRow({ member, showModel }: { readonly member: Member; readonly showModel: boolean }) {
  const { t } = useI18n();
  return (
    <tr data-account={member.address} data-active={String(member.active)}>
      <td>
        {member.name}
        {!member.active && <span className="badge badge-bad">{t.governance.revoked}</span>}
      </td>
      <td>
        <Hash value={member.address} to={`/explorer/accounts/${member.address}`} />
      </td>
      <td data-testid="account-roles">{showModel ? member.model : member.roles.length === 0 ? <span className="muted">{t.governance.noRole}</span> : member.roles.join(", ")}</td>
    </tr>
  );
}
