import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as fontkit from "fontkit";
import { CertificateError } from "./errors.ts";

/**
 * Noto Sans Hans (Simplified Chinese, with Latin), from the npm package @embedpdf/fonts-sc: about
 * 30,000 characters, well beyond GB2312, so names and case numbers with rare characters still
 * print. The files are OpenType (CFF) fonts of about 8.5 MB each; pdfkit embeds only the glyphs a
 * certificate uses, so a certificate stays near 100 KB.
 */
const fontPackage = "@embedpdf/fonts-sc";
const fontFiles = { regular: "NotoSansHans-Regular.otf", bold: "NotoSansHans-Bold.otf" } as const;

export interface CertificateFonts {
  readonly regular: fontkit.Font;
  readonly bold: fontkit.Font;
}

/** The package's exports name only its script, so the fonts are found beside it (dist/ → fonts/). */
function fontPath(file: string): string {
  const entry = createRequire(import.meta.url).resolve(fontPackage);
  return join(dirname(entry), "..", "fonts", file);
}

async function readFont(file: string): Promise<fontkit.Font> {
  let path = `${fontPackage}/fonts/${file}`;
  try {
    path = fontPath(file);
    const font = fontkit.create(await readFile(path));
    if (!("layout" in font)) throw new Error("the file is a font collection, not one font");
    return font;
  } catch (error) {
    throw new CertificateError(
      { code: "CERTIFICATE_FONT_MISSING", path },
      `the certificate font ${path} cannot be read (${error instanceof Error ? error.message : String(error)}); run npm install so that ${fontPackage} is installed`,
    );
  }
}

let loaded: Promise<CertificateFonts> | undefined;

/** Reads and parses both fonts once per process (about 17 MB) and keeps them for later certificates. */
export function loadCertificateFonts(): Promise<CertificateFonts> {
  loaded ??= Promise.all([readFont(fontFiles.regular), readFont(fontFiles.bold)]).then(([regular, bold]) => ({ regular, bold }));
  // A failed read is not cached, so a repaired installation works without a restart.
  loaded.catch(() => {
    loaded = undefined;
  });
  return loaded;
}
