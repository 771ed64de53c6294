import PDFDocument from "pdfkit";
import { type CertificateFacts, certifiedProofFormat } from "./facts.ts";
import type { CertificateFonts } from "./fonts.ts";
import { qrMatrix } from "./qr.ts";
import { shanghaiTime } from "./time.ts";

const millimetre = 72 / 25.4;
const page = { width: 595.28, height: 841.89 };
const margin = 20 * millimetre;
const colours = { seal: "#9b1c1c", text: "#1a1a1a", label: "#5a5a5a", rule: "#c8c8c8" };
const table = { labelWidth: 124, paddingY: 4.5, fontSizeMax: 9.5, fontSizeMin: 5.5 };
const qr = { sizePt: 132, quietModules: 4 };

interface Row {
  readonly zh: string;
  readonly en: string;
  readonly lines: readonly string[];
}

function rowsOf(facts: CertificateFacts): Row[] {
  const { commit } = facts;
  const suite = facts.suite === "gm" ? "gm 国密 (SM2, SM3)" : "intl (Ed25519, SHA-256)";
  return [
    { zh: "内容哈希", en: "Content hash", lines: [facts.hash, facts.hashAlgorithm] },
    { zh: "媒体类型", en: "Media type", lines: [facts.mediaType] },
    { zh: "大小", en: "Size", lines: [`${facts.size.toLocaleString("en-US")} 字节 bytes`] },
    { zh: "标题", en: "Title", lines: [facts.title || "—"] },
    { zh: "案号", en: "Case number", lines: [facts.caseNumber || "—"] },
    { zh: "标签", en: "Tags", lines: [facts.tags.length > 0 ? facts.tags.join(", ") : "—"] },
    { zh: "提交者", en: "Submitter", lines: [`组织 Organisation: ${facts.submitter.org}`, `地址 Address: ${facts.submitter.address}`] },
    { zh: "锚定时间", en: "Anchored at", lines: [`${new Date(facts.time).toISOString()} (UTC)`, `${shanghaiTime(facts.time)} 北京时间 Asia/Shanghai`] },
    { zh: "区块", en: "Block", lines: [`高度 Height: ${facts.height}`, `哈希 Hash: ${facts.blockHash}`] },
    { zh: "交易哈希", en: "Transaction hash", lines: [facts.txHash] },
    { zh: "链", en: "Chain", lines: [`${facts.chainId} · ${suite}`] },
    {
      zh: "验证者签名",
      en: "Validator signatures",
      lines: [
        `${commit.signers} / ${commit.validators} 个验证者签名，投票权 ${commit.signedPower} / ${commit.totalPower}`,
        `${commit.signers} of ${commit.validators} validators signed, holding ${commit.signedPower} of ${commit.totalPower} voting power (more than 2/3 is required)`,
      ],
    },
  ];
}

type Document = InstanceType<typeof PDFDocument>;

function valueWidth(): number {
  return page.width - 2 * margin - table.labelWidth;
}

function rowHeight(doc: Document, row: Row, fontSize: number): number {
  doc.font("regular").fontSize(fontSize);
  const value = doc.heightOfString(row.lines.join("\n"), { width: valueWidth(), lineGap: 1 });
  const label = fontSize * 1.45 + fontSize * 0.8 * 1.45;
  return Math.max(value, label) + 2 * table.paddingY;
}

/** The largest font size at which every row fits above the QR block: long titles and tags shrink the table, never push it off the page. */
function tableFontSize(doc: Document, rows: readonly Row[], heightAvailable: number): number {
  for (let size = table.fontSizeMax; size > table.fontSizeMin; size -= 0.5) {
    if (rows.reduce((sum, row) => sum + rowHeight(doc, row, size), 0) <= heightAvailable) return size;
  }
  return table.fontSizeMin;
}

function drawFrame(doc: Document): void {
  const outer = 9 * millimetre;
  doc.lineWidth(1.6).strokeColor(colours.seal).rect(outer, outer, page.width - 2 * outer, page.height - 2 * outer).stroke();
  const inner = outer + 1.6 * millimetre;
  doc.lineWidth(0.5).rect(inner, inner, page.width - 2 * inner, page.height - 2 * inner).stroke();
}

function drawHeader(doc: Document, facts: CertificateFacts): number {
  const width = page.width - 2 * margin;
  doc.font("bold").fontSize(30).fillColor(colours.seal).text("存证证书", margin, 22 * millimetre, { width, align: "center", characterSpacing: 6 });
  doc.font("regular").fontSize(13).fillColor(colours.seal).text("EVIDENCE CERTIFICATE", margin, doc.y + 2, { width, align: "center", characterSpacing: 2.5 });
  const ruleY = doc.y + 8;
  doc.lineWidth(0.8).strokeColor(colours.seal).moveTo(margin, ruleY).lineTo(page.width - margin, ruleY).stroke();
  doc
    .font("regular")
    .fontSize(9.5)
    .fillColor(colours.text)
    .text(`兹证明：下列内容的哈希值经提交者签名，已记录在区块链 ${facts.chainId} 的第 ${facts.height} 号区块中，该区块已由验证者签名确认。内容本身不上链。`, margin, ruleY + 10, {
      width,
      lineGap: 2,
    });
  doc
    .fontSize(8.5)
    .fillColor(colours.label)
    .text(
      `This certifies that the hash of the content described below, signed by its submitter, is recorded in block ${facts.height} of the blockchain ${facts.chainId}, and that the validators signed that block. The content itself is not on the chain.`,
      margin,
      doc.y + 3,
      { width, lineGap: 1.5 },
    );
  return doc.y + 10;
}

function drawTable(doc: Document, rows: readonly Row[], top: number, bottom: number): void {
  const fontSize = tableFontSize(doc, rows, bottom - top);
  const valueX = margin + table.labelWidth;
  let y = top;
  doc.lineWidth(0.4).strokeColor(colours.rule).moveTo(margin, y).lineTo(page.width - margin, y).stroke();
  for (const row of rows) {
    const height = rowHeight(doc, row, fontSize);
    doc.font("bold").fontSize(fontSize).fillColor(colours.text).text(row.zh, margin, y + table.paddingY, { width: table.labelWidth - 8, lineBreak: false });
    doc.font("regular").fontSize(fontSize * 0.8).fillColor(colours.label).text(row.en, margin, y + table.paddingY + fontSize * 1.45, { width: table.labelWidth - 8, lineBreak: false });
    doc.font("regular").fontSize(fontSize).fillColor(colours.text).text(row.lines.join("\n"), valueX, y + table.paddingY, { width: valueWidth(), lineGap: 1 });
    y += height;
    doc.lineWidth(0.4).strokeColor(colours.rule).moveTo(margin, y).lineTo(page.width - margin, y).stroke();
  }
}

/** The QR code as vector squares (one rectangle per run of dark modules), with its quiet zone left blank. */
function drawQr(doc: Document, link: string, left: number, top: number): void {
  const matrix = qrMatrix(link);
  const module = qr.sizePt / (matrix.size + 2 * qr.quietModules);
  const originX = left + qr.quietModules * module;
  const originY = top + qr.quietModules * module;
  for (const run of matrix.runs) doc.rect(originX + run.column * module, originY + run.row * module, run.length * module, module);
  doc.fillColor("#000000").fill();
}

function drawVerifyBlock(doc: Document, link: string, top: number): void {
  drawQr(doc, link, margin - 8, top);
  const x = margin + qr.sizePt + 4;
  const width = page.width - margin - x;
  doc.font("bold").fontSize(11).fillColor(colours.seal).text("扫码核验  Scan to verify", x, top + 8, { width });
  doc.font("regular").fontSize(8).fillColor(colours.text).text(link, x, doc.y + 4, { width, link, underline: false });
  doc
    .fontSize(8.5)
    .fillColor(colours.text)
    .text("扫描二维码或打开上面的链接，在控制台的核验页面查看该哈希的上链记录。离线核验：kexin evidence verify <文件> <证明.json>", x, doc.y + 6, { width, lineGap: 1.5 });
  doc
    .fontSize(7.5)
    .fillColor(colours.label)
    .text("Scan the code or open the link above to see this hash's record on the console's verify page. Offline: kexin evidence verify <file> <proof.json>", x, doc.y + 3, {
      width,
      lineGap: 1,
    });
}

function drawFooter(doc: Document, top: number): void {
  const width = page.width - 2 * margin;
  doc
    .font("regular")
    .fontSize(7)
    .fillColor(colours.label)
    .text(
      `本证书摘录自存证证明（${certifiedProofFormat}），由其收据中的签名数据生成；可核验的证据是证明文件本身。  This certificate summarises a ${certifiedProofFormat} proof and states only what its signed receipt says; the proof itself is the verifiable evidence.`,
      margin,
      top,
      { width, align: "center", lineGap: 1 },
    );
}

/**
 * Draws the one-page certificate. The same facts, link and fonts always give the same bytes: the
 * document's dates are the anchor's block time, and pdfkit derives the file id from them.
 */
export function drawCertificate(facts: CertificateFacts, link: string, fonts: CertificateFonts): Promise<Uint8Array> {
  const anchoredAt = new Date(facts.time);
  const doc = new PDFDocument({
    size: [page.width, page.height],
    margins: { top: margin, bottom: 0, left: margin, right: margin },
    lang: "zh-CN",
    displayTitle: true,
    info: {
      Title: `存证证书 Evidence Certificate ${facts.hash}`,
      Subject: `${facts.hashAlgorithm} ${facts.hash}, block ${facts.height} of ${facts.chainId}`,
      Author: facts.submitter.org,
      Keywords: facts.hash,
      Creator: "Kexin",
      Producer: "Kexin",
      CreationDate: anchoredAt,
      ModDate: anchoredAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });
  // pdfkit takes a parsed fontkit font as it is (its types only name files and bytes).
  doc.registerFont("regular", fonts.regular as unknown as Buffer);
  doc.registerFont("bold", fonts.bold as unknown as Buffer);

  drawFrame(doc);
  const tableTop = drawHeader(doc, facts);
  const footerTop = page.height - 21 * millimetre;
  const verifyTop = footerTop - 6 - qr.sizePt;
  drawTable(doc, rowsOf(facts), tableTop, verifyTop - 8);
  drawVerifyBlock(doc, link, verifyTop);
  drawFooter(doc, footerTop);
  doc.end();
  return done;
}
