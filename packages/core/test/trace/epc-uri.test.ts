import assert from "node:assert/strict";
import { test } from "node:test";
import {
  formatDigitalLinkUri,
  formatLgtinUri,
  formatSgtinUri,
  parseDigitalLinkUri,
  parseLgtinUri,
  parseSgtinUri,
  parseUdi,
} from "../../src/trace/index.ts";
import type { Udi } from "../../src/trace/index.ts";
import { epcisSuiteFiles, ownEpcisSuite, readEpcisSuiteFile } from "./epcis-suites.ts";
import { expectTraceError } from "./helpers.ts";

test("vector: EPC Tag Data Standard SGTIN example", () => {
  // GS1 example, EPC Tag Data Standard §6.3.1: urn:epc:id:sgtin:0614141.812345.6789 is (01) 80614141123458 (21) 6789.
  assert.deepEqual(parseSgtinUri("urn:epc:id:sgtin:0614141.812345.6789"), { gtin: "80614141123458", serial: "6789", companyPrefixLength: 7 }, "parsed");
  assert.equal(formatSgtinUri("80614141123458", "6789", 7), "urn:epc:id:sgtin:0614141.812345.6789", "formatted");
});

test("vector: LGTIN class of the EPCIS 2.0 examples matches their Digital Link twin", () => {
  // GS1 example: the EPCIS 2.0 example documents write the same class as
  // urn:epc:class:lgtin:4012345.012345.998877 and https://id.gs1.org/01/04012345123456/10/998877.
  assert.deepEqual(parseLgtinUri("urn:epc:class:lgtin:4012345.012345.998877"), { gtin: "04012345123456", lot: "998877", companyPrefixLength: 7 }, "LGTIN");
  assert.deepEqual(parseDigitalLinkUri("https://id.gs1.org/01/04012345123456/10/998877"), { gtin: "04012345123456", lot: "998877" }, "Digital Link");
  assert.equal(formatLgtinUri("04012345123456", "998877", 7), "urn:epc:class:lgtin:4012345.012345.998877", "formatted");
});

test("behavior: SGTIN company prefix length moves the dot, and set 82 characters that URIs reserve are %-escaped", () => {
  assert.equal(formatSgtinUri("09506000134352", "XYZ", 6), "urn:epc:id:sgtin:950600.0013435.XYZ", "prefix length 6");
  assert.equal(formatSgtinUri("09506000134352", "XYZ", 12), "urn:epc:id:sgtin:950600013435.0.XYZ", "prefix length 12");
  const uri = formatSgtinUri("09506000134352", `A/B?C%D&E<F>G"H`, 7);
  assert.equal(uri, "urn:epc:id:sgtin:9506000.013435.A%2FB%3FC%25D%26E%3CF%3EG%22H", "escaped serial");
  assert.deepEqual(parseSgtinUri(uri), { gtin: "09506000134352", serial: `A/B?C%D&E<F>G"H`, companyPrefixLength: 7 }, "round trip");
});

test("behavior: every SGTIN and LGTIN in the own EPCIS files parses and formats back identically", () => {
  const pattern = /urn:epc:(?:id:sgtin|class:lgtin):[^"]+/g;
  const uris = new Set<string>();
  for (const folder of ["Documents", "Events"] as const) {
    for (const name of epcisSuiteFiles(ownEpcisSuite, folder)) for (const match of readEpcisSuiteFile(ownEpcisSuite, folder, name).matchAll(pattern)) uris.add(match[0]);
  }
  assert.ok(uris.size > 10, `found ${uris.size} EPC URIs`);
  for (const uri of uris) {
    if (uri.startsWith("urn:epc:id:sgtin:")) {
      const { gtin, serial, companyPrefixLength } = parseSgtinUri(uri);
      assert.equal(formatSgtinUri(gtin, serial, companyPrefixLength), uri, uri);
    } else {
      const { gtin, lot, companyPrefixLength } = parseLgtinUri(uri);
      assert.equal(formatLgtinUri(gtin, lot, companyPrefixLength), uri, uri);
    }
  }
});

test("error: malformed SGTIN and LGTIN URIs", () => {
  expectTraceError(() => parseSgtinUri("urn:epc:id:sscc:0614141.1234567890"), "EPC_MALFORMED", "urn:epc:id:sgtin:");
  expectTraceError(() => parseSgtinUri("urn:epc:id:sgtin:0614141.81234.6789"), "EPC_MALFORMED", "13 digits");
  expectTraceError(() => parseSgtinUri("urn:epc:id:sgtin:06141.81234567.6789"), "EPC_MALFORMED", "6 to 12 digits");
  expectTraceError(() => parseSgtinUri("urn:epc:id:sgtin:0614141.812345.A/B"), "EPC_MALFORMED", "'/' must be %-escaped");
  expectTraceError(() => parseSgtinUri("urn:epc:id:sgtin:0614141.812345.A%2"), "EPC_MALFORMED", "'%2'");
  expectTraceError(() => parseSgtinUri(`urn:epc:id:sgtin:0614141.812345.${"1".repeat(21)}`), "UDI_FIELD_TOO_LONG", "(21) serial");
  expectTraceError(() => parseLgtinUri("urn:epc:class:lgtin:4012345.012345.A~B"), "UDI_BAD_CHARACTER", "(10) lot");
  expectTraceError(() => formatSgtinUri("09506000134352", "X", 5), "UDI_MALFORMED", "6 to 12");
  expectTraceError(() => formatSgtinUri("09506000134353", "X", 7), "UDI_BAD_CHECK_DIGIT", "should be 2");
});

test("default: GS1 Digital Link URI with key qualifiers and dates", () => {
  // GS1 Digital Link: URI Syntax 1.2 layout: key and qualifiers (22), (10), (21) in the path,
  // data attributes such as (17) in the query; the host is anyone's. Constructed around the
  // specification's example GTIN 09520123456788.
  const udi = parseDigitalLinkUri("https://example.com/01/09520123456788/10/ABC1/21/12345?17=180426");
  assert.deepEqual(udi, { gtin: "09520123456788", expiryDate: "2018-04-26", lot: "ABC1", serial: "12345" }, "parsed");
});

test("behavior: Digital Link accepts a path prefix, GTIN-13, percent-encoding and unrelated query parameters", () => {
  assert.deepEqual(
    parseDigitalLinkUri("https://brand.example/products/01/9506000134352/21/A%2FB/?linkType=gs1:pip&11=240101"),
    { gtin: "09506000134352", productionDate: "2024-01-01", serial: "A/B" },
    "parsed",
  );
});

test("behavior: formatDigitalLinkUri and parseUdi round-trip on any host", () => {
  const udis: Udi[] = [
    { gtin: "09506000134352" },
    { gtin: "09506000134352", expiryDate: "2020-12-25", lot: "ABC123", serial: "XYZ" },
    { gtin: "09506000134352", productionDate: "2024-01-01", lot: `!"%&'()*+,-./:;<=>?_`, serial: "a/b" },
  ];
  for (const udi of udis) {
    for (const origin of ["https://id.gs1.org", "https://resolver.example.cn/trace/"]) {
      const uri = formatDigitalLinkUri(udi, { origin });
      assert.deepEqual(parseDigitalLinkUri(uri), udi, uri);
      assert.deepEqual(parseUdi(uri), udi, `parseUdi ${uri}`);
    }
  }
  assert.equal(
    formatDigitalLinkUri({ gtin: "09506000134352", expiryDate: "2020-12-25", productionDate: "2020-01-02", lot: "AB/1(2)", serial: "XYZ" }),
    "https://id.gs1.org/01/09506000134352/10/AB%2F1%282%29/21/XYZ?11=200102&17=201225",
    "canonical Digital Link",
  );
});

test("error: Digital Link problems name the AI or the part at fault", () => {
  expectTraceError(() => parseDigitalLinkUri("https://id.gs1.org/gtin/09506000134352"), "UDI_MISSING_GTIN", "/01/");
  expectTraceError(() => parseDigitalLinkUri("https://id.gs1.org/01/09506000134353"), "UDI_BAD_CHECK_DIGIT", "should be 2");
  expectTraceError(() => parseDigitalLinkUri("https://id.gs1.org/01/09506000134352/21/X/10/L"), "UDI_MALFORMED", "order (22), (10), (21)");
  expectTraceError(() => parseDigitalLinkUri("https://id.gs1.org/01/09506000134352/22/V"), "UDI_UNKNOWN_AI", "(22)");
  expectTraceError(() => parseDigitalLinkUri("https://id.gs1.org/01/09506000134352/10"), "UDI_MALFORMED", "has no value");
  expectTraceError(() => parseDigitalLinkUri("https://id.gs1.org/01/09506000134352?3103=000500"), "UDI_UNKNOWN_AI", "(3103)");
  expectTraceError(() => parseDigitalLinkUri("https://id.gs1.org/01/09506000134352?10=L"), "UDI_MALFORMED", "belongs in the path");
  expectTraceError(() => parseDigitalLinkUri("https://id.gs1.org/01/09506000134352?17=251301"), "UDI_BAD_DATE", "(17) expiry 251301: month 13 is not 01–12");
  expectTraceError(() => parseDigitalLinkUri("https://id.gs1.org/01/09506000134352/10/%E0%A4%A"), "UDI_MALFORMED", "percent-encoding");
  expectTraceError(() => parseDigitalLinkUri("ftp://id.gs1.org/01/09506000134352"), "UDI_MALFORMED", "http or https");
  expectTraceError(() => formatDigitalLinkUri({ gtin: "09506000134352" }, { origin: "https://x.example/?q=1" }), "UDI_MALFORMED", "without query");
});
