import { InvalidArgumentError } from "commander";
import { trace } from "@kexin/sdk";

export function tenthsOfCelsius(value: string): number {
  if (!/^-?\d{1,4}(?:\.\d)?$/.test(value)) throw new InvalidArgumentError("must be degrees Celsius with at most one decimal, e.g. 2 or -20.5.");
  return Math.round(Number(value) * 10) || 0;
}

export function deviceClass(value: string): trace.DeviceClass {
  if (!(trace.deviceClasses as readonly string[]).includes(value)) throw new InvalidArgumentError('must be "I", "II" or "III".');
  return value as trace.DeviceClass;
}

export function alertRule(value: string): trace.AlertRule {
  if (!(trace.alertRules as readonly string[]).includes(value)) throw new InvalidArgumentError(`must be one of ${trace.alertRules.join(", ")}.`);
  return value as trace.AlertRule;
}
