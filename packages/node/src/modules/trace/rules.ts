import { type AlertRule, type CborValue, type EpcisEvent, type RuleSet, temperatureReadingsCelsius } from "@kexin/core";
import { Type } from "@sinclair/typebox";
import { type StateRead, type TxContext, defineTxType } from "../../execution/interface.ts";
import { requireRole } from "../identity/index.ts";
import { TraceModuleError } from "./errors.ts";
import { traceKeys } from "./keys.ts";
import { traceModuleLimits } from "./limits.ts";
import { type AlertRecord, type DeviceClass, type UnitRecord, getRecord, putRecord, takeCounter, traceCounters } from "./records.ts";
import { noteBlockTime, traceRoles } from "./registry.ts";
import { traceSchemas } from "./schemas.ts";

// The rules and a rule set are defined once, as schemas in @kexin/core (trace/records.ts).
export { type AlertRule, type RuleSet, alertRules } from "@kexin/core";

export const setRule = defineTxType({
  description: "A regulator sets the anomaly thresholds of one device class (replacing the previous ones).",
  schema: Type.Object(
    {
      deviceClass: traceSchemas.deviceClass,
      transitTimeMaxSeconds: Type.Optional(traceSchemas.seconds),
      temperatureMinTenthsCelsius: Type.Optional(traceSchemas.tenthsCelsius),
      temperatureMaxTenthsCelsius: Type.Optional(traceSchemas.tenthsCelsius),
      usesBetweenMaintenanceMax: Type.Optional(traceSchemas.uses),
      twoPlacesWindowSeconds: Type.Optional(traceSchemas.seconds),
    },
    { additionalProperties: false },
  ),
  costUnits: 10,
  authorise: (context) => {
    requireRole(context, traceRoles.regulator);
  },
  execute: (context, payload) => {
    const account = requireRole(context, traceRoles.regulator);
    const { temperatureMinTenthsCelsius: minimum, temperatureMaxTenthsCelsius: maximum } = payload;
    if (minimum !== undefined && maximum !== undefined && minimum > maximum) {
      const reason = `the minimum ${minimum} is above the maximum ${maximum} (tenths of a degree Celsius)`;
      throw new TraceModuleError({ code: "TRACE_INVALID_RULE", field: "temperatureMinTenthsCelsius", reason }, `temperatureMinTenthsCelsius: ${reason}`);
    }
    const rules: RuleSet = { ...payload, org: account.org, height: context.block.height, txHash: context.tx.hash };
    putRecord(context.state, traceKeys.rule(payload.deviceClass), rules);
    noteBlockTime(context);
    context.emit("rule_set", { deviceClass: payload.deviceClass, org: account.org });
  },
});

export function readRules(state: StateRead, deviceClass: DeviceClass): RuleSet | undefined {
  return getRecord<RuleSet>(state, traceKeys.rule(deviceClass));
}

/** Lowest and highest temperature an event's sensor reports, in tenths of a degree Celsius. */
export interface TemperatureSpan {
  readonly minTenths: number;
  readonly maxTenths: number;
}

function tenths(celsius: number): number {
  // `|| 0` turns -0 into 0, which canonical CBOR would otherwise write as a float.
  return Math.round(celsius * 10) || 0;
}

export function temperatureSpanOf(event: EpcisEvent): TemperatureSpan | undefined {
  let minTenths: number | undefined;
  let maxTenths: number | undefined;
  for (const reading of temperatureReadingsCelsius(event)) {
    for (const value of [reading.value, reading.minValue, reading.maxValue, reading.meanValue]) {
      if (value === undefined) continue;
      const converted = tenths(value);
      minTenths = minTenths === undefined ? converted : Math.min(minTenths, converted);
      maxTenths = maxTenths === undefined ? converted : Math.max(maxTenths, converted);
    }
  }
  return minTenths === undefined || maxTenths === undefined ? undefined : { minTenths, maxTenths };
}

/** What one event did to one unit, as the rules need it. */
export interface RuleInput {
  readonly before: UnitRecord | undefined;
  readonly after: UnitRecord;
  readonly eventTimeMs: number;
  readonly location: string | undefined;
  /** The unit was received by its shipment's destination in this event. */
  readonly received: boolean;
  readonly used: boolean;
  readonly temperature: TemperatureSpan | undefined;
}

export interface RuleHit {
  readonly rule: AlertRule;
  /** Larger is worse; an alert keeps the detail of its worst unit. */
  readonly severity: number;
  readonly detail: { readonly [name: string]: string | number };
}

/** Checks one unit against its class's thresholds. Pure: the same input gives the same hits. */
export function evaluateRules(rules: RuleSet, input: RuleInput): RuleHit[] {
  const hits: RuleHit[] = [];
  const { before, after } = input;
  if (rules.transitTimeMaxSeconds !== undefined && input.received && before?.inTransit !== undefined) {
    const transitSeconds = Math.floor((input.eventTimeMs - before.inTransit.shippedAtMs) / 1000);
    if (transitSeconds > rules.transitTimeMaxSeconds) {
      hits.push({
        rule: "transit_time_exceeded",
        severity: transitSeconds,
        detail: { transitSeconds, transitTimeMaxSeconds: rules.transitTimeMaxSeconds, from: before.inTransit.from, to: before.inTransit.to },
      });
    }
  }
  const { temperatureMinTenthsCelsius: minimum, temperatureMaxTenthsCelsius: maximum } = rules;
  if (input.temperature !== undefined && (minimum !== undefined || maximum !== undefined)) {
    const { minTenths, maxTenths } = input.temperature;
    const below = minimum !== undefined && minTenths < minimum;
    const above = maximum !== undefined && maxTenths > maximum;
    if (below || above) {
      const detail: Record<string, string | number> = { readingMinTenthsCelsius: minTenths, readingMaxTenthsCelsius: maxTenths };
      if (minimum !== undefined) detail.temperatureMinTenthsCelsius = minimum;
      if (maximum !== undefined) detail.temperatureMaxTenthsCelsius = maximum;
      hits.push({ rule: "temperature_out_of_range", severity: Math.max(below ? (minimum as number) - minTenths : 0, above ? maxTenths - (maximum as number) : 0), detail });
    }
  }
  if (rules.usesBetweenMaintenanceMax !== undefined && input.used && after.usesSinceMaintenance > rules.usesBetweenMaintenanceMax) {
    hits.push({
      rule: "maintenance_overdue",
      severity: after.usesSinceMaintenance,
      detail: { usesSinceMaintenance: after.usesSinceMaintenance, usesBetweenMaintenanceMax: rules.usesBetweenMaintenanceMax },
    });
  }
  const sighting = before?.lastSighting;
  // A unit in transit is expected to change place: its move was declared by the shipping event.
  const declaredMove = before?.inTransit !== undefined;
  if (rules.twoPlacesWindowSeconds !== undefined && !declaredMove && sighting !== undefined && input.location !== undefined && sighting.location !== input.location) {
    const secondsApart = Math.floor(Math.abs(input.eventTimeMs - sighting.timeMs) / 1000);
    if (secondsApart < rules.twoPlacesWindowSeconds) {
      hits.push({
        rule: "seen_in_two_places",
        severity: rules.twoPlacesWindowSeconds - secondsApart,
        detail: { location: input.location, otherLocation: sighting.location, secondsApart, twoPlacesWindowSeconds: rules.twoPlacesWindowSeconds },
      });
    }
  }
  return hits;
}

interface AlertGroup {
  readonly rule: AlertRule;
  readonly gtin: string;
  readonly deviceClass: DeviceClass;
  readonly units: string[];
  unitCount: number;
  worst: RuleHit;
}

export interface AlertContext {
  readonly event: number;
  readonly eventTime: string;
  readonly org: string;
}

/**
 * Gathers one event's rule hits into one alert per (rule, product), so an event over a thousand
 * units raises a handful of alerts rather than a thousand.
 */
export class AlertCollector {
  private readonly groups = new Map<string, AlertGroup>();

  add(hit: RuleHit, gtin: string, deviceClass: DeviceClass, unit: string): void {
    const id = `${hit.rule}|${gtin}`;
    let group = this.groups.get(id);
    if (group === undefined) {
      group = { rule: hit.rule, gtin, deviceClass, units: [], unitCount: 0, worst: hit };
      this.groups.set(id, group);
    }
    group.unitCount++;
    if (group.units.length < traceModuleLimits.unitsListedPerAlertMax) group.units.push(unit);
    if (hit.severity > group.worst.severity) group.worst = hit;
  }

  /** Stores the alerts (in the order their first unit was seen) and announces them while the transaction may still emit. */
  flush(context: TxContext, about: AlertContext, announce: (alert: AlertRecord) => void): number {
    let count = 0;
    for (const group of this.groups.values()) {
      const seq = takeCounter(context.state, traceCounters.alerts);
      const alert: AlertRecord = {
        seq,
        rule: group.rule,
        gtin: group.gtin,
        deviceClass: group.deviceClass,
        event: about.event,
        eventTime: about.eventTime,
        org: about.org,
        txHash: context.tx.hash,
        height: context.block.height,
        blockTime: context.block.time,
        unitCount: group.unitCount,
        units: group.units,
        detail: group.worst.detail,
      };
      putRecord(context.state, traceKeys.alert(seq), alert);
      context.state.set(traceKeys.alertByRule(group.rule, takeCounter(context.state, traceCounters.alertsOfRule(group.rule))), seq);
      context.state.set(traceKeys.alertByGtin(group.gtin, takeCounter(context.state, traceCounters.alertsOfGtin(group.gtin))), seq);
      announce(alert);
      count++;
    }
    this.groups.clear();
    return count;
  }
}

/** The attributes of an `alert` transaction event, which WebSocket subscribers receive. */
export function alertEventAttributes(alert: AlertRecord): { [key: string]: CborValue } {
  return {
    alert: alert.seq,
    rule: alert.rule,
    gtin: alert.gtin,
    deviceClass: alert.deviceClass,
    event: alert.event,
    eventTime: alert.eventTime,
    org: alert.org,
    unitCount: alert.unitCount,
    units: [...alert.units],
    detail: { ...alert.detail },
  };
}
