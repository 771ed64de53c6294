import { at, itemAt } from "./epcis-context.ts";
import type { Scope } from "./epcis-context.ts";
import {
  assignDefined,
  readArray,
  readBoolean,
  readExtensions,
  readHexBinary,
  readNumber,
  readObject,
  readString,
  readTerm,
  readTime,
  readUnitOfMeasure,
  readUri,
  requireField,
} from "./epcis-fields.ts";
import type { SensorElement, SensorMetadata, SensorReport } from "./epcis-types.ts";
import type { JsonObject, JsonValue } from "./json.ts";

type Reader = (scope: Scope, value: JsonValue | undefined, path: string) => string | number | boolean | undefined;

const metadataReaders: Record<string, Reader> = {
  time: readTime,
  startTime: readTime,
  endTime: readTime,
  deviceID: readUri,
  deviceMetadata: readUri,
  rawData: readUri,
  dataProcessingMethod: readUri,
  bizRules: readUri,
};

const reportReaders: Record<string, Reader> = {
  type: readTerm,
  exception: readTerm,
  deviceID: readUri,
  deviceMetadata: readUri,
  rawData: readUri,
  dataProcessingMethod: readUri,
  bizRules: readUri,
  time: readTime,
  microorganism: readUri,
  chemicalSubstance: readUri,
  coordinateReferenceSystem: readUri,
  value: readNumber,
  component: readTerm,
  stringValue: (scope, value, path) => (value === "" ? "" : readString(scope, value, path)),
  booleanValue: readBoolean,
  hexBinaryValue: readHexBinary,
  uriValue: readUri,
  minValue: readNumber,
  maxValue: readNumber,
  meanValue: readNumber,
  sDev: readNumber,
  percRank: readNumber,
  percValue: readNumber,
  uom: readUnitOfMeasure,
};

function readWith(scope: Scope, object: JsonObject, path: string, readers: Record<string, Reader>, where: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  assignDefined(result, "extensions", readExtensions(scope, object, path, new Set(Object.keys(readers)), where, true));
  for (const [key, read] of Object.entries(readers)) assignDefined(result, key, read(scope, object[key], at(path, key)));
  return result;
}

const elementFields = new Set(["sensorMetadata", "sensorReport"]);

export function readSensorElementList(scope: Scope, value: JsonValue | undefined, path: string): SensorElement[] | undefined {
  const items = readArray(scope, value, path);
  if (items === undefined) return undefined;
  const elements: SensorElement[] = [];
  items.forEach((item, index) => {
    const itemPath = itemAt(path, index);
    const object = readObject(scope, item, itemPath);
    if (object === undefined) return;
    const extensions = readExtensions(scope, object, itemPath, elementFields, "a sensor element", true);
    const metadataObject = readObject(scope, object.sensorMetadata, at(itemPath, "sensorMetadata"));
    const reportPath = at(itemPath, "sensorReport");
    const reports = readArray(scope, requireField(scope, object, "sensorReport", itemPath, "a sensor element carries at least one report"), reportPath, 1);
    const element: SensorElement = { sensorReport: [] };
    if (metadataObject !== undefined) {
      element.sensorMetadata = readWith(scope, metadataObject, at(itemPath, "sensorMetadata"), metadataReaders, "sensorMetadata") as SensorMetadata;
    }
    reports?.forEach((report, reportIndex) => {
      const reportObject = readObject(scope, report, itemAt(reportPath, reportIndex));
      if (reportObject === undefined) return;
      element.sensorReport.push(readWith(scope, reportObject, itemAt(reportPath, reportIndex), reportReaders, "a sensor report") as SensorReport);
    });
    assignDefined(element, "extensions", extensions);
    elements.push(element);
  });
  return elements;
}
