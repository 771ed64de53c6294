import type { trace } from "@kexin/sdk";
import { useI18n } from "../../i18n/index.tsx";
import type { Messages } from "../../i18n/index.tsx";
import { Link } from "../../router.tsx";
import { type Names, eventTimeParts, organisationName, plainWord, vocabularyKey } from "./lookup.ts";
import { Fact, PlaceName } from "./Facts.tsx";

/** A label from the console's vocabulary, or the word itself for steps and dispositions it has no label for. */
function labelOf(labels: Readonly<Record<string, string>>, value: string): string {
  return labels[vocabularyKey(value)] ?? plainWord(value);
}

/** What happened, for a reader who does not know EPCIS: the business step, or the event type and action. */
function whatHappened(t: Messages, step: trace.StepView): string {
  if (step.bizStep !== null) return labelOf(t.trace.bizSteps, step.bizStep);
  return [step.type.replace(/Event$/, ""), step.action].filter((part) => part !== null).join(" ");
}

/** The unit's steps in recorded order: what, when (local time where it happened), where, who, with each step's proof. */
export function Timeline({ steps, total, names }: { readonly steps: readonly trace.StepView[]; readonly total: number; readonly names: Names }) {
  const { t, language } = useI18n();
  const format = new Intl.DateTimeFormat(language, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return (
    <div className="panel">
      <h2>{t.trace.timelineTitle(total)}</h2>
      {steps.length === 0 ? (
        <p className="muted">{t.trace.noSteps}</p>
      ) : (
        <ol className="timeline" data-testid="trace-timeline">
          {steps.map((step) => {
            const time = eventTimeParts(step.eventTime, step.eventTimeZoneOffset);
            const place = step.bizLocation ?? step.readPoint;
            return (
              <li key={step.step} className={step.flags.length > 0 ? "timeline-flagged" : undefined} data-testid="trace-step" data-step={step.step}>
                <div className="timeline-what" data-testid="trace-step-what">
                  {whatHappened(t, step)}
                </div>
                <div className="timeline-when">
                  {time ? (
                    <time dateTime={step.eventTime}>
                      {format.format(time.at)} <span className="muted">{time.zone}</span>
                    </time>
                  ) : (
                    step.eventTime
                  )}
                </div>
                <dl className="timeline-facts">
                  <Fact label={t.trace.who} value={<span data-testid="trace-step-who">{organisationName(names, step.org)}</span>} />
                  <Fact label={t.trace.where} value={place === null ? null : <PlaceName id={place} names={names} />} />
                  <Fact label={t.trace.shippedTo} value={step.destination === null ? null : organisationName(names, step.destination)} />
                  <Fact label={t.trace.disposition} value={step.disposition === null ? null : labelOf(t.trace.dispositions, step.disposition)} />
                  <Fact label={t.trace.via} value={step.via} className="hash" />
                </dl>
                {step.flags.length > 0 && (
                  <div className="badges">
                    {step.flags.map((rule) => (
                      <span key={rule} className="badge badge-bad" data-testid={`step-alert-${rule}`}>
                        {t.trace.rules[rule]}
                      </span>
                    ))}
                  </div>
                )}
                <div className="step-detail">
                  <Link to={`/explorer/txs/${step.proof.txHash}`}>{t.trace.onChainBlock(step.proof.height)}</Link>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
