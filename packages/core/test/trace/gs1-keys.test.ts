import assert from "node:assert/strict";
import { test } from "node:test";
import { digitalLinkPrimaryKey, gs1KeyFormOf, parseGs1Key, parseGs1KeyDigitalLink, parseGs1KeyElementString, parseGs1KeyEpcUri } from "../../src/trace/index.ts";
import { expectTraceError } from "./helpers.ts";

/*
 * EPC Tag Data Standard examples: each EPC URI with the element string the standard gives for it,
 * and the Digital Link written from that element string.
 */
const vectors = [
  { epc: "urn:epc:id:sscc:0614141.1234567890", elementString: "(00)106141412345678908", link: "https://id.gs1.org/00/106141412345678908" },
  { epc: "urn:epc:id:sgln:0614141.12345.400", elementString: "(414)0614141123452(254)400", link: "https://id.gs1.org/414/0614141123452/254/400" },
  { epc: "urn:epc:id:sgln:0614141.12345.0", elementString: "(414)0614141123452", link: "https://id.gs1.org/414/0614141123452" },
  { epc: "urn:epc:id:pgln:0614141.12345", elementString: "(417)0614141123452", link: "https://id.gs1.org/417/0614141123452" },
  { epc: "urn:epc:id:grai:0614141.12345.400", elementString: "(8003)00614141123452400", link: "https://id.gs1.org/8003/00614141123452400" },
  { epc: "urn:epc:id:giai:0614141.12345400", elementString: "(8004)061414112345400", link: "https://id.gs1.org/8004/061414112345400" },
  { epc: "urn:epc:id:gsrn:0614141.1234567890", elementString: "(8018)061414112345678902", link: "https://id.gs1.org/8018/061414112345678902" },
  { epc: "urn:epc:id:gsrnp:0614141.1234567890", elementString: "(8017)061414112345678902", link: "https://id.gs1.org/8017/061414112345678902" },
  { epc: "urn:epc:id:gdti:0614141.12345.400", elementString: "(253)0614141123452400", link: "https://id.gs1.org/253/0614141123452400" },
  { epc: "urn:epc:id:sgcn:4012345.67890.04711", elementString: "(255)401234567890104711", link: "https://id.gs1.org/255/401234567890104711" },
  { epc: "urn:epc:id:ginc:0614141.xyz47%2F11", elementString: "(401)0614141xyz47/11", link: "https://id.gs1.org/401/0614141xyz47%2F11" },
  { epc: "urn:epc:id:gsin:0614141.123456789", elementString: "(402)06141411234567890", link: "https://id.gs1.org/402/06141411234567890" },
];

test("vector: EPC URI, Digital Link and element string of each GS1 key give one element string", () => {
  for (const { epc, elementString, link } of vectors) {
    assert.equal(parseGs1KeyEpcUri(epc).elementString, elementString, epc);
    assert.equal(parseGs1KeyDigitalLink(link).elementString, elementString, link);
    assert.equal(parseGs1KeyElementString(elementString).elementString, elementString, elementString);
    for (const form of [epc, link, elementString]) assert.equal(parseGs1Key(form).elementString, elementString, `parseGs1Key ${form}`);
  }
  assert.deepEqual(parseGs1Key("urn:epc:id:sgln:0614141.12345.400"), {
    type: "sgln",
    elements: [
      { applicationIdentifier: "414", value: "0614141123452" },
      { applicationIdentifier: "254", value: "400" },
    ],
    elementString: "(414)0614141123452(254)400",
  });
});

test("behavior: company prefix length does not change the key, and a Digital Link may have any host and path prefix", () => {
  assert.equal(parseGs1Key("urn:epc:id:sscc:061414.11234567890").elementString, parseGs1Key("urn:epc:id:sscc:0614141.1234567890").elementString, "SSCC with a 6-digit prefix");
  assert.equal(parseGs1Key("http://resolver.example.cn/a/b/00/106141412345678908?linkType=all").elementString, "(00)106141412345678908", "prefix and query");
  assert.equal(parseGs1Key("https://id.example.com/8004/0614141A%2FB").elementString, "(8004)0614141A/B", "percent-encoded asset reference");
  assert.equal(parseGs1Key("urn:epc:id:grai:0614141.12345.A.1").elementString, "(8003)00614141123452A.1", "a dot inside a GRAI serial");
});

test("behavior: forms are recognised without trying every parser; GTIN forms are left to the UDI functions", () => {
  assert.equal(gs1KeyFormOf("urn:epc:id:grai:0614141.12345.400"), "epc-uri");
  assert.equal(gs1KeyFormOf("https://id.gs1.org/8003/00614141123452400"), "digital-link");
  assert.equal(gs1KeyFormOf("(00)106141412345678908"), "element-string");
  assert.equal(gs1KeyFormOf("urn:epc:id:sgtin:0614141.812345.6789"), undefined, "SGTIN");
  assert.equal(gs1KeyFormOf("https://id.gs1.org/01/09506000134352/21/X"), undefined, "GTIN Digital Link");
  assert.equal(gs1KeyFormOf("(01)09506000134352(21)X"), undefined, "GTIN element string");
  assert.equal(gs1KeyFormOf("https://example.com/products/42"), undefined, "not a Digital Link");
  assert.equal(digitalLinkPrimaryKey("https://id.gs1.org/01/09506000134352/21/X"), "01");
  assert.equal(digitalLinkPrimaryKey("https://id.gs1.org/00/x/y"), undefined, "(00) takes no qualifier");
});

test("error: check digits, lengths, characters and structure are checked", () => {
  expectTraceError(() => parseGs1Key("https://id.gs1.org/00/106141412345678909"), "GS1_KEY_BAD_CHECK_DIGIT", "(00)", "should be 8");
  expectTraceError(() => parseGs1Key("https://id.gs1.org/414/0614141123453"), "GS1_KEY_BAD_CHECK_DIGIT", "(414)", "should be 2");
  expectTraceError(() => parseGs1Key("https://id.gs1.org/8003/95201220000000/1004"), "UDI_MALFORMED", "does not end in /{AI}/{key}");
  expectTraceError(() => parseGs1Key("https://id.gs1.org/8003/952012200000001004"), "GS1_KEY_BAD_CHECK_DIGIT", "(8003)", "should be 1");
  expectTraceError(() => parseGs1Key("https://id.gs1.org/00/10614141234567890"), "GS1_KEY_MALFORMED", "18 digits");
  expectTraceError(() => parseGs1Key("https://id.gs1.org/8018/0614141123456789021"), "GS1_KEY_MALFORMED", "exactly 18");
  expectTraceError(() => parseGs1Key(`https://id.gs1.org/8004/0614141${"A".repeat(30)}`), "GS1_KEY_MALFORMED", "at most 30");
  expectTraceError(() => parseGs1Key("https://id.gs1.org/8004/0614141%C3%A9"), "GS1_KEY_MALFORMED", "set 82");
  expectTraceError(() => parseGs1Key("https://id.gs1.org/255/4012345678901A"), "GS1_KEY_MALFORMED", "digits");
  expectTraceError(() => parseGs1Key("urn:epc:id:sscc:0614141.123456789"), "EPC_MALFORMED", "17 digits together");
  expectTraceError(() => parseGs1Key("urn:epc:id:sscc:06141.123456789012"), "EPC_MALFORMED", "6 to 12 digits");
  expectTraceError(() => parseGs1Key("urn:epc:id:grai:0614141.12345"), "EPC_MALFORMED", "CompanyPrefix.Reference.Serial");
  expectTraceError(() => parseGs1Key("urn:epc:id:giai:0614141.A/B"), "EPC_MALFORMED", "'/' must be %-escaped");
  expectTraceError(() => parseGs1Key("urn:epc:id:gsrn:0614141.12345678A0"), "EPC_MALFORMED", "must be digits");
  expectTraceError(() => parseGs1Key("(414)0614141123452(10)400"), "GS1_KEY_MALFORMED", "not a qualifier of (414)");
  expectTraceError(() => parseGs1KeyEpcUri("urn:epc:id:usdod:2S194.12345678901"), "EPC_MALFORMED", "supported GS1 key");
  expectTraceError(() => parseGs1KeyDigitalLink("https://example.com/products/42"), "UDI_MALFORMED", "00, 414, 417, 8003");
});
