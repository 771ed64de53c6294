import { type FormEvent, useEffect, useState } from "react";
import { useI18n } from "../../i18n/index.tsx";
import { useRouter } from "../../router.tsx";
import { type CheckedCode, checkCode, localDate } from "./lookup.ts";
import { LookupResult } from "./LookupResult.tsx";
import { Scanner, useScanFormats } from "./Scanner.tsx";

function codeFromSearch(search: string): string {
  return new URLSearchParams(search).get("udi") ?? "";
}

/**
 * `/trace?udi=…`: the public lookup of a medical device by its UDI. The code lives in the address,
 * so a lookup can be linked, reloaded and gone back to; nothing here needs an account.
 */
export function Trace() {
  const { t } = useI18n();
  const { search, navigate } = useRouter();
  const requested = codeFromSearch(search);
  const [text, setText] = useState(requested);
  const [emptySubmit, setEmptySubmit] = useState(false);
  const [scanning, setScanning] = useState(false);
  const [scanProblem, setScanProblem] = useState<string | undefined>(undefined);
  const scanFormats = useScanFormats();
  // Back and forward change the address under the box; the box follows.
  useEffect(() => setText(requested), [requested]);

  const lookUp = (code: string) => {
    setScanProblem(undefined);
    if (code.trim().length === 0) {
      setEmptySubmit(true);
      return;
    }
    setEmptySubmit(false);
    navigate(`/trace?udi=${encodeURIComponent(code.trim())}`);
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    lookUp(text);
  };

  const checked: CheckedCode = checkCode(requested);
  return (
    <section aria-labelledby="trace-title">
      <h1 id="trace-title">{t.trace.title}</h1>
      <p className="muted">{t.trace.intro}</p>
      <form className="panel trace-form" role="search" onSubmit={onSubmit} data-testid="trace-form">
        <label htmlFor="trace-code">{t.trace.codeLabel}</label>
        <div className="search">
          <input
            id="trace-code"
            name="udi"
            type="text"
            inputMode="text"
            value={text}
            onChange={(event) => setText(event.target.value)}
            placeholder={t.trace.codePlaceholder}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            aria-describedby="trace-code-hint"
          />
          <button type="submit">{t.trace.lookUp}</button>
        </div>
        <p id="trace-code-hint" className="step-detail">
          {t.trace.codeHint}
        </p>
        {scanFormats.length > 0 && !scanning && (
          <button type="button" className="secondary" onClick={() => setScanning(true)} data-testid="trace-scan">
            {t.trace.scan}
          </button>
        )}
        {scanning && (
          <Scanner
            formats={scanFormats}
            onCode={(code) => {
              setScanning(false);
              setText(code);
              lookUp(code);
            }}
            onClose={(problem) => {
              setScanning(false);
              setScanProblem(problem);
            }}
          />
        )}
        {scanProblem !== undefined && (
          <p className="notice" role="status">
            {scanProblem}
          </p>
        )}
      </form>
      {emptySubmit && (
        <p className="notice" role="alert" data-testid="trace-message">
          {t.trace.empty}
        </p>
      )}
      {!emptySubmit && checked.kind === "invalid" && (
        <div className="notice" role="alert" data-testid="trace-message">
          <strong>{t.trace.invalidUdi}</strong>
          <p className="step-detail">{checked.reason}</p>
        </div>
      )}
      {!emptySubmit && checked.kind === "model" && (
        <p className="notice" role="alert" data-testid="trace-message">
          {t.trace.modelOnly(checked.label)}
        </p>
      )}
      {!emptySubmit && checked.kind === "code" && <LookupResult key={checked.code} checked={checked} date={localDate(new Date())} />}
    </section>
  );
}
