import type { CryptoSuite } from "@kexin/core";
import { useCallback, useEffect, useRef, useState } from "react";
import { errorMessage } from "../api.ts";
import { useI18n } from "../i18n/index.tsx";
import { FileTooLargeError, type FileHashProgress, browserHashBytesMax, hashDisplayName, hashFile } from "./hashFile.ts";
import { Hash } from "./Hash.tsx";

export type FileHashState =
  | { readonly state: "idle" }
  | { readonly state: "working"; readonly file: File; readonly progress: FileHashProgress }
  | { readonly state: "done"; readonly file: File; readonly suite: CryptoSuite; readonly hash: string; readonly size: number }
  | { readonly state: "failed"; readonly file: File; readonly error: unknown };

/** Hashes one file at a time; choosing another file abandons the one being hashed. */
export function useFileHash(): { readonly current: FileHashState; start(suite: CryptoSuite, file: File): void; reset(): void } {
  const [current, setCurrent] = useState<FileHashState>({ state: "idle" });
  const running = useRef<AbortController | undefined>(undefined);
  const start = useCallback((suite: CryptoSuite, file: File) => {
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setCurrent({ state: "working", file, progress: { phase: "reading", bytesDone: 0, bytesTotal: file.size } });
    hashFile(suite, file, (progress) => !controller.signal.aborted && setCurrent({ state: "working", file, progress }), controller.signal).then(
      (result) => !controller.signal.aborted && setCurrent({ state: "done", file, suite, ...result }),
      (error: unknown) => !controller.signal.aborted && setCurrent({ state: "failed", file, error }),
    );
  }, []);
  const reset = useCallback(() => {
    running.current?.abort();
    setCurrent({ state: "idle" });
  }, []);
  useEffect(() => () => running.current?.abort(), []);
  return { current, start, reset };
}

/** Progress while a file is hashed, then its name, size and hash; `testId` marks the hash. */
export function FileHashView({ current, testId }: { readonly current: FileHashState; readonly testId: string }) {
  const { t } = useI18n();
  if (current.state === "idle") return null;
  if (current.state === "working") {
    const { progress } = current;
    const percent = progress.bytesTotal === 0 ? 100 : Math.floor((progress.bytesDone / progress.bytesTotal) * 100);
    return (
      <div className="file-hash" role="status" data-testid={`${testId}-progress`}>
        <div className="file-hash-name">{current.file.name}</div>
        <progress max={100} value={progress.phase === "hashing" ? undefined : percent} aria-label={current.file.name} />
        <div className="muted">{progress.phase === "reading" ? t.evidence.reading(percent) : t.evidence.hashing}</div>
      </div>
    );
  }
  if (current.state === "failed") {
    return (
      <p className="notice" role="alert" data-testid={`${testId}-error`}>
        {current.error instanceof FileTooLargeError ? t.evidence.fileTooLarge(current.error.size, browserHashBytesMax) : t.evidence.hashFailed(errorMessage(current.error))}
      </p>
    );
  }
  return (
    <dl className="facts file-hash">
      <dt>{t.evidence.fileName}</dt>
      <dd>{current.file.name}</dd>
      <dt>{t.evidence.fileSize}</dt>
      <dd>{t.evidence.size(current.size)}</dd>
      <dt>{t.evidence.fileHash(hashDisplayName(current.suite))}</dt>
      <dd data-testid={testId}>
        <Hash value={current.hash} />
      </dd>
    </dl>
  );
}
