import { client, errorMessage, useLoad } from "../../api.ts";
import { Hash } from "../../components/Hash.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { SearchBox } from "./SearchBox.tsx";

/** The account answer with the committed count the node also returns (docs/api.md), which the SDK type leaves out. */
interface AccountAnswer {
  readonly address: string;
  readonly nonce: number;
  readonly committedNonce?: number;
  readonly member: { readonly org: string; readonly roles: readonly string[]; readonly kind: string; readonly name: string; readonly active?: boolean } | null;
}

/** `/explorer/accounts/:address`: registration and nonces of one account. */
export function AccountDetail({ address }: { readonly address: string }) {
  const { t } = useI18n();
  const account = useLoad(`account:${address}`, (signal) => client.getAccount({ address, signal }) as Promise<AccountAnswer>);
  return (
    <section aria-labelledby="account-title">
      <SearchBox />
      <h1 id="account-title">{t.account.title}</h1>
      <p>
        <Hash value={address} />
      </p>
      {account.state === "loading" && <p className="muted">{t.common.loading}</p>}
      {account.state === "failed" && (
        <p className="notice" role="alert">
          {t.common.error(errorMessage(account.error))}
        </p>
      )}
      {account.state === "loaded" && (
        <div className="panel">
          <dl className="facts" data-testid="account-facts">
            <dt>{t.account.nonce}</dt>
            <dd>{account.value.nonce}</dd>
            {account.value.committedNonce !== undefined && (
              <>
                <dt>{t.account.committedNonce}</dt>
                <dd>{account.value.committedNonce}</dd>
              </>
            )}
            {!account.value.member && (
              <>
                <dt>{t.account.member}</dt>
                <dd>{t.account.notRegistered}</dd>
              </>
            )}
            {account.value.member && (
              <>
                <dt>{t.account.name}</dt>
                <dd>{account.value.member.name}</dd>
                <dt>{t.account.org}</dt>
                <dd>{account.value.member.org}</dd>
                <dt>{t.account.kind}</dt>
                <dd>{account.value.member.kind}</dd>
                <dt>{t.account.roles}</dt>
                <dd>{account.value.member.roles.join(", ") || t.common.none}</dd>
                {account.value.member.active !== undefined && (
                  <>
                    <dt>{t.account.active}</dt>
                    <dd>{account.value.member.active ? t.common.yes : t.common.no}</dd>
                  </>
                )}
              </>
            )}
          </dl>
          <p className="muted">{t.account.noTxList}</p>
        </div>
      )}
    </section>
  );
}
