/** Paired bars drawn in SVG, as the Data sharing credits chart: a handful of partners needs no charting library. */
const rowHeightPx = 44;
const labelWidthPx = 160;
const valueWidthPx = 90;
const chartWidthPx = 640;
const colours = { owes: "#b45309", owed: "#1d4ed8" } as const;

export interface Flow {
  readonly partner: string;
  readonly label: string;
  /** Fen this program owes the partner program, and the partner owes this one. */
  readonly owesFen: number;
  readonly owedFen: number;
}

/** Two bars per partner program: what this program owes it and what it owes this program, to one scale. */
export function FlowsChart({ flows, label, legend, format }: { readonly flows: readonly Flow[]; readonly label: string; readonly legend: { readonly owes: string; readonly owed: string }; readonly format: (fen: number) => string }) {
  const largest = Math.max(1, ...flows.flatMap((flow) => [flow.owesFen, flow.owedFen]));
  const barSpace = chartWidthPx - labelWidthPx - valueWidthPx;
  const legendHeightPx = 24;
  const bar = (kind: "owes" | "owed", fen: number, y: number) => {
    const width = Math.round((fen / largest) * barSpace);
    return (
      <>
        <rect x={labelWidthPx} y={y} width={width} height={14} rx="2" fill={colours[kind]} />
        <text x={labelWidthPx + width + 6} y={y + 12} fontSize="12" fill="#334155">
          {format(fen)}
        </text>
      </>
    );
  };
  return (
    <svg className="chart" role="img" aria-label={label} viewBox={`0 0 ${chartWidthPx} ${legendHeightPx + flows.length * rowHeightPx + 8}`} width="100%" style={{ maxWidth: chartWidthPx, minHeight: 0 }} data-testid="flows-chart">
      {(["owes", "owed"] as const).map((kind, index) => (
        <g key={kind}>
          <rect x={labelWidthPx + index * 200} y={4} width={12} height={12} fill={colours[kind]} />
          <text x={labelWidthPx + index * 200 + 18} y={15} fontSize="12" fill="#334155">
            {legend[kind]}
          </text>
        </g>
      ))}
      {flows.map((flow, index) => {
        const y = legendHeightPx + index * rowHeightPx + 4;
        return (
          <g key={flow.partner} data-partner={flow.partner} data-owes-fen={flow.owesFen} data-owed-fen={flow.owedFen}>
            <text x={labelWidthPx - 8} y={y + rowHeightPx / 2} textAnchor="end" fontSize="13" fill="#334155">
              {flow.label}
            </text>
            {bar("owes", flow.owesFen, y + 2)}
            {bar("owed", flow.owedFen, y + 20)}
          </g>
        );
      })}
    </svg>
  );
}
