import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type CryptoSuite, getSuite, toHex, utf8 } from "@kexin/core";
import jsQRModule from "jsqr";
import { PNG } from "pngjs";
import { parseGenesis } from "../../node/src/genesis.ts";
import { type TestChain, startTestChain } from "../../node/test/support.ts";
import { parseJson, runCli } from "./runCli.ts";

const run = promisify(execFile);
// jsqr is CommonJS whose typings declare its function as the default export, which Node's ESM import gives as a property.
const jsQR = jsQRModule.default;
const passphrase = { KEXIN_PASSPHRASE: "secret" };
const artifactsDirectory = fileURLToPath(new URL("../../../test-artifacts/evidence/", import.meta.url));
const baseUrl = "https://kexin.example.org/console";
const title = "证人笔录（第一次询问）";
const caseNumber = "(2024)京0105刑初123号";

/** Runs a poppler-utils tool; the certificate checks need a real PDF reader, not our own writer's view of its output. */
async function poppler(tool: "pdftoppm" | "pdftotext" | "pdffonts", args: readonly string[]): Promise<string> {
  try {
    return (await run(tool, args, { maxBuffer: 16 * 1024 * 1024, timeout: 60_000 })).stdout;
  } catch (error) {
    if ((error as { code?: unknown }).code === "ENOENT") {
      throw new Error(`${tool} is not installed: apt-get install poppler-utils (npm test does, as root)`);
    }
    throw error;
  }
}

function account(suite: CryptoSuite): { publicKey: Uint8Array } {
  return { publicKey: suite.publicKeyOf(suite.generatePrivateKey()) };
}

describe("kexin evidence certificate and GET /v1/evidence/:hash/certificate.pdf, for a real anchored file", () => {
  const suite = getSuite("intl");
  let directory: string;
  let home: string;
  let chain: TestChain;
  let hash: string;
  let height: number;
  let pdfPath: string;

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), "kexin-cli-certificate-"));
    home = join(directory, "home");
    const created = await runCli(["keys", "new", "officer", "--home", home, "--json"], passphrase);
    assert.equal(created.code, 0, created.stderr);
    const officer = parseJson(created.stdout).address as string;
    const validatorKey = suite.generatePrivateKey();
    const genesis = parseGenesis({
      chainId: "kexin-certificate",
      suite: suite.id,
      genesisTime: 1_700_000_000_000,
      consensus: "solo",
      validators: [{ name: "v1", publicKey: toHex(suite.publicKeyOf(validatorKey)), power: 1 }],
      organisations: [{ id: "police", name: "Police", admins: [toHex(account(suite).publicKey)] }],
      members: [{ org: "police", address: officer, name: "officer", roles: ["officer"] }],
    });
    chain = await startTestChain({ genesis, validatorKey });
    const file = join(directory, "statement.pdf");
    await writeFile(file, utf8(`%PDF-1.7 witness statement ${"lorem ipsum ".repeat(400)}`));
    const added = await runCli(["evidence", "add", file, "--key", "officer", "--home", home, "--node", chain.url, "--title", title, "--case", caseNumber, "--tags", "statement,witness", "--json"], passphrase);
    assert.equal(added.code, 0, added.stderr);
    const summary = parseJson(added.stdout);
    hash = summary.hash as string;
    height = summary.height as number;
    pdfPath = join(directory, "certificate.pdf");
  });
  after(async () => {
    await chain.close();
    await rm(directory, { recursive: true, force: true });
  });

  test("default: the certificate is saved, opens in a PDF reader, shows both languages, embeds a subset CJK font and stays small", async () => {
    const started = performance.now();
    const made = await runCli(["evidence", "certificate", hash, "--out", pdfPath, "--base-url", baseUrl, "--node", chain.url, "--json"]);
    assert.equal(made.code, 0, made.stderr);
    const summary = parseJson(made.stdout);
    assert.deepEqual(
      [summary.hash, summary.file, summary.verifyUrl, summary.height, summary.chainId],
      [hash, pdfPath, `${baseUrl}/verify?hash=${hash}`, height, "kexin-certificate"],
      "the summary names the file, the verify link and the block",
    );
    const pdf = await readFile(pdfPath);
    assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-", "the file is a PDF");
    assert.equal(summary.bytes, pdf.length, "the summary gives the file's size");
    assert.ok(pdf.length < 200 * 1024, `the font is subset, so the certificate is small (${pdf.length} bytes)`);
    process.stderr.write(`certificate: ${pdf.length} bytes, drawn by the CLI in ${Math.round(performance.now() - started)} ms\n`);

    // Letter-spaced headings come out with spaces between the letters, so the text is compared without white space.
    const text = (await poppler("pdftotext", [pdfPath, "-"])).replace(/\s+/g, "");
    const expectations = ["存证证书", "EVIDENCE CERTIFICATE", "兹证明", "This certifies", "内容哈希", "Content hash", hash, "application/pdf", title, caseNumber, "statement, witness"];
    expectations.push("police", "Asia/Shanghai", "(UTC+08:00)", "kexin-certificate", `高度 Height: ${height}`, "1 of 1 validators signed, holding 1 of 1 voting power", "扫码核验", "Scan to verify");
    for (const expected of expectations) assert.ok(text.includes(expected.replace(/\s+/g, "")), `the text layer contains "${expected}"`);

    const fonts = await poppler("pdffonts", [pdfPath]);
    assert.match(fonts, /\+NotoSansHans-Regular\s+CID Type 0C\s+Identity-H\s+yes yes yes/, "the Chinese font is embedded as a subset with a Unicode map");
  });

  test("default: page 1 renders to a non-blank A4 image whose QR code decodes to the console's verify page for the hash", async () => {
    const prefix = join(directory, "page");
    await poppler("pdftoppm", ["-r", "150", "-png", "-f", "1", "-l", "1", "-singlefile", pdfPath, prefix]);
    const bytes = await readFile(`${prefix}.png`);
    await mkdir(artifactsDirectory, { recursive: true });
    await writeFile(join(artifactsDirectory, "certificate-page-1.png"), bytes);

    const image = PNG.sync.read(bytes);
    // A4 is 595.28 × 841.89 pt, 1240.2 × 1753.9 pixels at 150 dpi; poppler rounds either way.
    assert.ok(Math.abs(image.width - 1240) <= 1 && Math.abs(image.height - 1754) <= 1, `A4 at 150 dpi (${image.width} × ${image.height})`);
    let dark = 0;
    for (let offset = 0; offset < image.data.length; offset += 4) {
      const luminance = ((image.data[offset] as number) + (image.data[offset + 1] as number) + (image.data[offset + 2] as number)) / 3;
      if (luminance < 128) dark++;
    }
    const darkShare = dark / (image.width * image.height);
    assert.ok(darkShare > 0.02 && darkShare < 0.3, `the page has text and a QR code on a white ground (${(darkShare * 100).toFixed(1)}% dark pixels)`);

    const code = jsQR(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength), image.width, image.height);
    assert.ok(code, "a QR code is found on the rendered page");
    assert.equal(code.data, `${baseUrl}/verify?hash=${hash}`, "the QR code opens the console's verify page for the hash");
  });

  test("behavior: the API draws the same certificate byte for byte, and by default points the QR code at the node itself", async () => {
    const response = await fetch(`${chain.url}/v1/evidence/${hash}/certificate.pdf?baseUrl=${encodeURIComponent(baseUrl)}`);
    assert.equal(response.status, 200, "the route answers");
    assert.equal(response.headers.get("content-type"), "application/pdf", "as a PDF");
    assert.match(response.headers.get("content-disposition") ?? "", /^inline; filename="evidence-certificate-[0-9a-f]{16}\.pdf"$/, "with a file name");
    const fromApi = new Uint8Array(await response.arrayBuffer());
    assert.ok(Buffer.from(fromApi).equals(await readFile(pdfPath)), "the node and the CLI draw identical bytes from the same proof and link");

    const own = await fetch(`${chain.url}/v1/evidence/${hash}/certificate.pdf`);
    assert.equal(own.status, 200, "the default base URL works");
    const ownPath = join(directory, "own.pdf");
    await writeFile(ownPath, new Uint8Array(await own.arrayBuffer()));
    const text = await poppler("pdftotext", [ownPath, "-"]);
    assert.ok(text.replace(/\s+/g, "").includes(`${chain.url}/verify?hash=${hash}`), "the link is the node's own address, which serves the console");
  });

  test("error: an unknown hash, a bad base URL and a non-hash are refused with their codes", async () => {
    const unknown = "ab".repeat(32);
    const missing = await runCli(["evidence", "certificate", unknown, "--node", chain.url, "--out", join(directory, "none.pdf")]);
    assert.equal(missing.code, 1, "an unknown hash fails");
    assert.match(missing.stderr, new RegExp(`hash ${unknown} is not anchored on this chain \\(NOT_FOUND\\)`));

    const badUrl = await runCli(["evidence", "certificate", hash, "--node", chain.url, "--base-url", "ftp://kexin.example.org", "--out", join(directory, "bad.pdf"), "--json"]);
    assert.equal(badUrl.code, 1, "a bad base URL fails");
    assert.equal((parseJson(badUrl.stdout).error as { code: string }).code, "CERTIFICATE_BAD_BASE_URL");

    const apiBadUrl = await chain.get(`/v1/evidence/${hash}/certificate.pdf?baseUrl=${encodeURIComponent("https://kexin.example.org/?x=1")}`);
    assert.equal(apiBadUrl.status, 400, "the API refuses a base URL with a query");
    assert.equal((apiBadUrl.body.error as { code: string }).code, "CERTIFICATE_BAD_BASE_URL");
    const apiMissing = await chain.get(`/v1/evidence/${hash}/certificate.pdf?index=1`);
    assert.equal(apiMissing.status, 404, "the API answers 404 for a missing anchoring");
    assert.equal((apiMissing.body.error as { code: string }).code, "NOT_FOUND");

    const notHash = await runCli(["evidence", "certificate", "xyz", "--node", chain.url]);
    assert.match(notHash.stderr, /"xyz" is not a hash of 64 hex digits \(CLI_BAD_INPUT\)/);
  });
});
