import { type EpcisEvent, type JsonValue, TraceError, parseEpcisDocument, utf8 } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import { notAuthorised } from "../../execution/errors.ts";
import { type TxContext, defineTxType } from "../../execution/interface.ts";
import { type Account, requireRegistered } from "../identity/index.ts";
import { type StepEffect, checkCustody, nextUnitState, shippingDestination, traceBizSteps } from "./custody.ts";
import { TraceModuleError, invalidEvent, limitExceeded } from "./errors.ts";
import { type ObjectIdentity, checkLot, identifyEpc, unitLabel } from "./identifiers.ts";
import { traceKeys } from "./keys.ts";
import { traceModuleLimits } from "./limits.ts";
import { type DeviceClass, type EventRecord, type Location, type Product, type UnitRecord, type UnitStep, getRecord, putRecord, takeCounter, traceCounters } from "./records.ts";
import { noteBlockTime, requireOwnProduct, requireProduct, traceRoles } from "./registry.ts";
import { AlertCollector, type RuleSet, type TemperatureSpan, alertEventAttributes, evaluateRules, readRules, temperatureSpanOf } from "./rules.ts";
import { updateStock } from "./stock.ts";
import { epcisTimeMs, isCalendarDate } from "./time.ts";

/** An EPC as an event lists it, with the JSON path used in messages. */
interface Reference {
  readonly identity: ObjectIdentity;
  readonly field: string;
}

/** Which objects an event brings into existence, which it expects to exist, and what it does to packing. */
interface EventShape {
  readonly created: readonly Reference[];
  readonly existing: readonly Reference[];
  readonly consumed: ReadonlySet<string>;
  readonly aggregation?: { readonly parent: Reference; readonly children: readonly Reference[]; readonly change: "add" | "remove" | "none" };
}

function referencesOf(list: readonly string[] | undefined, field: string): Reference[] {
  return (list ?? []).map((epc, index) => ({ identity: identifyEpc(epc, `${field}[${index}]`), field: `${field}[${index}]` }));
}

function referenceOf(epc: string | undefined, field: string): Reference[] {
  return epc === undefined ? [] : [{ identity: identifyEpc(epc, field), field }];
}

/** Drops repeated EPCs (the first mention wins); one EPC may not be both created and expected to exist. */
function distinct(created: readonly Reference[], existing: readonly Reference[]): { created: Reference[]; existing: Reference[] } {
  const seen = new Set<string>();
  const keep = (references: readonly Reference[]): Reference[] =>
    references.filter((reference) => {
      if (seen.has(reference.identity.key)) return false;
      seen.add(reference.identity.key);
      return true;
    });
  const createdKept = keep(created);
  const createdKeys = new Set(createdKept.map((reference) => reference.identity.key));
  for (const reference of existing) {
    if (createdKeys.has(reference.identity.key)) throw invalidEvent(reference.field, `${reference.identity.epc} is both created and consumed by the same event`);
  }
  return { created: createdKept, existing: keep(existing) };
}

function shapeOf(event: EpcisEvent, path: string): EventShape {
  const none: ReadonlySet<string> = new Set();
  switch (event.type) {
    case "ObjectEvent": {
      const listed = referencesOf(event.epcList, `${path}.epcList`);
      // EPCIS: ADD means the objects were commissioned by this event.
      return { ...(event.action === "ADD" ? distinct(listed, []) : distinct([], listed)), consumed: none };
    }
    case "AggregationEvent": {
      const children = referencesOf(event.childEPCs, `${path}.childEPCs`);
      const parents = referenceOf(event.parentID, `${path}.parentID`);
      const change = event.action === "ADD" ? "add" : event.action === "DELETE" ? "remove" : "none";
      const shape = distinct([], [...parents, ...children]);
      const parent = parents[0];
      if (parent !== undefined && children.some((child) => child.identity.key === parent.identity.key)) {
        throw invalidEvent(`${path}.childEPCs`, `${parent.identity.epc} cannot contain itself`);
      }
      return parent === undefined ? { ...shape, consumed: none } : { ...shape, consumed: none, aggregation: { parent, children: shape.existing.slice(1), change } };
    }
    case "TransformationEvent": {
      const inputs = referencesOf(event.inputEPCList, `${path}.inputEPCList`);
      const shape = distinct(referencesOf(event.outputEPCList, `${path}.outputEPCList`), inputs);
      return { ...shape, consumed: new Set(shape.existing.map((reference) => reference.identity.key)) };
    }
    case "TransactionEvent":
      return { ...distinct([], [...referenceOf(event.parentID, `${path}.parentID`), ...referencesOf(event.epcList, `${path}.epcList`)]), consumed: none };
    case "AssociationEvent":
      return { ...distinct([], [...referenceOf(event.parentID, `${path}.parentID`), ...referencesOf(event.childEPCs, `${path}.childEPCs`)]), consumed: none };
  }
}

/** Lot and expiry a commissioning event states in its ILMD (CBV master data attributes). */
function ilmdAttributes(event: EpcisEvent, path: string): { lot?: string; expiryDate?: string } {
  const ilmd = "ilmd" in event ? event.ilmd : undefined;
  if (ilmd === undefined) return {};
  const read = (name: string): string | undefined => {
    const value: JsonValue | undefined = Object.hasOwn(ilmd, name) ? ilmd[name] : undefined;
    if (value === undefined) return undefined;
    if (typeof value !== "string") throw invalidEvent(`${path}.ilmd.${name}`, "must be a string");
    return value;
  };
  const lot = read("cbvmda:lotNumber");
  const expiryDate = read("cbvmda:itemExpirationDate");
  if (expiryDate !== undefined && !isCalendarDate(expiryDate)) throw invalidEvent(`${path}.ilmd.cbvmda:itemExpirationDate`, `must be a date YYYY-MM-DD, got ${JSON.stringify(expiryDate.slice(0, 40))}`);
  return { ...(lot === undefined ? {} : { lot }), ...(expiryDate === undefined ? {} : { expiryDate }) };
}

/** The records of one event being worked on: a working copy per object, in the order they were reached. */
interface Touched {
  readonly before: UnitRecord | undefined;
  current: UnitRecord;
  readonly field: string;
  readonly via?: string;
  alerts: string[];
}

/**
 * One `import_epcis` transaction: the events of a document recorded in order, each seeing the
 * writes of the ones before it. Any refusal fails the whole transaction, so a document is
 * recorded completely or not at all.
 */
class ImportSession {
  private objects = 0;
  private alerts = 0;
  private announced = 0;
  private firstEvent = -1;
  private readonly products = new Map<string, Product>();
  private readonly locations = new Map<string, Location | null>();
  private readonly rules = new Map<DeviceClass, RuleSet | null>();

  constructor(
    private readonly context: TxContext,
    private readonly account: Account,
  ) {}

  private product(gtin: string): Product {
    let product = this.products.get(gtin);
    if (product === undefined) {
      product = requireProduct(this.context, gtin);
      this.products.set(gtin, product);
    }
    return product;
  }

  private location(id: string): Location | undefined {
    if (!this.locations.has(id)) this.locations.set(id, getRecord<Location>(this.context.state, traceKeys.location(id)) ?? null);
    return this.locations.get(id) ?? undefined;
  }

  private rulesOf(deviceClass: DeviceClass): RuleSet | undefined {
    if (!this.rules.has(deviceClass)) this.rules.set(deviceClass, readRules(this.context.state, deviceClass) ?? null);
    return this.rules.get(deviceClass) ?? undefined;
  }

  private load(key: string): UnitRecord | undefined {
    return getRecord<UnitRecord>(this.context.state, traceKeys.unit(key));
  }

  private create(reference: Reference, event: EpcisEvent, path: string): UnitRecord {
    const { identity, field } = reference;
    if (this.load(identity.key) !== undefined) {
      throw new TraceModuleError({ code: "TRACE_UNIT_EXISTS", unit: unitLabel(identity), field }, `${field}: ${unitLabel(identity)} is already commissioned; an identifier is commissioned once`);
    }
    const org = this.account.org;
    if (identity.kind === "object" || identity.gtin === undefined) {
      return { key: identity.key, kind: "object", epc: identity.epc, custodian: org, createdBy: org, status: "active", region: "", steps: 0, usesSinceMaintenance: 0 };
    }
    if (!this.account.roles.includes(traceRoles.manufacturer)) {
      throw notAuthorised(this.context.caller.address, traceRoles.manufacturer, `${field}: only a member with the "manufacturer" role commissions units; signer ${this.context.caller.address} does not have it`);
    }
    requireOwnProduct(this.product(identity.gtin), this.account, field);
    const declared = ilmdAttributes(event, path);
    if (identity.lot !== undefined && declared.lot !== undefined && identity.lot !== declared.lot) {
      throw invalidEvent(field, `lot ${identity.lot} differs from the lot ${declared.lot} in ilmd`);
    }
    const lot = identity.lot ?? declared.lot;
    if (lot !== undefined) checkLot(identity.gtin, lot, `${path}.ilmd.cbvmda:lotNumber`);
    return {
      key: identity.key,
      kind: "unit",
      epc: identity.epc,
      gtin: identity.gtin,
      lot,
      serial: identity.serial,
      expiryDate: identity.expiryDate ?? declared.expiryDate,
      custodian: org,
      createdBy: org,
      status: "active",
      region: "",
      steps: 0,
      usesSinceMaintenance: 0,
    };
  }

  private loadExisting(reference: Reference, aggregation: EventShape["aggregation"]): { record: UnitRecord; created: boolean } {
    const { identity, field } = reference;
    const record = this.load(identity.key);
    if (record !== undefined) {
      if (identity.lot !== undefined && record.lot !== undefined && identity.lot !== record.lot) {
        throw invalidEvent(field, `${identity.epc} says lot ${identity.lot}, but ${unitLabel(record)} was commissioned in lot ${record.lot}`);
      }
      return { record, created: false };
    }
    // Packing into a new case or pallet creates it: SSCCs are not commissioned separately.
    if (aggregation?.change === "add" && aggregation.parent === reference && identity.kind === "object") {
      const org = this.account.org;
      return { record: { key: identity.key, kind: "object", epc: identity.epc, custodian: org, createdBy: org, status: "active", region: "", steps: 0, usesSinceMaintenance: 0 }, created: true };
    }
    throw new TraceModuleError(
      { code: "TRACE_UNKNOWN_UNIT", unit: unitLabel(identity), field },
      `${field}: ${unitLabel(identity)} was never commissioned on this chain; its manufacturer records a commissioning event (ObjectEvent ADD) first`,
    );
  }

  /**
   * Adds what is packed inside the given objects (already in `touched`), so an event on a pallet
   * reaches every unit on it; `via` is the listed object each one was reached through.
   */
  private expand(touched: Map<string, Touched>, roots: readonly { key: string; via: string }[]): void {
    const queue = roots.map((root) => ({ ...root, depth: 0 }));
    for (let index = 0; index < queue.length; index++) {
      const item = queue[index]!;
      const children = touched.get(item.key)!.current.children ?? [];
      if (children.length > 0 && item.depth >= traceModuleLimits.containerDepthMax) {
        throw limitExceeded("containerDepthMax", item.depth + 1, traceModuleLimits.containerDepthMax, `${touched.get(item.via)!.field}: containers nested too deep`);
      }
      for (const child of children) {
        if (touched.has(child)) continue;
        const record = this.load(child);
        if (record === undefined) throw new Error(`container ${item.key} lists ${child}, which has no record`);
        touched.set(child, { before: record, current: record, field: `${touched.get(item.via)!.field} (packed inside)`, via: item.via, alerts: [] });
        queue.push({ key: child, via: item.via, depth: item.depth + 1 });
        if (touched.size > traceModuleLimits.objectsPerEventMax) {
          throw limitExceeded("objectsPerEventMax", touched.size, traceModuleLimits.objectsPerEventMax, `${touched.get(item.via)!.field}: the event reaches too many objects`);
        }
      }
    }
  }

  /** An unpacking event without childEPCs empties the parent: every child is touched through it. */
  private touchContents(touched: Map<string, Touched>, parentKey: string): void {
    const parent = touched.get(parentKey)!;
    const roots: { key: string; via: string }[] = [];
    for (const child of parent.current.children ?? []) {
      if (touched.has(child)) continue;
      const record = this.load(child);
      if (record === undefined) throw new Error(`container ${parentKey} lists ${child}, which has no record`);
      touched.set(child, { before: record, current: record, field: `${parent.field} (packed inside)`, via: parentKey, alerts: [] });
      roots.push({ key: child, via: parentKey });
    }
    this.expand(touched, roots);
  }

  private labelOf(key: string, touched: Map<string, Touched>): string {
    const record = touched.get(key)?.current ?? this.load(key);
    return record === undefined ? key : unitLabel(record);
  }

  private ancestorsOf(record: UnitRecord, touched: Map<string, Touched>): string[] {
    const ancestors: string[] = [];
    let cursor = record.container;
    while (cursor !== undefined && ancestors.length <= traceModuleLimits.containerDepthMax) {
      ancestors.push(cursor);
      cursor = (touched.get(cursor)?.current ?? this.load(cursor))?.container;
    }
    return ancestors;
  }

  private pack(touched: Map<string, Touched>, aggregation: NonNullable<EventShape["aggregation"]>): void {
    const parent = touched.get(aggregation.parent.identity.key)!;
    const children = [...(parent.current.children ?? [])];
    if (aggregation.change === "add") {
      const ancestors = this.ancestorsOf(parent.current, touched);
      if (ancestors.length + 1 >= traceModuleLimits.containerDepthMax) {
        throw limitExceeded("containerDepthMax", ancestors.length + 2, traceModuleLimits.containerDepthMax, `${aggregation.parent.field}: containers nested too deep`);
      }
      for (const reference of aggregation.children) {
        const child = touched.get(reference.identity.key)!;
        if (ancestors.includes(child.current.key)) throw invalidEvent(reference.field, `${reference.identity.epc} contains ${aggregation.parent.identity.epc}, so it cannot be packed into it`);
        const container = child.current.container;
        if (container !== undefined && container !== parent.current.key) {
          throw invalidEvent(reference.field, `${unitLabel(child.current)} is already packed in ${this.labelOf(container, touched)}; unpack it first (AggregationEvent DELETE)`);
        }
        if (!children.includes(child.current.key)) children.push(child.current.key);
        child.current = { ...child.current, container: parent.current.key };
      }
      if (children.length > traceModuleLimits.childrenPerContainerMax) {
        throw limitExceeded("childrenPerContainerMax", children.length, traceModuleLimits.childrenPerContainerMax, `${aggregation.parent.field}: too many objects in one container`);
      }
      parent.current = { ...parent.current, children };
      return;
    }
    if (aggregation.change === "remove") {
      const removed = aggregation.children.length === 0 ? children : aggregation.children.map((reference) => reference.identity.key);
      for (const key of removed) {
        const child = touched.get(key)!;
        if (child.current.container !== parent.current.key) {
          throw invalidEvent(child.field, `${unitLabel(child.current)} is not packed in ${aggregation.parent.identity.epc}`);
        }
        child.current = { ...child.current, container: undefined };
      }
      const remaining = children.filter((key) => !removed.includes(key));
      parent.current = { ...parent.current, children: remaining.length === 0 ? undefined : remaining };
    }
  }

  /** Refuses an eventID already recorded, so a document imported twice is not recorded twice. */
  private checkEventId(event: EpcisEvent, path: string): void {
    if (event.eventID === undefined) return;
    const recorded = this.context.state.get(traceKeys.eventId(event.eventID, `${path}.eventID`));
    if (recorded === undefined) return;
    throw new TraceModuleError(
      { code: "TRACE_DUPLICATE_EVENT", eventId: event.eventID, field: `${path}.eventID` },
      `${path}.eventID: event ${event.eventID} is already recorded (event ${recorded as number}); an EPCIS event is imported once`,
    );
  }

  /** Every object the event touches: created, listed, and packed inside what is listed. */
  private gather(event: EpcisEvent, shape: EventShape, path: string): Map<string, Touched> {
    const touched = new Map<string, Touched>();
    for (const reference of shape.created) {
      touched.set(reference.identity.key, { before: undefined, current: this.create(reference, event, path), field: reference.field, alerts: [] });
    }
    const existingKeys: string[] = [];
    for (const reference of shape.existing) {
      const { record, created } = this.loadExisting(reference, shape.aggregation);
      touched.set(reference.identity.key, { before: created ? undefined : record, current: record, field: reference.field, alerts: [] });
      existingKeys.push(reference.identity.key);
    }
    // Packing and unpacking concern the parent and the listed children, not everything already inside the parent.
    const parentKey = shape.aggregation?.parent.identity.key;
    this.expand(touched, existingKeys.filter((key) => key !== parentKey).map((key) => ({ key, via: key })));
    if (shape.aggregation?.change === "remove" && shape.aggregation.children.length === 0 && parentKey !== undefined) {
      this.touchContents(touched, parentKey);
    }
    if (touched.size > traceModuleLimits.objectsPerEventMax) {
      throw limitExceeded("objectsPerEventMax", touched.size, traceModuleLimits.objectsPerEventMax, `${path}: the event reaches too many objects`);
    }
    return touched;
  }

  /** A receipt that passes custody happens at a location the receiving organisation registered. */
  private checkReceivingPlace(event: EpcisEvent, path: string, touched: Map<string, Touched>, registered: Location | undefined): void {
    const org = this.account.org;
    const step = event.bizStep;
    if (step === undefined || !traceBizSteps.receiving.has(step)) return;
    const takesCustody = [...touched.values()].some((item) => item.before?.inTransit?.to === org && item.before.custodian !== org);
    if (!takesCustody || registered?.org === org) return;
    const where = event.bizLocation ?? event.readPoint;
    const field = `${path}.${event.bizLocation === undefined ? "readPoint" : "bizLocation"}`;
    const found = where === undefined ? "the event names no bizLocation or readPoint" : `${where.id} is ${registered === undefined ? "not registered" : `registered to "${registered.org}"`}`;
    throw new TraceModuleError(
      { code: "TRACE_UNKNOWN_LOCATION", location: where?.id ?? "", field },
      `${field}: a receipt that passes custody to "${org}" is recorded at one of its registered locations; ${found}`,
    );
  }

  /** Moves every touched object to its next state and checks the rules of its device class. */
  private apply(touched: Map<string, Touched>, shape: EventShape, effect: Omit<StepEffect, "consumed">, temperature: TemperatureSpan | undefined, collector: AlertCollector): void {
    for (const item of touched.values()) {
      const { after, received, used } = nextUnitState(item.current, { ...effect, consumed: shape.consumed.has(item.current.key) });
      item.current = after;
      if (after.kind !== "unit" || after.gtin === undefined) continue;
      const deviceClass = this.product(after.gtin).deviceClass;
      const rules = this.rulesOf(deviceClass);
      if (rules === undefined) continue;
      const input = { before: item.before, after, eventTimeMs: effect.eventTimeMs, location: effect.location?.id, received, used, temperature };
      for (const hit of evaluateRules(rules, input)) {
        collector.add(hit, after.gtin, deviceClass, unitLabel(after));
        item.alerts.push(hit.rule);
      }
    }
    if (shape.aggregation !== undefined) this.pack(touched, shape.aggregation);
  }

  private eventRecord(event: EpcisEvent, index: number, seq: number, where: { region?: string; destination?: string; objects: number }): EventRecord {
    const { context } = this;
    const declaration = event.errorDeclaration;
    return {
      seq,
      type: event.type,
      action: "action" in event ? event.action : undefined,
      bizStep: event.bizStep,
      disposition: event.disposition,
      eventTime: event.eventTime,
      eventTimeZoneOffset: event.eventTimeZoneOffset,
      eventTimeMs: epcisTimeMs(event.eventTime),
      eventId: event.eventID,
      readPoint: event.readPoint?.id,
      bizLocation: event.bizLocation?.id,
      region: where.region,
      destination: where.destination,
      org: this.account.org,
      signer: context.caller.address,
      txHash: context.tx.hash,
      height: context.block.height,
      blockTime: context.block.time,
      documentIndex: index,
      objects: where.objects,
      errorDeclaration:
        declaration === undefined ? undefined : { declarationTime: declaration.declarationTime, reason: declaration.reason, correctiveEventIDs: declaration.correctiveEventIDs },
      epcis: JSON.stringify(event),
    };
  }

  private countObjects(count: number, path: string): void {
    this.objects += count;
    if (this.objects > traceModuleLimits.objectsPerImportMax) {
      throw limitExceeded("objectsPerImportMax", this.objects, traceModuleLimits.objectsPerImportMax, `${path}: the document touches too many objects; split it`);
    }
    this.context.charge(traceModuleLimits.costUnitsPerObject * count);
  }

  private takeEventNumber(): number {
    const seq = takeCounter(this.context.state, traceCounters.events);
    if (this.firstEvent === -1) this.firstEvent = seq;
    return seq;
  }

  /**
   * An event with an errorDeclaration says that an event did not happen as recorded (EPCIS 2.0
   * error declarations); its corrections come as events of their own. So it commissions, consumes,
   * packs and moves nothing: it is added to the history of the objects it names that this chain
   * knows, where only their custodian, or the organisation that recorded the declared event, may add it.
   */
  private declareError(event: EpcisEvent, index: number, shape: EventShape): void {
    const { context } = this;
    const org = this.account.org;
    const path = `epcisBody.eventList[${index}]`;
    const declared = event.eventID === undefined ? undefined : (context.state.get(traceKeys.eventId(event.eventID, `${path}.eventID`)) as number | undefined);
    const declaredBy = declared === undefined ? undefined : getRecord<EventRecord>(context.state, traceKeys.event(declared))?.org;
    if (declaredBy !== undefined && declaredBy !== org) {
      throw invalidEvent(`${path}.errorDeclaration`, `event ${event.eventID} was recorded by "${declaredBy}"; only that organisation declares it in error`);
    }
    if (event.eventID !== undefined) {
      const key = traceKeys.errorDeclaration(event.eventID, `${path}.eventID`);
      if (context.state.get(key) !== undefined) {
        throw new TraceModuleError(
          { code: "TRACE_DUPLICATE_EVENT", eventId: event.eventID, field: `${path}.eventID` },
          `${path}.eventID: an error declaration for event ${event.eventID} is already recorded; it is imported once`,
        );
      }
    }
    const known: { record: UnitRecord; field: string }[] = [];
    for (const { identity, field } of [...shape.created, ...shape.existing]) {
      const record = this.load(identity.key);
      if (record === undefined) continue;
      if (declaredBy === undefined && record.custodian !== org) {
        throw new TraceModuleError(
          { code: "TRACE_NOT_CUSTODIAN", unit: unitLabel(record), custodian: record.custodian, org, field },
          `${field}: ${unitLabel(record)} is in the custody of "${record.custodian}"; "${org}" may not declare an error about it`,
        );
      }
      known.push({ record, field });
    }
    this.countObjects(known.length, path);
    const seq = this.takeEventNumber();
    for (const { record } of known) {
      putRecord(context.state, traceKeys.unitStep(record.key, record.steps), { event: seq } satisfies UnitStep);
      putRecord(context.state, traceKeys.unit(record.key), { ...record, steps: record.steps + 1 });
    }
    if (event.eventID !== undefined) context.state.set(traceKeys.errorDeclaration(event.eventID, `${path}.eventID`), seq);
    putRecord(context.state, traceKeys.event(seq), this.eventRecord(event, index, seq, { objects: known.length }));
  }

  record(event: EpcisEvent, index: number): void {
    const { context } = this;
    const org = this.account.org;
    const path = `epcisBody.eventList[${index}]`;
    context.charge(traceModuleLimits.costUnitsPerEvent);
    const shape = shapeOf(event, path);
    const direct = shape.created.length + shape.existing.length;
    if (direct > traceModuleLimits.objectsPerEventMax) {
      throw limitExceeded("objectsPerEventMax", direct, traceModuleLimits.objectsPerEventMax, `${path}: the event lists too many objects`);
    }
    if (event.errorDeclaration !== undefined) {
      this.declareError(event, index, shape);
      return;
    }
    this.checkEventId(event, path);
    const touched = this.gather(event, shape, path);
    for (const item of touched.values()) if (item.before !== undefined) checkCustody(item.before, org, event, item.field);
    const where = event.bizLocation ?? event.readPoint;
    const registered = where === undefined ? undefined : this.location(where.id);
    const destination = event.bizStep === traceBizSteps.shipping ? shippingDestination(event, path, (id) => this.location(id)) : undefined;
    this.checkReceivingPlace(event, path, touched, registered);

    this.countObjects(touched.size, path);
    const seq = this.takeEventNumber();
    const eventTimeMs = epcisTimeMs(event.eventTime);
    const location = where === undefined ? undefined : { id: where.id, region: registered?.region ?? "" };
    const collector = new AlertCollector();
    this.apply(touched, shape, { org, event, seq, eventTimeMs, location, destination }, temperatureSpanOf(event), collector);

    for (const item of touched.values()) {
      const stepRecord: UnitStep = { event: seq, via: item.via, alerts: item.alerts.length === 0 ? undefined : item.alerts };
      putRecord(context.state, traceKeys.unitStep(item.current.key, item.current.steps - 1), stepRecord);
      putRecord(context.state, traceKeys.unit(item.current.key), item.current);
      updateStock(context.state, item.before, item.current);
    }
    if (event.eventID !== undefined) context.state.set(traceKeys.eventId(event.eventID, `${path}.eventID`), seq);
    putRecord(context.state, traceKeys.event(seq), this.eventRecord(event, index, seq, { region: registered?.region, destination: destination?.org, objects: touched.size }));
    this.alerts += collector.flush(context, { event: seq, eventTime: event.eventTime, org }, (alert) => {
      if (this.announced >= traceModuleLimits.alertEventsPerTxMax) return;
      this.announced++;
      context.emit("alert", alertEventAttributes(alert));
    });
  }

  finish(events: number): void {
    noteBlockTime(this.context);
    this.context.emit("epcis_imported", { org: this.account.org, events, firstEvent: this.firstEvent, objects: this.objects, alerts: this.alerts, alertsAnnounced: this.announced });
  }
}

function parseDocument(text: string): EpcisEvent[] {
  const bytes = utf8(text).length;
  if (bytes > traceModuleLimits.importDocumentBytesMax) {
    throw limitExceeded("importDocumentBytesMax", bytes, traceModuleLimits.importDocumentBytesMax, "document: EPCIS document is too large for one transaction; split its events over several documents");
  }
  let events: EpcisEvent[];
  try {
    events = parseEpcisDocument(text).events;
  } catch (error) {
    if (error instanceof TraceError) {
      const issueCount = error.type.code === "EPCIS_INVALID" ? error.type.issueCount : 1;
      throw new TraceModuleError({ code: "TRACE_INVALID_EPCIS", issueCount }, `document: ${error.message}`);
    }
    throw error;
  }
  if (events.length === 0) throw invalidEvent("epcisBody.eventList", "the document has no events");
  if (events.length > traceModuleLimits.eventsPerImportMax) {
    throw limitExceeded("eventsPerImportMax", events.length, traceModuleLimits.eventsPerImportMax, "epcisBody.eventList: too many events for one transaction; split the document");
  }
  return events;
}

export const importEpcis = defineTxType({
  description:
    "Records the events of an EPCIS 2.0 JSON document (ObjectEvent, AggregationEvent, TransformationEvent, …) in order, enforcing custody; all or nothing.",
  schema: Type.Object({ document: Type.String({ minLength: 2, maxLength: traceModuleLimits.importDocumentBytesMax }) }, { additionalProperties: false }),
  costUnits: 50,
  authorise: (context) => {
    requireRegistered(context);
  },
  execute: (context, payload) => {
    const account = requireRegistered(context);
    const events = parseDocument(payload.document);
    const session = new ImportSession(context, account);
    events.forEach((event, index) => session.record(event, index));
    session.finish(events.length);
  },
});
