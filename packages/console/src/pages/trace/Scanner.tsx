import { useEffect, useRef, useState } from "react";
import { useI18n } from "../../i18n/index.tsx";

/**
 * The Barcode Detection API as far as the console uses it. It is not in TypeScript's DOM library
 * yet, and only some browsers have it (Chrome on Android, macOS and ChromeOS; not on Linux or
 * Windows, nor Firefox), so the page asks for it at run time and falls back to typing.
 */
interface DetectedBarcode {
  readonly rawValue: string;
}
interface BarcodeDetectorInstance {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorInstance;
  getSupportedFormats(): Promise<string[]>;
}

/** GS1 DataMatrix carries most UDIs, GS1-128 the linear ones, QR codes Digital Link URLs. */
const udiFormats = ["data_matrix", "code_128", "qr_code"];
const detectEveryMs = 250;
const scanTimeoutMs = 60_000;

function detectorClass(): BarcodeDetectorClass | undefined {
  const candidate = (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  return typeof candidate === "function" && typeof navigator.mediaDevices?.getUserMedia === "function" ? candidate : undefined;
}

/** The UDI formats this browser can read from a camera, or none: then the page offers no camera button. */
export function useScanFormats(): readonly string[] {
  const [formats, setFormats] = useState<readonly string[]>([]);
  useEffect(() => {
    const Detector = detectorClass();
    if (!Detector) return;
    let cancelled = false;
    Detector.getSupportedFormats().then(
      (supported) => !cancelled && setFormats(udiFormats.filter((format) => supported.includes(format))),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, []);
  return formats;
}

/**
 * Shows the rear camera and reads frames until a barcode is found, the person stops, or a minute
 * passes. The camera is released on every way out.
 */
export function Scanner({ formats, onCode, onClose }: { readonly formats: readonly string[]; readonly onCode: (code: string) => void; readonly onClose: (problem?: string) => void }) {
  const { t } = useI18n();
  const video = useRef<HTMLVideoElement>(null);
  const found = useRef(onCode);
  found.current = onCode;
  const closed = useRef(onClose);
  closed.current = onClose;

  useEffect(() => {
    const Detector = detectorClass();
    const element = video.current;
    if (!Detector || !element) return;
    let stream: MediaStream | undefined;
    let timer: number | undefined;
    let stopped = false;
    const stop = () => {
      stopped = true;
      window.clearTimeout(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
    const start = async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
        if (stopped) return stop();
        element.srcObject = stream;
        await element.play();
        const detector = new Detector({ formats: [...formats] });
        const deadline = Date.now() + scanTimeoutMs;
        const detectOnce = async () => {
          if (stopped) return;
          if (Date.now() > deadline) {
            stop();
            closed.current(t.trace.scanNothing);
            return;
          }
          const codes = await detector.detect(element).catch(() => []);
          const code = codes.find((candidate) => candidate.rawValue.length > 0)?.rawValue;
          if (code !== undefined && !stopped) {
            stop();
            found.current(code);
            return;
          }
          timer = window.setTimeout(() => void detectOnce(), detectEveryMs);
        };
        await detectOnce();
      } catch (error) {
        stop();
        closed.current(t.trace.scanFailed(error instanceof Error ? error.message : String(error)));
      }
    };
    void start();
    return stop;
    // Runs once per opening; the handlers are read through refs.
  }, [formats]);

  return (
    <div className="trace-scanner" data-testid="trace-scanner">
      <video ref={video} muted playsInline aria-label={t.trace.scanning} />
      <p className="muted">{t.trace.scanning}</p>
      <button type="button" className="secondary" onClick={() => closed.current()}>
        {t.trace.stopScan}
      </button>
    </div>
  );
}
