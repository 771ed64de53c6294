/** Bars drawn in SVG: a handful of organisations needs no charting library. */
const barHeightPx = 28;
const labelWidthPx = 140;
const valueWidthPx = 80;
const chartWidthPx = 640;

/** A horizontal bar per organisation, its length proportional to the balance. */
export function CreditsChart({ balances, label }: { readonly balances: readonly { readonly organisation: string; readonly balance: number }[]; readonly label: string }) {
  const largest = Math.max(1, ...balances.map((entry) => entry.balance));
  const barSpace = chartWidthPx - labelWidthPx - valueWidthPx;
  return (
    <svg className="chart" role="img" aria-label={label} viewBox={`0 0 ${chartWidthPx} ${balances.length * barHeightPx + 8}`} width="100%" style={{ maxWidth: chartWidthPx }} data-testid="credits-chart">
      {balances.map((entry, index) => {
        const y = index * barHeightPx + 4;
        const width = Math.round((entry.balance / largest) * barSpace);
        return (
          <g key={entry.organisation} data-organisation={entry.organisation} data-balance={entry.balance}>
            <text x={labelWidthPx - 8} y={y + barHeightPx / 2 + 4} textAnchor="end" fontSize="13" fill="#334155">
              {entry.organisation}
            </text>
            <rect x={labelWidthPx} y={y + 4} width={width} height={barHeightPx - 8} rx="3" fill="#1d4ed8" />
            <text x={labelWidthPx + width + 6} y={y + barHeightPx / 2 + 4} fontSize="13" fill="#334155">
              {entry.balance}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
