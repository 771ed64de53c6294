import type { evidence } from "@kexin/sdk";
import { useI18n } from "../i18n/index.tsx";
import { Link } from "../router.tsx";
import { Hash } from "./Hash.tsx";

type AnchorFields = Pick<evidence.AnchorView, "caseNumber" | "tags" | "mediaType" | "size" | "submitter" | "height" | "time">;

/**
 * What one anchoring recorded, as rows of a `<dl className="facts">` the caller holds (so it can
 * add its own rows). `linked` points the submitter and block at the explorer, which needs the node.
 */
export function AnchorFacts({ anchor, timeFormat, linked }: { readonly anchor: AnchorFields; readonly timeFormat: Intl.DateTimeFormat; readonly linked: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <dt>{t.evidence.caseNumber}</dt>
      <dd>{anchor.caseNumber || t.common.none}</dd>
      <dt>{t.evidence.tags}</dt>
      <dd>{anchor.tags.length > 0 ? anchor.tags.join(", ") : t.common.none}</dd>
      <dt>{t.evidence.mediaType}</dt>
      <dd>{anchor.mediaType}</dd>
      <dt>{t.evidence.fileSize}</dt>
      <dd>{t.evidence.size(anchor.size)}</dd>
      <dt>{t.evidence.organisation}</dt>
      <dd>{anchor.submitter.org}</dd>
      <dt>{t.evidence.submitter}</dt>
      <dd>
        <Hash value={anchor.submitter.address} to={linked ? `/explorer/accounts/${anchor.submitter.address}` : undefined} />
      </dd>
      <dt>{t.evidence.blockHeight}</dt>
      <dd>{linked ? <Link to={`/explorer/blocks/${anchor.height}`}>{anchor.height}</Link> : anchor.height}</dd>
      <dt>{t.evidence.blockTime}</dt>
      <dd>{timeFormat.format(new Date(anchor.time))}</dd>
    </>
  );
}
