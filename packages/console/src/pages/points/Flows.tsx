import { type ProgramRecord, pointsListLimitMax } from "@kexin/core";
import { points } from "@kexin/sdk";
import { type Loadable, client } from "../../api.ts";
import { LoadStatus } from "../../components/LoadStatus.tsx";
import { useI18n } from "../../i18n/index.tsx";
import { type Flow, FlowsChart } from "./FlowsChart.tsx";
import { programName } from "./programs.ts";
import { useReload } from "./useReload.ts";

/**
 * The partner programs of `program` (those it has an agreement with, either way, ended ones
 * included: what was owed under them stays owed) and the value owed each way, as the node holds it.
 */
async function loadFlows(program: string, signal: AbortSignal): Promise<readonly { readonly partner: string; readonly owesFen: number; readonly owedFen: number }[]> {
  const { agreements } = await points.getAgreements(client, { limit: pointsListLimitMax, signal });
  const partners = [...new Set(agreements.flatMap((agreement) => (agreement.from === program ? [agreement.to] : agreement.to === program ? [agreement.from] : [])))].filter((partner) => partner !== program).sort();
  return Promise.all(
    partners.map(async (partner) => {
      const [owes, owed] = await Promise.all([points.getObligation(client, { from: program, to: partner, signal }), points.getObligation(client, { from: partner, to: program, signal })]);
      return { partner, owesFen: owes.fen, owedFen: owed.fen };
    }),
  );
}

/** `program`'s exchange and redemption flows with each partner program, as a chart. */
export function Flows({ program, programs, revision }: { readonly program: string; readonly programs: Loadable<ReadonlyMap<string, ProgramRecord>>; readonly revision: number }) {
  const { t, language } = useI18n();
  const flows = useReload(`points-flows-${program}`, revision, (signal) => loadFlows(program, signal));
  const drawn: Flow[] = flows.state === "loaded" ? flows.value.filter((flow) => flow.owesFen > 0 || flow.owedFen > 0).map((flow) => ({ ...flow, label: programName(language, programs, flow.partner) })) : [];
  return (
    <div className="panel">
      <h2>{t.points.flowsTitle}</h2>
      <LoadStatus loadable={flows} />
      {flows.state === "loaded" && drawn.length === 0 && <p className="muted">{t.points.noFlows}</p>}
      {drawn.length > 0 && <FlowsChart flows={drawn} label={t.points.flowsChart(programName(language, programs, program))} legend={{ owes: t.points.owesPartner, owed: t.points.owedByPartner }} format={t.points.yuan} />}
    </div>
  );
}
