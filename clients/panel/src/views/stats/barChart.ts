// Bar charts drawn by uPlot (bundled into panel.js: no CDN, no inline script or style, so the panel's CSP holds).
// Colours are read from the panel's theme variables when drawn, so light, dark and high-contrast themes apply;
// the canvas is only a picture: every chart's numbers are in a table next to it (stats/statsView.ts).
import uPlot from 'uplot';

export interface BarChartInput {
  /** What the chart shows, for the figure's accessible name. */
  label: string;
  /** Category names, or day keys (YYYY-MM-DD) when `days` is set. */
  categories: string[];
  days?: boolean;
  /** Stacked series, bottom first: label and values per category. */
  series: { label: string; values: number[] }[];
  format(value: number): string;
}

/** Series colours: the panel's --m-chart-N variables (VS Code's chart colours in its themes). */
export const chartColours = 6;

/** Whether this page can draw on a canvas (the unit tests' DOM cannot). */
export function canDraw(): boolean {
  try {
    return document.createElement('canvas').getContext('2d') !== null;
  } catch {
    return false;
  }
}

/** Draws the chart into `host` and returns it (destroy it before drawing again), or nothing where no canvas draws. */
export function drawBarChart(host: HTMLElement, input: BarChartInput): uPlot | undefined {
  if (!canDraw() || input.categories.length === 0) return undefined;
  const style = getComputedStyle(host);
  const colour = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  const fg = colour('--m-fg', '#1f2328');
  const grid = colour('--m-border', '#d0d7de');
  const font = `12px ${colour('--m-font', 'sans-serif')}`;
  const x = input.categories.map((_, i) => i);
  // Running sums: the last series is the total; drawn from the top down so each lower part paints over it.
  const sums: number[][] = [];
  input.series.forEach((s, i) => sums.push(s.values.map((v, c) => (i > 0 ? sums[i - 1]![c]! : 0) + v)));
  const order = input.series.map((_, i) => i).reverse();
  const bars = uPlot.paths.bars!({ size: [0.7, 48], align: 0 });
  const label = (i: number): string => {
    const category = input.categories[Math.round(i)];
    if (category === undefined || Math.round(i) !== i) return '';
    return input.days ? shortDay(category) : shorten(category, 14);
  };
  const width = Math.max(240, Math.min(900, host.clientWidth || host.parentElement?.clientWidth || 480));
  const options: uPlot.Options = {
    width,
    height: 180,
    legend: { show: false },
    cursor: { show: false },
    scales: { x: { time: false, range: [-0.6, x.length - 0.4] }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.08 : 1] } },
    axes: [
      { stroke: fg, font, grid: { show: false }, ticks: { stroke: grid }, space: input.days ? 44 : 70, incrs: [1, 2, 3, 7], values: (_u, splits) => splits.map(label) },
      { stroke: fg, font, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, size: 64, values: (_u, splits) => splits.map((v) => input.format(v)) },
    ],
    series: [
      {},
      ...order.map((i) => ({
        label: input.series[i]!.label,
        fill: colour(`--m-chart-${(i % chartColours) + 1}`, '#0969da'),
        stroke: colour(`--m-chart-${(i % chartColours) + 1}`, '#0969da'),
        width: 0,
        paths: bars,
        points: { show: false },
      })),
    ],
  };
  return new uPlot(options, [x, ...order.map((i) => sums[i]!)], host);
}

/** "Mon 3" from 2026-08-03 (a local day). */
function shortDay(key: string): string {
  const [y, m, d] = key.split('-').map(Number);
  const date = new Date(y!, m! - 1, d!);
  return `${date.toLocaleDateString(undefined, { weekday: 'short' })} ${d}`;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
