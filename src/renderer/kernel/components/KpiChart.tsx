import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: ReadonlyArray<number | null>;
}

const COLOURS = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#be185d', '#4b5563'];

/**
 * One figure over the report's periods, a line per key (uPlot: small and fast; canvas). The chart is a picture of the
 * table beside it, which is what screen readers read (aria-hidden here).
 */
export function KpiChart({ periods, series, unit }: { periods: readonly string[]; series: readonly ChartSeries[]; unit: string }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el || periods.length === 0 || typeof HTMLCanvasElement === 'undefined') return;
    const xs = periods.map((p) => Date.parse(`${p}T00:00:00Z`) / 1000);
    const plot = new uPlot(
      {
        width: Math.max(320, el.clientWidth || 640),
        height: 220,
        scales: { x: { time: true } },
        axes: [{}, { label: unit }],
        series: [{}, ...series.map((s, i) => ({ label: s.label, stroke: COLOURS[i % COLOURS.length], width: 2, spanGaps: true }))],
      },
      [xs, ...series.map((s) => s.values.map((v) => v))] as uPlot.AlignedData,
      el,
    );
    return () => plot.destroy();
  }, [periods, series, unit]);
  return <div className="kpi-chart" ref={box} aria-hidden="true" data-testid="kpi-chart" />;
}
