import type { Sweep } from '../src/protocol/protocol';
import { svg, type ViewNode } from './view-node';

/** Size of the plot in SVG user units (it scales with the panel's width). */
const WIDTH = 360;
const HEIGHT = 170;
const MARGIN = { left: 52, right: 10, top: 24, bottom: 30 };

/** Compact number for axis labels: 3 significant digits, no exponent for ordinary magnitudes. */
export function formatTick(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e4 || magnitude < 1e-3) return value.toExponential(1).replace('-', '−');
  return Number(value.toPrecision(3)).toString().replace('-', '−');
}

function finite(values: readonly (number | null)[]): number[] {
  return values.filter((v): v is number => v !== null && Number.isFinite(v));
}

/** Consecutive finite points as polyline `points` strings (a null or NaN breaks the line). */
function segments(xs: readonly number[], ys: readonly (number | null)[], sx: (x: number) => number, sy: (y: number) => number): string[] {
  const result: string[] = [];
  let current: string[] = [];
  for (let k = 0; k < xs.length; k++) {
    const y = ys[k];
    if (y === null || y === undefined || !Number.isFinite(y) || !Number.isFinite(xs[k])) {
      if (current.length > 0) result.push(current.join(' '));
      current = [];
      continue;
    }
    current.push(`${sx(xs[k]).toFixed(1)},${sy(y).toFixed(1)}`);
  }
  if (current.length > 0) result.push(current.join(' '));
  return result;
}

/**
 * "Yours vs expected" as `sweep.variable` sweeps its range: two polylines (the claimed right side
 * dashed, the expected value solid), axes with end ticks, a zero line when 0 is in range, a legend.
 * Undefined when there is nothing finite to draw.
 */
export function plotView(sweep: Sweep): ViewNode | undefined {
  const xs = sweep.xs;
  const ys = [...finite(sweep.claimed), ...finite(sweep.expected)];
  const xf = finite(xs);
  if (ys.length === 0 || xf.length < 2) return undefined;
  const x0 = Math.min(...xf);
  const x1 = Math.max(...xf);
  let y0 = Math.min(...ys);
  let y1 = Math.max(...ys);
  if (y1 - y0 < 1e-12 * Math.max(1, Math.abs(y0))) {
    const pad = Math.max(1, Math.abs(y0) * 0.1);
    y0 -= pad;
    y1 += pad;
  } else {
    const pad = (y1 - y0) * 0.06;
    y0 -= pad;
    y1 += pad;
  }
  const left = MARGIN.left;
  const right = WIDTH - MARGIN.right;
  const top = MARGIN.top;
  const bottom = HEIGHT - MARGIN.bottom;
  const sx = (x: number) => left + ((x - x0) / (x1 - x0 || 1)) * (right - left);
  const sy = (y: number) => bottom - ((y - y0) / (y1 - y0)) * (bottom - top);

  const children: ViewNode[] = [];
  // Frame (axes) and the zero line.
  children.push(svg('line', { class: 'axis', x1: `${left}`, y1: `${bottom}`, x2: `${right}`, y2: `${bottom}` }));
  children.push(svg('line', { class: 'axis', x1: `${left}`, y1: `${top}`, x2: `${left}`, y2: `${bottom}` }));
  if (y0 < 0 && y1 > 0) {
    const y = sy(0).toFixed(1);
    children.push(svg('line', { class: 'zero', x1: `${left}`, y1: y, x2: `${right}`, y2: y }));
  }
  // Tick labels: the ends of both ranges (and zero).
  const yTicks = y0 < 0 && y1 > 0 ? [y0, 0, y1] : [y0, y1];
  for (const v of yTicks) {
    children.push(svg('text', { class: 'tick', x: `${left - 4}`, y: `${(sy(v) + 3).toFixed(1)}`, 'text-anchor': 'end' }, formatTick(v)));
  }
  children.push(svg('text', { class: 'tick', x: `${left}`, y: `${bottom + 12}`, 'text-anchor': 'start' }, formatTick(x0)));
  children.push(svg('text', { class: 'tick', x: `${right}`, y: `${bottom + 12}`, 'text-anchor': 'end' }, formatTick(x1)));
  children.push(svg('text', { class: 'axis-label', x: `${(left + right) / 2}`, y: `${bottom + 24}`, 'text-anchor': 'middle' }, sweep.variable));
  // The two series.
  for (const [name, values] of [['expected', sweep.expected], ['claimed', sweep.claimed]] as const) {
    for (const points of segments(xs, values, sx, sy)) {
      children.push(svg('polyline', { class: `series ${name}`, points, fill: 'none' }));
    }
  }
  // Legend, above the plot area.
  const legend = (x: number, name: 'claimed' | 'expected', label: string) =>
    svg(
      'g',
      { class: `legend-item ${name}` },
      svg('line', { class: `series ${name}`, x1: `${x}`, y1: '10', x2: `${x + 18}`, y2: '10' }),
      svg('text', { class: 'legend', x: `${x + 22}`, y: '14' }, label),
    );
  children.push(svg('g', { class: 'legend' }, legend(left, 'claimed', 'yours'), legend(left + 80, 'expected', 'expected')));

  return svg(
    'svg',
    {
      class: 'plot',
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      width: `${WIDTH}`,
      height: `${HEIGHT}`,
      role: 'img',
      'aria-label': `yours vs expected as ${sweep.variable} goes from ${formatTick(x0)} to ${formatTick(x1)}`,
      'data-variable': sweep.variable,
    },
    ...children,
  );
}
