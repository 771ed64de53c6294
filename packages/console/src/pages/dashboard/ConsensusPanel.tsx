import type { StatusView } from "@kexin/sdk";
import { Hash } from "../../components/Hash.tsx";
import { useI18n } from "../../i18n/index.tsx";

/** Where consensus stands: height, round and step being decided, the round's proposer, the last commit, slow rounds and halts. */
export function ConsensusPanel({ state, timeFormat }: { readonly state: StatusView["consensusState"]; readonly timeFormat: Intl.DateTimeFormat }) {
  const { t, language } = useI18n();
  if (state === undefined) return null;
  return (
    <div className="panel" data-testid="consensus-state">
      <h2>{t.dashboard.consensusState}</h2>
      {state === null ? (
        <p className="bad">{t.dashboard.consensusUnknown}</p>
      ) : (
        <dl className="facts">
          <dt>{t.dashboard.roundAtHeight}</dt>
          <dd data-testid="consensus-round" data-round={state.round} data-height={state.height}>
            {t.dashboard.roundValue(state.round, state.height.toLocaleString(language))}
          </dd>
          <dt>{t.dashboard.step}</dt>
          <dd data-testid="consensus-step">{t.dashboard.steps[state.step]}</dd>
          <dt>{t.dashboard.proposer}</dt>
          <dd data-testid="consensus-proposer">
            <Hash value={state.proposer.address} />
          </dd>
          <dt>{t.dashboard.lastCommit}</dt>
          <dd data-testid="consensus-last-commit">{state.lastCommitTime === null ? t.dashboard.noCommitSinceStart : timeFormat.format(new Date(state.lastCommitTime))}</dd>
          <dt>{t.dashboard.roundsAboveZero}</dt>
          <dd data-testid="consensus-rounds-above-zero" data-value={state.roundsAboveZero}>
            {state.roundsAboveZero.toLocaleString(language)}
          </dd>
          <dt>{t.dashboard.halted}</dt>
          <dd data-testid="consensus-halted" className={state.halted === null ? "ok" : "bad"}>
            {state.halted === null ? t.dashboard.running : t.dashboard.haltedBecause(state.halted)}
          </dd>
        </dl>
      )}
    </div>
  );
}
