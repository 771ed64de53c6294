import { identity, query, trace } from "@kexin/sdk";
import { useState } from "react";
import { client, errorCode, errorMessage, useLoad } from "../../api.ts";
import { useI18n } from "../../i18n/index.tsx";
import type { CheckedCode, Names, Place } from "./lookup.ts";
import { Timeline } from "./Timeline.tsx";
import { UnitSummary } from "./UnitSummary.tsx";

/** Steps per request; the node allows up to 1,000, but a phone should not have to draw them all at once. */
const stepsPerPage = 200;
/** Places named per lookup; beyond this they show as their GS1 location code. */
const placesNamedMax = 40;

interface Lookup {
  readonly history: trace.HistoryView;
  readonly names: Names;
}

function placeIdsOf(history: trace.HistoryView): string[] {
  if (!history.known) return [];
  const ids = new Set<string>();
  for (const step of history.steps) {
    const place = step.bizLocation ?? step.readPoint;
    if (place !== null) ids.add(place);
  }
  if (history.unit.location !== null) ids.add(history.unit.location);
  if (history.unit.inTransit?.fromLocation !== undefined) ids.add(history.unit.inTransit.fromLocation);
  return [...ids].slice(0, placesNamedMax);
}

async function loadPlaces(ids: readonly string[], known: ReadonlyMap<string, Place>, signal?: AbortSignal): Promise<Map<string, Place>> {
  const places = new Map(known);
  const missing = ids.filter((id) => !places.has(id));
  const answers = await Promise.all(
    missing.map((id) => query<Place>(client, { module: "trace", query: "location", parameters: { id }, signal }).catch(() => undefined)),
  );
  answers.forEach((place, index) => place && places.set(missing[index] as string, place));
  return places;
}

async function loadLookup(code: string, date: string, signal: AbortSignal): Promise<Lookup> {
  const [history, organisations] = await Promise.all([
    trace.getHistory(client, { udi: code, date, limit: stepsPerPage, signal }),
    identity.getOrganisations(client, { signal }).catch(() => ({ organisations: [] })),
  ]);
  const places = await loadPlaces(placeIdsOf(history), new Map(), signal);
  return { history, names: { organisations: new Map(organisations.organisations.map((organisation) => [organisation.id, organisation.name])), places } };
}

/** The answer to one lookup: the unit with its flags, then its timeline, paged. */
export function LookupResult({ checked, date }: { readonly checked: Extract<CheckedCode, { kind: "code" }>; readonly date: string }) {
  const { t } = useI18n();
  const loaded = useLoad(`${checked.code}\n${date}`, (signal) => loadLookup(checked.code, date, signal));
  const [later, setLater] = useState<{ steps: trace.StepView[]; next: number | null; places: ReadonlyMap<string, Place> } | undefined>(undefined);
  const [loadingMore, setLoadingMore] = useState<"idle" | "loading" | "failed">("idle");

  if (loaded.state === "loading") return <p className="muted">{t.common.loading}</p>;
  if (loaded.state === "failed") {
    const invalid = errorCode(loaded.error) === "TRACE_INVALID_UDI";
    return (
      <div className="notice" role="alert" data-testid="trace-message">
        {invalid ? <strong>{t.trace.invalidUdi}</strong> : t.common.error(errorMessage(loaded.error))}
        {invalid && <p className="step-detail">{errorMessage(loaded.error)}</p>}
      </div>
    );
  }
  const { history, names } = loaded.value;
  if (!history.known) return <UnitSummary history={history} steps={[]} checked={checked} names={names} />;

  const steps = later ? [...history.steps, ...later.steps] : history.steps;
  const next = later ? later.next : history.next;
  const allNames: Names = later ? { organisations: names.organisations, places: later.places } : names;
  const loadMore = async () => {
    if (next === null) return;
    setLoadingMore("loading");
    try {
      const page = await trace.getHistory(client, { udi: checked.code, date, after: next, limit: stepsPerPage });
      if (!page.known) throw new Error(t.trace.notFoundTitle);
      const places = await loadPlaces(placeIdsOf(page), allNames.places);
      setLater({ steps: [...(later?.steps ?? []), ...page.steps], next: page.next, places });
      setLoadingMore("idle");
    } catch {
      setLoadingMore("failed");
    }
  };
  return (
    <>
      <UnitSummary history={history} steps={steps} checked={checked} names={allNames} />
      <Timeline steps={steps} total={history.unit.steps} names={allNames} />
      {next !== null && (
        <div className="actions">
          <button type="button" className="secondary" onClick={() => void loadMore()} disabled={loadingMore === "loading"} data-testid="trace-more">
            {loadingMore === "loading" ? t.common.loading : t.trace.moreSteps(history.unit.steps - steps.length)}
          </button>
          {loadingMore === "failed" && <span className="bad">{t.trace.moreFailed}</span>}
        </div>
      )}
    </>
  );
}
