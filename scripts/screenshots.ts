// `npm run screenshots`: every console page, captured as people see it (the usage below says how).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Wallet, createKexinClient, evidence, importKeyFile, points } from "@kexin/sdk";
import type { Page } from "playwright-core";
import { ensureConsoleBuilt, launchChromium, openPage, repositoryRoot, stopAll } from "../test/console/support.ts";
import { type NodeProcess, freePort, startNodeProcess } from "../test/support/nodeProcess.ts";
import { parseCommandLine } from "./lib/commandLine.mjs";
import { recordContractsStory } from "./screenshotContracts.ts";
import { recordTraceStory } from "./screenshotTrace.ts";

parseCommandLine({
  usage: `usage: npm run screenshots

Starts a development node in a temporary home, submits a few transactions, and captures every console
page at 375 px and 1280 px, in English and Chinese, into test-artifacts/screenshots/. Takes no options;
the browser is Debian's Chromium at /usr/bin/chromium, or the one KEXIN_CHROMIUM names.`,
});

const outputDirectory = join(repositoryRoot, "test-artifacts/screenshots");
const widths = [375, 1280] as const;
const languages = ["en", "zh-CN"] as const;
const devPassphrase = "kexin-dev";

async function wallet(home: string, name: string): Promise<Wallet> {
  return importKeyFile(readFileSync(join(home, "keys", `${name}.key`), "utf8"), devPassphrase);
}

async function main(): Promise<void> {
  // The browser first: without one there is nothing to start the rest for.
  const browser = await launchChromium();
  const home = mkdtempSync(join(tmpdir(), "kexin-screenshots-"));
  let node: NodeProcess | undefined;
  try {
    await ensureConsoleBuilt();
    mkdirSync(outputDirectory, { recursive: true });
    node = await startNodeProcess(home, await freePort());
    const client = createKexinClient({ url: node.url });
    const [alice, bob] = await Promise.all([wallet(home, "alice"), wallet(home, "bob")]);
    const send = async (from: Wallet, call: Parameters<typeof client.buildAndSend>[1]) => (await client.buildAndSend(from, call)).hash;
    const hashes: string[] = [];
    for (const amount of [100, 250, 40]) hashes.push(await send(alice, points.issue({ to: bob.address, amount })));
    hashes.push(await send(bob, points.transfer({ to: alice.address, program: "merchant", amount: 30 })));
    // A transaction that executes and fails, so the explorer shows a failed result too.
    hashes.push(await send(bob, points.transfer({ to: alice.address, program: "merchant", amount: 1_000_000 })));
    const committed = await Promise.all(hashes.map((hash) => client.waitForCommit({ hash, timeoutMs: 30_000 })));
    const shown = committed[0];
    if (!shown) throw new Error("no transaction was committed");
    const tracedUdi = await recordTraceStory(client, home);
    const contractName = await recordContractsStory(client, home, repositoryRoot);
    const receiptFile = join(home, "receipt.json");
    writeFileSync(receiptFile, JSON.stringify(shown.receipt, null, 2));

    // An anchored file, for the evidence page and for Verify with an evidence proof and its file.
    const evidenceFile = join(home, "hearing-minutes.txt");
    const evidenceContent = Buffer.from("Minutes of the hearing of 10 June 2024.\n".repeat(50));
    writeFileSync(evidenceFile, evidenceContent);
    const evidenceHash = evidence.hashContent(alice.suite, evidenceContent);
    const anchored = await send(alice, evidence.anchor({ hash: evidenceHash, size: evidenceContent.length, mediaType: "text/plain", title: "Hearing minutes", caseNumber: "(2024)京0105刑初123号", tags: ["minutes"] }));
    await client.waitForCommit({ hash: anchored, timeoutMs: 30_000 });

    /** Keeps transactions flowing while the dashboard is captured, so its chart has something to show. */
    const traffic = async (count: number) => {
      for (let index = 0; index < count; index++) await send(alice, points.issue({ to: bob.address, amount: 1 + index }));
    };

    const pages: { name: string; path: string; ready: string; before?: (page: Page) => Promise<void> }[] = [
      { name: "dashboard", path: "/", ready: "[data-testid=feed-state]", before: () => traffic(20) },
      { name: "explorer", path: "/explorer", ready: "[data-testid=recent-blocks]" },
      { name: "block", path: `/explorer/blocks/${shown.height}`, ready: "[data-testid=block-txs]" },
      { name: "transaction", path: `/explorer/txs/${shown.hash}`, ready: "[data-testid=tx-payload]" },
      { name: "failed-transaction", path: `/explorer/txs/${committed[committed.length - 1]?.hash ?? ""}`, ready: "[data-testid=tx-result]" },
      { name: "account", path: `/explorer/accounts/${alice.address}`, ready: "[data-testid=account-facts]" },
      {
        name: "verify",
        path: "/verify",
        ready: "[data-testid=verdict]",
        before: async (page) => page.locator("[data-testid=receipt-file]").setInputFiles(receiptFile),
      },
      {
        name: "evidence",
        path: "/evidence",
        ready: "[data-testid=anchor-hash]",
        before: async (page) => page.locator("[data-testid=anchor-file]").setInputFiles(evidenceFile),
      },
      {
        name: "verify-evidence",
        path: `/verify?hash=${evidenceHash}`,
        ready: "[data-testid=verdict][data-file-checked=true]",
        before: async (page) => page.locator("[data-testid=evidence-content-file]").setInputFiles(evidenceFile),
      },
      { name: "trace", path: `/trace?udi=${encodeURIComponent(tracedUdi)}`, ready: "[data-testid=trace-result]" },
      { name: "contracts", path: "/contracts", ready: "[data-testid=proposal-progress]" },
      { name: "contract", path: `/contracts/${contractName}`, ready: "[data-testid=recent-calls]" },
    ];
    const written: string[] = [];
    for (const language of languages) {
      for (const width of widths) {
        const { context, page } = await openPage(browser, { locale: language, viewport: { width, height: width < 600 ? 812 : 900 }, isMobile: width < 600, hasTouch: width < 600 });
        try {
          for (const entry of pages) {
            await page.goto(`${node.url}${entry.path}`);
            if (entry.before) await entry.before(page);
            await page.locator(entry.ready).first().waitFor();
            // Lets the live figures and the chart take in what the node pushed.
            if (entry.name === "dashboard") await page.waitForTimeout(1_500);
            const file = join(outputDirectory, `${entry.name}-${width}-${language}.png`);
            await page.screenshot({ path: file, fullPage: true });
            written.push(file);
          }
        } finally {
          await context.close();
        }
      }
    }
    console.log(`${written.length} screenshots in ${outputDirectory}`);
  } finally {
    await stopAll([() => browser.close(), () => node?.kill("SIGTERM"), () => rmSync(home, { recursive: true, force: true })]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
