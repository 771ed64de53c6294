import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { type TraceChain, type TraceOrganisation, startTraceChain } from "../../packages/node/test/trace/chain.ts";
import { type EpcisJson, commission, epcisDocument, gtinOf, receive, scenarioLocations, sgtin, ship } from "../../packages/node/test/trace/fixtures.ts";
import { ensureConsoleBuilt, launchChromium, openPage, screenshot, settleAll, stopAll } from "./support.ts";

const pump = { gtin: gtinOf("10734"), name: "Infusion pump IP-7", deviceClass: "II", registrationNumber: "国械注准20263140001" };
const { plant, warehouse, eastWard } = scenarioLocations;
const unitEpc = (serial: string): string => sgtin(pump.gtin, serial);
const recallReason = "Battery may overheat during infusion";

/** The same units in the forms people and scanners produce. */
const codes = {
  /** Human-readable, as printed under the barcode. */
  travelled: `(01)${pump.gtin}(10)LOT-A(21)A1`,
  /** GS1 Digital Link, as a QR code carries it. */
  recalled: `https://id.example.org/01/${pump.gtin}/10/LOT-R/21/R1`,
  /** The element string a DataMatrix scanner sends: symbology identifier, GS after the variable-length lot. */
  expired: `]d201${pump.gtin}17241231` + "10LOT-X\u001d21X1",
  /** A serial the manufacturer never commissioned. */
  neverMade: `(01)${pump.gtin}(21)FAKE-9`,
  /** A real serial on a label that names another lot. */
  relabelled: `(01)${pump.gtin}(10)LOT-B(21)A1`,
  /** A GTIN whose check digit is wrong. */
  badCheckDigit: "(01)00614141107347(21)A1",
  /** A model, not a unit. */
  modelOnly: `(01)${pump.gtin}`,
};

describe("console: traceability lookup by UDI, with its timeline and flags", () => {
  let chain: TraceChain;
  let browser: Browser;

  async function run(org: TraceOrganisation, type: string, payload: Parameters<TraceChain["run"]>[2], as: "admins" | "members" = "members"): Promise<void> {
    const outcome = await chain.run(chain[as][org], type, payload);
    assert.equal(outcome.status, "ok", `${type} by ${org} should succeed: ${outcome.code} ${outcome.message}`);
  }
  const importAs = (org: TraceOrganisation, events: EpcisJson[]) => run(org, "import_epcis", { document: epcisDocument(events) });

  before(async () => {
    browser = await launchChromium();
    await settleAll([ensureConsoleBuilt(), startTraceChain().then((started) => (chain = started))]);
    for (const location of [plant, warehouse, eastWard]) await run(location.org, "register_location", { ...location }, "admins");
    await run("manufacturer", "register_product", pump);
    await importAs("manufacturer", [
      commission([unitEpc("A1")], { time: 0, location: plant.id, lot: "LOT-A", expiry: "2035-12-31" }),
      commission([unitEpc("R1")], { time: 1, location: plant.id, lot: "LOT-R", expiry: "2035-12-31" }),
      commission([unitEpc("X1")], { time: 2, location: plant.id, lot: "LOT-X", expiry: "2024-12-31" }),
    ]);
    await importAs("manufacturer", [ship([unitEpc("A1")], { time: 10, location: plant.id, destination: warehouse.id })]);
    await importAs("distributor", [receive([unitEpc("A1")], { time: 300, location: warehouse.id })]);
    await importAs("distributor", [ship([unitEpc("A1")], { time: 1_440, location: warehouse.id, destination: eastWard.id })]);
    await importAs("hospital", [receive([unitEpc("A1")], { time: 1_500, location: eastWard.id })]);
    await run("regulator", "recall", { gtin: pump.gtin, lot: "LOT-R", reason: recallReason });
  });

  after(async () => {
    await stopAll([() => browser?.close(), () => chain?.close()]);
  });

  async function lookUp(page: Page, code: string): Promise<void> {
    await page.locator("#trace-code").fill(code);
    await page.getByTestId("trace-form").locator("button[type=submit]").click();
  }

  test("behavior: a unit's timeline in recorded order with who and where; recalled, expired and counterfeit-suspect units are flagged", async () => {
    const { context, page, errors } = await openPage(browser);
    try {
      await page.goto(`${chain.url}/`);
      await page.getByTestId("main-nav").getByRole("link", { name: "Traceability" }).click();
      await page.getByRole("heading", { name: "Traceability" }).waitFor();
      const cameraOffered = await page.evaluate(() => "BarcodeDetector" in window);
      assert.equal(await page.getByTestId("trace-scan").count(), cameraOffered ? 1 : 0, "the camera button should be offered exactly when the browser has BarcodeDetector");

      await lookUp(page, codes.travelled);
      await page.getByTestId("trace-result").waitFor();
      const steps = page.getByTestId("trace-step");
      assert.deepEqual(await steps.getByTestId("trace-step-what").allInnerTexts(), ["Made and labelled", "Shipped", "Received", "Shipped", "Received"], "the timeline should list the unit's steps oldest first");
      assert.deepEqual(await steps.getByTestId("trace-step-who").allInnerTexts(), ["Manufacturer", "Manufacturer", "Distributor", "Distributor", "Hospital"], "each step should name the organisation that recorded it");
      assert.deepEqual(await steps.evaluateAll((items) => items.map((item) => Number(item.getAttribute("data-step")))), [0, 1, 2, 3, 4], "steps should be in recorded order");
      const timeline = await page.getByTestId("trace-timeline").innerText();
      assert.match(timeline, /East campus \(CN-31\)/, "a registered place should be shown by its name and region");
      assert.match(timeline, /UTC\+08:00/, "event times should be shown in the zone they were recorded in");
      assert.equal(await page.getByTestId("badge-clear").count(), 1, "a unit with nothing against it should say so");
      assert.equal(await page.locator("[data-testid=badge-recalled], [data-testid=badge-expired], [data-testid=badge-counterfeit]").count(), 0, "a clean unit should carry no warning badge");
      assert.match(await page.getByTestId("trace-facts").innerText(), /Hospital/, "the current holder should be the hospital");
      await screenshot(page, "trace-timeline");

      await lookUp(page, codes.recalled);
      await page.getByTestId("badge-recalled").waitFor();
      assert.match(await page.getByTestId("trace-warnings").innerText(), new RegExp(`lot LOT-R was recalled by Regulator .*${recallReason}`), "the recall should be explained with its scope, regulator and reason");
      assert.equal(await page.getByTestId("badge-expired").count(), 0, "the recalled unit is not expired");
      await screenshot(page, "trace-recalled");

      await lookUp(page, codes.expired);
      await page.getByTestId("badge-expired").waitFor();
      assert.equal(await page.getByTestId("trace-udi").innerText(), `(01)${pump.gtin}(10)LOT-X(21)X1`, "the scanner's element string should resolve to the unit");
      assert.match(await page.getByTestId("trace-warnings").innerText(), /expired on 2024-12-31/, "the expiry should be explained with its date");

      await lookUp(page, codes.relabelled);
      await page.getByTestId("badge-counterfeit").waitFor();
      assert.match(await page.getByTestId("trace-warnings").innerText(), /label says lot LOT-B, but this unit was made in lot LOT-A/, "a label whose lot differs from the record should be called out");

      await lookUp(page, codes.neverMade);
      await page.getByTestId("trace-not-found").waitFor();
      assert.equal(await page.getByTestId("badge-counterfeit").count(), 1, "a code never recorded should be flagged as a counterfeit suspect");
      assert.match(await page.getByTestId("trace-not-found").innerText(), /Infusion pump IP-7.*never recorded by its manufacturer/s, "the message should say the model exists but this unit was never made");
      assert.deepEqual(errors, [], "the page should raise no uncaught errors");
    } finally {
      await context.close();
    }
  });

  test("error: an invalid UDI and a model-only code get a clear message, and nothing is looked up", async () => {
    const { context, page, errors } = await openPage(browser);
    try {
      await page.goto(`${chain.url}/trace`);
      await lookUp(page, codes.badCheckDigit);
      const message = page.getByTestId("trace-message");
      await message.waitFor();
      assert.match(await message.innerText(), /not a valid UDI[\s\S]*check digit/i, "a wrong check digit should be named as the reason");
      assert.equal(await page.getByTestId("trace-result").count(), 0, "no unit should be shown for an invalid code");
      await lookUp(page, codes.modelOnly);
      await message.filter({ hasText: "names a device model, not one unit" }).waitFor();
      await lookUp(page, "   ");
      await message.filter({ hasText: "Type, paste or scan a UDI first" }).waitFor();
      assert.deepEqual(errors, [], "the page should raise no uncaught errors");
    } finally {
      await context.close();
    }
  });

  test("behavior: the page switches to Chinese, and a looked-up unit fits a 375 px screen", async () => {
    const { context, page, errors } = await openPage(browser, { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    try {
      await page.goto(`${chain.url}/trace?udi=${encodeURIComponent(codes.recalled)}`);
      await page.getByTestId("badge-recalled").filter({ hasText: "Recalled" }).waitFor();
      await page.getByTestId("language-switch").getByRole("button", { name: "中文" }).click();
      await page.getByTestId("badge-recalled").filter({ hasText: "已召回" }).waitFor();
      assert.equal(await page.locator("h1").innerText(), "追溯", "the page title should switch to Chinese");
      assert.equal(await page.getByTestId("trace-step-what").first().innerText(), "生产赋码", "timeline steps should be labelled in Chinese");
      assert.match(await page.getByTestId("trace-warnings").innerText(), new RegExp(`已召回：批号 LOT-R.*${recallReason}`), "the recall explanation should be in Chinese, with the regulator's own reason");
      const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      assert.ok(widths.scroll <= widths.client, `the trace page is ${widths.scroll} px wide on a ${widths.client} px screen`);
      await screenshot(page, "narrow-trace-zh-CN");
      assert.deepEqual(errors, [], "the page should raise no uncaught errors");
    } finally {
      await context.close();
    }
  });
});
