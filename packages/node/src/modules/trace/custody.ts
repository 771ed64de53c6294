import type { EpcisEvent } from "@kexin/core";
import { TraceModuleError, invalidEvent } from "./errors.ts";
import { unitLabel } from "./identifiers.ts";
import type { Location, Transit, UnitRecord, UnitStatus } from "./records.ts";

/** Business steps with a meaning for custody and the rules (CBV 2.0 words, plus one Kexin URI). */
export const traceBizSteps = {
  shipping: "shipping",
  voidShipping: "void_shipping",
  /** Steps by which the destination takes custody of a shipment. */
  receiving: new Set(["receiving", "accepting"]) as ReadonlySet<string>,
  /** Steps the destination may record before it takes custody. */
  arriving: "arriving",
  decommissioning: new Set(["decommissioning", "destroying"]) as ReadonlySet<string>,
  maintenance: new Set(["repairing", "inspecting"]) as ReadonlySet<string>,
  /** One clinical use of a device; CBV has no word for it, so it is a URI as EPCIS requires. */
  use: "urn:kexin:bizstep:using",
} as const;

const endOfLifeDispositions: ReadonlySet<string> = new Set(["destroyed", "disposed"]);

/** Location, party and destination preference for a shipment: a place names the receiver best. */
const destinationTypeOrder = ["location", "possessing_party", "owning_party"];

/**
 * Only the organisation holding custody records the next step. The one exception is a shipment's
 * destination, which may record its arrival and receipt, and so takes custody.
 */
export function checkCustody(unit: UnitRecord, org: string, event: EpcisEvent, field: string): void {
  const step = event.bizStep;
  if (unit.custodian === org) {
    if (step === traceBizSteps.shipping && unit.inTransit !== undefined) {
      throw new TraceModuleError(
        { code: "TRACE_IN_TRANSIT", unit: unitLabel(unit), destination: unit.inTransit.to, field },
        `${field}: ${unitLabel(unit)} is already shipped to "${unit.inTransit.to}"; record void_shipping before shipping it elsewhere`,
      );
    }
    return;
  }
  const destination = unit.inTransit?.to;
  if (destination === org && step !== undefined && (traceBizSteps.receiving.has(step) || step === traceBizSteps.arriving)) return;
  const what = step ?? `${event.type}${"action" in event ? ` ${event.action}` : ""}`;
  const hint =
    destination === org
      ? `; it is in transit to "${org}", which takes custody by recording receiving at one of its registered locations`
      : destination !== undefined
        ? ` (in transit to "${destination}")`
        : "";
  throw new TraceModuleError(
    { code: "TRACE_NOT_CUSTODIAN", unit: unitLabel(unit), custodian: unit.custodian, org, field },
    `${field}: ${unitLabel(unit)} is in the custody of "${unit.custodian}"${hint}; "${org}" may not record ${what} for it — only the custodian records the next step`,
  );
}

/**
 * The organisation a shipping event sends to, from its destinationList and the location registry.
 * EPCIS does not require a destination: a shipment that names none is recorded as a step of the
 * custodian's and puts nothing in transit, so custody cannot pass on receipt.
 */
export function shippingDestination(event: EpcisEvent, path: string, lookup: (id: string) => Location | undefined): { org: string; id: string } | undefined {
  const field = `${path}.destinationList`;
  const destinations = event.destinationList ?? [];
  if (destinations.length === 0) return undefined;
  const ranked = [...destinations].sort((a, b) => rank(a.type) - rank(b.type));
  const known = ranked.map((entry) => ({ entry, location: lookup(entry.destination) })).filter((item) => item.location !== undefined);
  if (known.length === 0) {
    const first = ranked[0]!.destination;
    throw new TraceModuleError(
      { code: "TRACE_UNKNOWN_LOCATION", location: first, field },
      `${field}: destination ${first} is not registered; the receiving organisation's admin registers it with register_location`,
    );
  }
  const orgs = [...new Set(known.map((item) => item.location!.org))];
  if (orgs.length > 1) throw invalidEvent(field, `destinations belong to different organisations (${orgs.join(", ")}); ship to one organisation per event`);
  return { org: orgs[0]!, id: known[0]!.entry.destination };
}

function rank(type: string): number {
  const index = destinationTypeOrder.indexOf(type);
  return index === -1 ? destinationTypeOrder.length : index;
}

/** What one event does to every object it touches. */
export interface StepEffect {
  readonly org: string;
  readonly event: EpcisEvent;
  readonly seq: number;
  readonly eventTimeMs: number;
  readonly location: { readonly id: string; readonly region: string } | undefined;
  readonly destination: { readonly org: string; readonly id: string } | undefined;
  /** Transformation inputs are consumed. */
  readonly consumed: boolean;
}

/** The next state of one object after an event; pure. */
export function nextUnitState(before: UnitRecord, effect: StepEffect): { after: UnitRecord; received: boolean; used: boolean } {
  const { event, org } = effect;
  const step = event.bizStep;
  let custodian = before.custodian;
  let inTransit: Transit | undefined = before.inTransit;
  let received = false;
  if (step === traceBizSteps.shipping && effect.destination !== undefined) {
    inTransit = {
      to: effect.destination.org,
      from: org,
      shippedAtMs: effect.eventTimeMs,
      event: effect.seq,
      ...(effect.location === undefined ? {} : { fromLocation: effect.location.id }),
    };
  } else if (inTransit !== undefined && step !== undefined && traceBizSteps.receiving.has(step)) {
    // A receipt by the destination, including an organisation receiving at its own other site.
    received = inTransit.to === org;
    custodian = org;
    inTransit = undefined;
  } else if (inTransit !== undefined && step === traceBizSteps.voidShipping && custodian === org) {
    inTransit = undefined;
  }
  let status: UnitStatus = before.status;
  const deleted = "action" in event && event.action === "DELETE" && event.type === "ObjectEvent";
  if (effect.consumed) status = "transformed";
  else if (deleted || (step !== undefined && traceBizSteps.decommissioning.has(step)) || (event.disposition !== undefined && endOfLifeDispositions.has(event.disposition))) {
    status = "decommissioned";
  }
  const used = step === traceBizSteps.use;
  const maintained = step !== undefined && traceBizSteps.maintenance.has(step);
  const after: UnitRecord = {
    ...before,
    custodian,
    inTransit,
    status,
    disposition: event.disposition ?? before.disposition,
    location: effect.location?.id ?? before.location,
    region: effect.location === undefined ? before.region : effect.location.region,
    lastSighting: effect.location === undefined ? before.lastSighting : { location: effect.location.id, timeMs: effect.eventTimeMs },
    usesSinceMaintenance: maintained ? 0 : used ? before.usesSinceMaintenance + 1 : before.usesSinceMaintenance,
    steps: before.steps + 1,
  };
  return { after, received, used };
}
