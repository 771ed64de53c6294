import type { trace } from "@kexin/sdk";
import type { ReactNode } from "react";
import { useI18n } from "../../i18n/index.tsx";
import { Link } from "../../router.tsx";
import { type CheckedCode, type Names, type Severity, organisationName, verdictOf } from "./lookup.ts";
import { Fact, PlaceName } from "./Facts.tsx";

function Badge({ kind, serious, children }: { readonly kind: string; readonly serious: boolean; readonly children: ReactNode }) {
  return (
    <span className={`badge ${serious ? "badge-bad" : "badge-info"}`} data-testid={`badge-${kind}`}>
      {children}
    </span>
  );
}

/** The unit, every flag a person must act on spelled out, and what it is and where it is now. */
export function UnitSummary({
  history,
  steps,
  checked,
  names,
}: {
  readonly history: trace.HistoryView;
  readonly steps: readonly trace.StepView[];
  readonly checked: Extract<CheckedCode, { kind: "code" }>;
  readonly names: Names;
}) {
  const { t, language } = useI18n();
  const dateTime = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short" });
  const verdict = verdictOf(history.known ? { ...history, steps } : history);
  const badgeText: Record<Severity, string> = { recalled: t.trace.badges.recalled, expired: t.trace.badges.expired, counterfeit: t.trace.badges.counterfeit };

  if (!history.known) {
    return (
      <div className="verdict bad trace-verdict" role="alert" data-testid="trace-not-found">
        <div className="badges">
          <Badge kind="counterfeit" serious>
            {t.trace.badges.counterfeit}
          </Badge>
        </div>
        <strong>{t.trace.notFoundTitle}</strong>
        <p>{history.product ? t.trace.notFoundModel(history.product.name, history.product.gtin, checked.label) : t.trace.notFound(checked.label)}</p>
      </div>
    );
  }

  const { unit, product, recall } = history;
  const explanations: { key: string; text: ReactNode }[] = [];
  if (recall) {
    const scope = recall.lot === undefined ? t.trace.recallAllLots : t.trace.recallLot(recall.lot);
    explanations.push({
      key: "recalled",
      text: (
        <>
          {t.trace.explainRecalled(scope, organisationName(names, recall.org), dateTime.format(new Date(recall.blockTime)), recall.reason)}{" "}
          <Link to={`/explorer/txs/${recall.txHash}`}>{t.trace.onChainBlock(recall.height)}</Link>
        </>
      ),
    });
  }
  if (verdict.serious.includes("expired") && unit.expiryDate !== null) {
    explanations.push({ key: "expired", text: t.trace.explainExpired(unit.expiryDate, history.judgedOn ?? "") });
  }
  if (history.flags.includes("identity_mismatch")) {
    const scanned = checked.scanned;
    let text = t.trace.explainMismatch;
    if (scanned?.lot !== undefined && unit.lot !== null && scanned.lot !== unit.lot) text = t.trace.explainMismatchLot(scanned.lot, unit.lot);
    else if (scanned?.expiryDate !== undefined && unit.expiryDate !== null && scanned.expiryDate !== unit.expiryDate) text = t.trace.explainMismatchExpiry(scanned.expiryDate, unit.expiryDate);
    explanations.push({ key: "mismatch", text });
  }
  if (verdict.seenInTwoPlaces.length > 0) {
    explanations.push({ key: "two-places", text: t.trace.explainTwoPlaces(verdict.seenInTwoPlaces.map((step) => step + 1).join(", ")) });
  }
  if (unit.status === "decommissioned") explanations.push({ key: "decommissioned", text: t.trace.explainDecommissioned(organisationName(names, unit.custodian)) });
  if (unit.status === "transformed") explanations.push({ key: "transformed", text: t.trace.explainTransformed });

  const clear = verdict.serious.length === 0 && unit.status === "active";
  return (
    <div className={`panel trace-unit ${verdict.serious.length > 0 ? "trace-unit-bad" : ""}`} data-testid="trace-result">
      <div className="trace-unit-head">
        <div className="trace-unit-name">
          <h2>{product?.name ?? history.udi}</h2>
          <span className="hash" data-testid="trace-udi">
            {history.udi}
          </span>
        </div>
        <div className="badges" data-testid="trace-badges">
          {verdict.serious.map((kind) => (
            <Badge key={kind} kind={kind} serious>
              {badgeText[kind]}
            </Badge>
          ))}
          {verdict.states.map((state) => (
            <Badge key={state} kind={state} serious={false}>
              {t.trace.badges[state]}
            </Badge>
          ))}
          {clear && (
            <span className="badge badge-ok" data-testid="badge-clear">
              {t.trace.badges.clear}
            </span>
          )}
        </div>
      </div>
      {explanations.length > 0 && (
        <ul className="trace-warnings" role="alert" data-testid="trace-warnings">
          {explanations.map((entry) => (
            <li key={entry.key}>{entry.text}</li>
          ))}
        </ul>
      )}
      {clear && <p className="ok">{t.trace.explainClear(history.judgedOn ?? "")}</p>}
      <dl className="facts" data-testid="trace-facts">
        <Fact label={t.trace.manufacturer} value={product && organisationName(names, product.manufacturer)} />
        <Fact label={t.trace.deviceClass} value={product && t.trace.deviceClassValue(product.deviceClass)} />
        <Fact label={t.trace.registrationNumber} value={product?.registrationNumber} />
        <Fact label={t.trace.gtin} value={unit.gtin} />
        <Fact label={t.trace.lot} value={unit.lot} />
        <Fact label={t.trace.serial} value={unit.serial} />
        <Fact label={t.trace.expiry} value={unit.expiryDate ?? t.trace.noExpiry} className={verdict.serious.includes("expired") ? "bad" : undefined} />
        <Fact label={t.trace.status} value={t.trace.statusValues[unit.status]} />
        <Fact label={t.trace.holder} value={organisationName(names, unit.custodian)} />
        {unit.inTransit ? (
          <Fact
            label={t.trace.inTransit}
            value={t.trace.inTransitValue(organisationName(names, unit.inTransit.from), organisationName(names, unit.inTransit.to), dateTime.format(new Date(unit.inTransit.shippedAtMs)))}
          />
        ) : (
          <Fact label={t.trace.location} value={unit.location === null ? null : <PlaceName id={unit.location} names={names} />} />
        )}
        <Fact label={t.trace.container} value={unit.container} className="hash" />
        <Fact label={t.trace.judgedOn} value={history.judgedOn} />
      </dl>
    </div>
  );
}
