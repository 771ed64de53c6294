import type { GrantRecord } from "@kexin/core";
import type { Wallet } from "@kexin/sdk";
import { useState } from "react";
import { type StatusState, useLoad } from "../../api.ts";
import { Hash } from "../../components/Hash.tsx";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { Link } from "../../router.tsx";
import { Pager } from "./Pager.tsx";
import { SigningKey } from "./SigningKey.tsx";
import { useMembership } from "./useMembership.ts";
import { accessState, grantState, localPage } from "./grantStates.ts";
import { RequestedItems } from "./RequestedItems.tsx";
import { type OrganisationGrants, organisationGrants, viewerAccessesPage } from "./viewerLists.ts";

const pageLimit = 20;

/**
 * `/datashare/mine`: for the member whose key is open, the grants its organisation gave and
 * received, and its own accesses with whether their keys can still be released.
 */
export function Mine({ statusState }: { readonly statusState: StatusState }) {
  const { t } = useI18n();
  const [wallet, setWallet] = useState<Wallet | undefined>(undefined);
  const membership = useMembership(wallet);
  const organisation = membership.state === "known" ? membership.member?.org : undefined;
  const height = statusState.status?.height ?? 0;
  return (
    <>
      <div className="panel" data-testid="mine-panel">
        <h2>{t.datashare.mine.title}</h2>
        <p className="muted">{t.datashare.mine.intro}</p>
        <SigningKey statusState={statusState} wallet={wallet} onWallet={setWallet} />
      </div>
      {wallet && organisation !== undefined && <Lists organisation={organisation} viewer={wallet.address} height={height} />}
    </>
  );
}

function Lists({ organisation, viewer, height }: { readonly organisation: string; readonly viewer: string; readonly height: number }) {
  const grants = useLoad(`datashare-mine-grants-${organisation}-${viewer}`, (signal) => organisationGrants(organisation, viewer, signal));
  return (
    <>
      <GrantList which="given" organisation={organisation} viewer={viewer} grants={grants} height={height} />
      <GrantList which="received" organisation={organisation} viewer={viewer} grants={grants} height={height} />
      {/* An access's state is judged against the grants, so its list waits for them. */}
      <MyAccesses viewer={viewer} grants={grants.state === "loaded" ? grants.value.all : undefined} height={height} />
    </>
  );
}

function GrantList({
  which,
  organisation,
  viewer,
  grants,
  height,
}: {
  readonly which: "given" | "received";
  readonly organisation: string;
  readonly viewer: string;
  readonly grants: ReturnType<typeof useLoad<OrganisationGrants>>;
  readonly height: number;
}) {
  const { t } = useI18n();
  const [start, setStart] = useState(0);
  const words = t.datashare.mine;
  const list: readonly GrantRecord[] = grants.state === "loaded" ? grants.value[which] : [];
  const page = localPage(list, start, pageLimit);
  const grantee = (grant: GrantRecord) => (grant.grantee.kind === "organisation" ? grant.grantee.id : grant.grantee.id === viewer ? words.you : <Hash value={grant.grantee.id} />);
  return (
    <div className="panel">
      <h2>{which === "given" ? words.givenTitle(organisation) : words.receivedTitle(organisation)}</h2>
      <LoadStatus loadable={grants} />
      {grants.state === "loaded" && grants.value.truncated && <p className="notice">{words.truncated}</p>}
      {grants.state === "loaded" && list.length === 0 && <p className="muted">{which === "given" ? words.noneGiven : words.noneReceived}</p>}
      {page.items.length > 0 && (
        <>
          <div className="table-scroll">
            <table data-testid={`grants-${which}`}>
              <thead>
                <tr>
                  <th>{t.datashare.dataset}</th>
                  <th>{t.datashare.grantee}</th>
                  <th>{t.datashare.purpose}</th>
                  <th className="numeric">{t.datashare.used}</th>
                  <th className="numeric">{t.datashare.expiresAt}</th>
                  <th>{words.state}</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((grant) => {
                  const state = grantState(grant, height);
                  return (
                    <tr key={`${grant.dataset}:${grant.grantee.kind}:${grant.grantee.id}`} data-dataset={grant.dataset} data-grantee={grant.grantee.id} data-state={state}>
                      <td>
                        <Link to={`/datashare/datasets/${grant.dataset}`}>{grant.dataset}</Link>
                      </td>
                      <td>{grantee(grant)}</td>
                      <td>{grant.purpose}</td>
                      <td className="numeric">{`${grant.accesses} / ${grant.accessesMax}`}</td>
                      <td className="numeric">{grant.expiresAt}</td>
                      <td className={state === "standing" ? "ok" : "bad"}>{state === "revoked" && grant.revokedFrom !== undefined ? t.datashare.revokedFrom(grant.revokedFrom) : words.grantStates[state]}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Pager page={page} limit={pageLimit} onStart={setStart} testId={`grants-${which}-pager`} />
        </>
      )}
    </div>
  );
}

function MyAccesses({ viewer, grants, height }: { readonly viewer: string; readonly grants: readonly GrantRecord[] | undefined; readonly height: number }) {
  const { t, language } = useI18n();
  const [start, setStart] = useState(0);
  const accesses = useLoad(`datashare-mine-accesses-${viewer}-${start}`, (signal) => viewerAccessesPage(viewer, start, pageLimit, signal));
  const words = t.datashare.mine;
  const time = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "medium" });
  const page = accesses.state === "loaded" && grants !== undefined ? accesses.value : undefined;
  return (
    <div className="panel">
      <h2>{words.accessesTitle}</h2>
      <p className="muted">{words.accessesHint}</p>
      <LoadStatus loadable={accesses} />
      {accesses.state === "loaded" && grants === undefined && <p className="muted">{t.common.loading}</p>}
      {page !== undefined && page.total === 0 && <p className="muted">{words.noAccesses}</p>}
      {page !== undefined && page.accesses.length > 0 && (
        <>
          <div className="table-scroll">
            <table data-testid="my-accesses">
              <thead>
                <tr>
                  <th>{t.datashare.time}</th>
                  <th>{t.datashare.dataset}</th>
                  <th>{t.datashare.requested}</th>
                  <th>{t.datashare.purpose}</th>
                  <th className="numeric">{words.price}</th>
                  <th>{words.state}</th>
                  <th>{t.datashare.transaction}</th>
                </tr>
              </thead>
              <tbody>
                {page.accesses.map((entry) => {
                  const state = accessState(entry, grants ?? [], height);
                  const readable = state === "releasable" || state === "own";
                  return (
                    <tr key={entry.tx} data-access={entry.tx} data-kind={entry.kind} data-state={state}>
                      <td>{time.format(new Date(entry.time))}</td>
                      <td>{entry.dataset === undefined ? "—" : <Link to={`/datashare/datasets/${entry.dataset}`}>{entry.dataset}</Link>}</td>
                      <td>
                        <RequestedItems entry={entry} recordLink={readable ? (record) => `/datashare/records/${record}?access=${entry.tx}` : undefined} />
                      </td>
                      <td>{entry.purpose}</td>
                      <td className="numeric">{entry.price}</td>
                      <td className={readable ? "ok" : state === "verification" || state === "compute" ? "" : "bad"}>{words.accessStates[state]}</td>
                      <td>
                        <Hash value={entry.tx} to={`/explorer/txs/${entry.tx}`} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Pager page={page} limit={pageLimit} onStart={setStart} testId="my-accesses-pager" />
        </>
      )}
    </div>
  );
}
