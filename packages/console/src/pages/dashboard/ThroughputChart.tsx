import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

/** A uPlot line chart that follows its container's width; data changes update it without rebuilding. */
export function ThroughputChart({ data, seriesLabel, language }: { readonly data: [number[], number[]]; readonly seriesLabel: string; readonly language: string }) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | undefined>(undefined);
  const latest = useRef(data);
  latest.current = data;

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const minutes = new Intl.DateTimeFormat(language, { hour: "2-digit", minute: "2-digit", hour12: false });
    const seconds = new Intl.DateTimeFormat(language, { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
    const created = new uPlot(
      {
        width: Math.max(element.clientWidth, 200),
        height: 200,
        legend: { show: false },
        cursor: { show: true, drag: { x: false, y: false } },
        scales: { x: { time: true }, y: { range: (_plot, _min, max) => [0, Math.max(1, Math.ceil(max * 1.2))] } },
        axes: [
          {
            stroke: "#475569",
            grid: { stroke: "#e2e8f0" },
            space: 80,
            // Seconds only when ticks are closer than a minute, so no two labels read the same.
            values: (_plot, ticks, _axis, _space, increment) => ticks.map((tick) => (increment < 60 ? seconds : minutes).format(new Date(tick * 1000))),
          },
          { stroke: "#475569", grid: { stroke: "#e2e8f0" }, size: 48 },
        ],
        series: [{}, { label: seriesLabel, stroke: "#1d4ed8", width: 2, fill: "rgba(29, 78, 216, 0.12)", points: { show: false } }],
      },
      latest.current,
      element,
    );
    plot.current = created;
    const observer = new ResizeObserver(() => created.setSize({ width: Math.max(element.clientWidth, 200), height: 200 }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      created.destroy();
      plot.current = undefined;
    };
  }, [seriesLabel, language]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  return <div ref={container} className="chart" role="img" aria-label={seriesLabel} />;
}
