import assert from "node:assert/strict";
import { test } from "node:test";
import { measurementTypeName, parseEpcisDocument, sensorReadings, temperatureReadingsCelsius } from "../../src/trace/index.ts";
import type { EpcisEvent } from "../../src/trace/index.ts";
import { documentWith, objectEvent } from "./epcis-fixtures.ts";
import { ownEpcisSuite, readEpcisSuiteFile } from "./epcis-suites.ts";

function eventOf(name: string, index: number): EpcisEvent {
  const event = parseEpcisDocument(readEpcisSuiteFile(ownEpcisSuite, "Documents", name)).events[index];
  assert.ok(event !== undefined, `${name} has event ${index}`);
  return event;
}

test("default: temperature readings in CEL with their own time, else the metadata time, and the metadata device", () => {
  const readings = sensorReadings(eventOf("ObjectEvent_with_sensorData.json", 0), "Temperature", { uom: "CEL" });
  assert.deepEqual(
    readings.map(({ value, time }) => ({ value, time })),
    [
      { value: 4.5, time: "2026-03-01T08:00:00+08:00" },
      { value: 5, time: "2026-03-01T08:15:00+08:00" },
      { value: 5.5, time: "2026-03-01T08:30:00+08:00" },
    ],
    "values and times",
  );
  assert.equal(readings[0]?.deviceID, "urn:epc:id:giai:9506000.LOGGER7", "device from the sensor metadata");
});

test("behavior: the measurement type matches in its bare, gs1: and IRI spellings", () => {
  const event = eventOf("ObjectEvent_with_sensorData.json", 0);
  for (const type of ["Temperature", "gs1:Temperature", "https://gs1.org/voc/Temperature", "https://ref.gs1.org/voc/Temperature"]) {
    assert.equal(sensorReadings(event, type).length, 3, type);
  }
  assert.equal(measurementTypeName("gs1:MT-Temperature"), "Temperature", "draft MT- spelling");
  assert.equal(measurementTypeName("https://example.com/Custom"), "https://example.com/Custom", "other URIs unchanged");
  assert.equal(sensorReadings(event, "Temperature", { uom: "FAH" }).length, 0, "unit filter");
});

test("behavior: readings keep their component, and prefixed types in the data match", () => {
  const readings = sensorReadings(eventOf("ObjectEvent_with_sensorData.json", 1), "Angle");
  assert.deepEqual(
    readings.map(({ value, component, uom }) => ({ value, component, uom })),
    [
      { value: 31.230416, component: "cbv:Comp-latitude", uom: "DD" },
      { value: 121.473701, component: "cbv:Comp-longitude", uom: "DD" },
    ],
    "latitude and longitude",
  );
});

test("behavior: min, max and mean are readings too; reports without numbers are not", () => {
  const [event] = parseEpcisDocument(
    documentWith([
      objectEvent({
        sensorElementList: [
          {
            sensorMetadata: { startTime: "2026-07-22T00:00:00Z", endTime: "2026-07-22T06:00:00Z" },
            sensorReport: [
              { type: "gs1:Temperature", minValue: 2.1, maxValue: 7.9, meanValue: 4.4, uom: "CEL" },
              { type: "Temperature", stringValue: "sensor offline" },
              { type: "Temperature", value: 50, uom: "FAH", time: "2026-07-22T03:00:00Z" },
              { type: "Temperature", value: 275.15, uom: "KEL" },
              { type: "Temperature", value: 9, uom: "XXX" },
            ],
          },
        ],
      }),
    ]),
  ).events;
  assert.ok(event !== undefined, "event");
  const readings = sensorReadings(event, "Temperature");
  assert.equal(readings.length, 4, "the text-only report is left out");
  assert.deepEqual(
    readings[0],
    { measurementType: "Temperature", minValue: 2.1, maxValue: 7.9, meanValue: 4.4, uom: "CEL", startTime: "2026-07-22T00:00:00Z", endTime: "2026-07-22T06:00:00Z" },
    "summary reading",
  );
  const celsius = temperatureReadingsCelsius(event);
  assert.deepEqual(celsius.map((reading) => reading.uom), ["CEL", "CEL", "CEL"], "converted units; the unknown unit is left out");
  assert.equal(celsius[1]?.value, 10, "50 °F");
  assert.ok(Math.abs((celsius[2]?.value ?? 0) - 2) < 1e-9, "275.15 K");
  assert.equal(celsius[1]?.time, "2026-07-22T03:00:00Z", "the report's own time wins");
});
