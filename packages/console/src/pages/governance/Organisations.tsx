import { identity } from "@kexin/sdk";
import { client, useLoad } from "../../api.ts";
import { Hash } from "../../components/Hash.tsx";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { useI18n } from "../../i18n/index.tsx";
import type { RegisteredAccount, RegisteredNodeKey } from "./recentAdminTransactions.ts";
import { ShownList } from "./ShownList.tsx";

type Organisation = identity.GetOrganisationsReturnType["organisations"][number];
type Member = identity.GetMemberReturnType;

const organisationsStep = 10;
const accountsStep = 20;

/** Every organisation with its admins, and the members, devices and node keys registered in the blocks read. */
export function Organisations({ organisations, accounts, nodeKeys, reloadKey }: { readonly organisations: readonly Organisation[]; readonly accounts: readonly RegisteredAccount[]; readonly nodeKeys: readonly RegisteredNodeKey[]; readonly reloadKey: string }) {
  const { t } = useI18n();
  return (
    <div className="panel" data-testid="organisations">
      <h2>{t.governance.organisationsTitle}</h2>
      <p className="muted">{t.governance.organisationsNote}</p>
      <ShownList
        items={organisations}
        step={organisationsStep}
        testId="organisations-more"
        render={(shown) =>
          shown.map((organisation) => (
            <OrganisationCard
              key={organisation.id}
              organisation={organisation}
              accounts={accounts.filter((account) => account.org === organisation.id)}
              nodeKeys={nodeKeys.filter((nodeKey) => nodeKey.org === organisation.id)}
              reloadKey={reloadKey}
            />
          ))
        }
      />
    </div>
  );
}

function OrganisationCard({ organisation, accounts, nodeKeys, reloadKey }: { readonly organisation: Organisation; readonly accounts: readonly RegisteredAccount[]; readonly nodeKeys: readonly RegisteredNodeKey[]; readonly reloadKey: string }) {
  const { t } = useI18n();
  const members = accounts.filter((account) => account.kind === "member");
  const devices = accounts.filter((account) => account.kind === "device");
  return (
    <section className="panel" data-organisation={organisation.id} aria-label={organisation.name}>
      <h3>
        {organisation.name} <span className="muted">({organisation.id})</span>
      </h3>
      <h4>{t.governance.admins}</h4>
      <AccountTable addresses={organisation.admins} reloadKey={reloadKey} testId="organisation-admins" />
      <h4>{t.governance.members}</h4>
      <ShownList items={members} step={accountsStep} testId="members-more" render={(shown) => <AccountTable addresses={shown.map((account) => account.address)} reloadKey={reloadKey} testId="organisation-members" />} />
      <h4>{t.governance.devices}</h4>
      <ShownList items={devices} step={accountsStep} testId="devices-more" render={(shown) => <AccountTable addresses={shown.map((account) => account.address)} reloadKey={reloadKey} testId="organisation-devices" showModel />} />
      <h4>{t.governance.nodeKeys}</h4>
      {nodeKeys.length === 0 ? (
        <p className="muted">{t.governance.none}</p>
      ) : (
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
      )}
    </section>
  );
}

/** The accounts as identity holds them now: names, roles, and whether they were revoked since. */
function AccountTable({ addresses, reloadKey, testId, showModel = false }: { readonly addresses: readonly string[]; readonly reloadKey: string; readonly testId: string; readonly showModel?: boolean }) {
  const { t } = useI18n();
  const loaded = useLoad(`accounts-${reloadKey}-${addresses.join(",")}`, (signal) => Promise.all(addresses.map((address) => identity.getMember(client, { address, signal }))));
  if (addresses.length === 0) return <p className="muted">{t.governance.none}</p>;
  if (loaded.state !== "loaded") return <LoadStatus loadable={loaded} />;
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
          {loaded.value.map((member) => (
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
