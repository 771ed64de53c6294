import type { EpcisEvent, SensorMetadata, SensorReport } from "./epcis-types.ts";

/** One report's numeric values with the context needed to judge them (when, which device, which unit). */
export interface SensorReading {
  measurementType: string;
  uom?: string;
  value?: number;
  minValue?: number;
  maxValue?: number;
  meanValue?: number;
  /** The report's time, else the sensor metadata's. */
  time?: string;
  startTime?: string;
  endTime?: string;
  deviceID?: string;
  component?: string;
}

const measurementTypePrefixes = ["https://gs1.org/voc/", "http://gs1.org/voc/", "https://ref.gs1.org/voc/", "gs1:"];

/**
 * The bare GS1 measurement type name: "Temperature" for "gs1:Temperature", "Temperature",
 * "https://gs1.org/voc/Temperature" and the draft "MT-" spellings. Other URIs stay as written.
 */
export function measurementTypeName(type: string): string {
  for (const prefix of measurementTypePrefixes) {
    if (!type.startsWith(prefix)) continue;
    const name = type.slice(prefix.length);
    return name.startsWith("MT-") ? name.slice(3) : name;
  }
  return type;
}

const numericFields = ["value", "minValue", "maxValue", "meanValue"] as const;

function readingOf(report: SensorReport, measurementType: string, metadata: SensorMetadata): SensorReading | undefined {
  if (!numericFields.some((field) => report[field] !== undefined)) return undefined;
  const reading: SensorReading = { measurementType };
  for (const field of numericFields) if (report[field] !== undefined) reading[field] = report[field];
  if (report.uom !== undefined) reading.uom = report.uom;
  const time = report.time ?? metadata.time;
  if (time !== undefined) reading.time = time;
  if (metadata.startTime !== undefined) reading.startTime = metadata.startTime;
  if (metadata.endTime !== undefined) reading.endTime = metadata.endTime;
  const deviceID = report.deviceID ?? metadata.deviceID;
  if (deviceID !== undefined) reading.deviceID = deviceID;
  if (report.component !== undefined) reading.component = report.component;
  return reading;
}

/**
 * Numeric readings of one measurement type from an event's sensorElementList, in document order.
 * With `uom`, only reports in that unit are returned; no unit conversion happens here.
 */
export function sensorReadings(event: EpcisEvent, measurementType: string, options: { uom?: string } = {}): SensorReading[] {
  const wanted = measurementTypeName(measurementType);
  const readings: SensorReading[] = [];
  for (const element of event.sensorElementList ?? []) {
    const metadata = element.sensorMetadata ?? {};
    for (const report of element.sensorReport) {
      if (report.type === undefined || measurementTypeName(report.type) !== wanted) continue;
      if (options.uom !== undefined && report.uom !== options.uom) continue;
      const reading = readingOf(report, wanted, metadata);
      if (reading !== undefined) readings.push(reading);
    }
  }
  return readings;
}

const toCelsius: Record<string, (value: number) => number> = {
  CEL: (value) => value,
  FAH: (value) => ((value - 32) * 5) / 9,
  KEL: (value) => value - 273.15,
};

/**
 * Temperature readings converted to degrees Celsius (UN/CEFACT CEL) from CEL, FAH or KEL, for
 * cold-chain rules; readings in any other or no unit are left out.
 */
export function temperatureReadingsCelsius(event: EpcisEvent): SensorReading[] {
  const readings: SensorReading[] = [];
  for (const reading of sensorReadings(event, "Temperature")) {
    const convert = reading.uom !== undefined && Object.hasOwn(toCelsius, reading.uom) ? toCelsius[reading.uom] : undefined;
    if (convert === undefined) continue;
    const converted: SensorReading = { ...reading, uom: "CEL" };
    for (const field of numericFields) if (reading[field] !== undefined) converted[field] = convert(reading[field]);
    readings.push(converted);
  }
  return readings;
}
