import { parentPort } from "node:worker_threads";
import { KexinError } from "@kexin/core";
import { renderEvidenceCertificate } from "./index.ts";

/** Draws certificates off the node's main thread; the fonts stay parsed between requests. */
parentPort?.on("message", (request: { id: number; proof: unknown; baseUrl: string }) => {
  renderEvidenceCertificate({ proof: request.proof, baseUrl: request.baseUrl }).then(
    (result) => parentPort?.postMessage({ id: request.id, result }, [result.pdf.buffer as ArrayBuffer]),
    (error: unknown) => {
      const type = error instanceof KexinError ? (error.type as { code: string }) : undefined;
      parentPort?.postMessage({ id: request.id, error: { message: error instanceof Error ? error.message : String(error), type } });
    },
  );
});
