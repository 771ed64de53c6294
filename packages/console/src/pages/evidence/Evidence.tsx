import { getSuite } from "@kexin/core";
import type { StatusState } from "../../api.ts";
import { useI18n } from "../../i18n/index.tsx";
import { AnchorFile } from "./AnchorFile.tsx";
import { Lookup } from "./Lookup.tsx";

/**
 * `/evidence`, shown when the node runs the evidence module: anchor a file (hashed here with the
 * chain's suite, signed here, never uploaded unless the clerk chooses to store a copy sealed here)
 * and look up a hash's anchorings. Files are hashed
 * with the suite the node reports, the one its genesis fixed.
 */
export function Evidence({ statusState }: { readonly statusState: StatusState }) {
  const { t } = useI18n();
  const suiteId = statusState.status?.suite;
  return (
    <section aria-labelledby="evidence-title">
      <h1 id="evidence-title">{t.evidence.title}</h1>
      <p>{t.evidence.intro}</p>
      {suiteId === undefined ? (
        <p className="muted">{t.common.loading}</p>
      ) : (
        <>
          <AnchorFile suite={getSuite(suiteId)} />
          <Lookup suite={getSuite(suiteId)} />
        </>
      )}
    </section>
  );
}
