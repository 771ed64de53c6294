import type { TxCall } from "../call.ts";
import { invalidParameter } from "../errors.ts";
import type { DeviceClass } from "./types.ts";
import { requireDeviceClass, requireInteger } from "./validation.ts";

const secondsMax = 10 * 365 * 86_400;

export type SetRuleParameters = {
  readonly deviceClass: DeviceClass;
  /** Longest time from shipping to receiving, by event times. */
  readonly transitTimeMaxSeconds?: number;
  /** Storage range for sensor readings, in tenths of a degree Celsius (25 = 2.5 °C). */
  readonly temperatureMinTenthsCelsius?: number;
  readonly temperatureMaxTenthsCelsius?: number;
  /** Uses (urn:kexin:bizstep:using) allowed between two repairing or inspecting steps. */
  readonly usesBetweenMaintenanceMax?: number;
  /** Two sightings at different places closer in time than this raise seen_in_two_places. */
  readonly twoPlacesWindowSeconds?: number;
};
export type SetRulePayload = {
  readonly deviceClass: DeviceClass;
  readonly transitTimeMaxSeconds?: number;
  readonly temperatureMinTenthsCelsius?: number;
  readonly temperatureMaxTenthsCelsius?: number;
  readonly usesBetweenMaintenanceMax?: number;
  readonly twoPlacesWindowSeconds?: number;
};
export type SetRuleCall = TxCall<"trace", "set_rule", SetRulePayload>;

/** Replaces the anomaly thresholds of a device class (an absent threshold is not checked); the signer needs the `regulator` role. */
export function setRule(parameters: SetRuleParameters): SetRuleCall {
  const context = "trace.set_rule";
  const optional = (name: keyof Omit<SetRuleParameters, "deviceClass">, minimum: number, maximum: number, unit: string) => {
    const value = parameters[name];
    return value === undefined ? {} : { [name]: requireInteger(context, name, value, minimum, maximum, unit) };
  };
  const payload = {
    deviceClass: requireDeviceClass(context, "deviceClass", parameters.deviceClass),
    ...optional("transitTimeMaxSeconds", 1, secondsMax, " of seconds"),
    ...optional("temperatureMinTenthsCelsius", -2_732, 10_000, " of tenths of a degree Celsius"),
    ...optional("temperatureMaxTenthsCelsius", -2_732, 10_000, " of tenths of a degree Celsius"),
    ...optional("usesBetweenMaintenanceMax", 1, 1_000_000, ""),
    ...optional("twoPlacesWindowSeconds", 1, secondsMax, " of seconds"),
  } as SetRulePayload;
  const { temperatureMinTenthsCelsius: minimum, temperatureMaxTenthsCelsius: maximum } = payload;
  if (minimum !== undefined && maximum !== undefined && minimum > maximum) {
    throw invalidParameter(context, "temperatureMinTenthsCelsius", `must not be above temperatureMaxTenthsCelsius (${minimum} > ${maximum})`);
  }
  return { module: "trace", type: "set_rule", payload };
}
