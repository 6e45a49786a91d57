/**
 * The report's charts as SVG text, drawn at build time by Observable Plot on a server-side DOM
 * (linkedom), so the page needs no script. Every chart is 'role="img"' with an aria-label and a
 * description, and says where its plot area is (data-plot-area: left top right bottom, in SVG
 * units) so a browser test can check that the marks fall inside it.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { Funnel } from '../../models/exercise/funnel.js';
import type { CapacityChart, FanChart, Waterfall } from '../../models/report/model.js';

/** Chart size and margins, in SVG units. */
export const CHART = {
  width: 640,
  height: 320,
  marginTop: 24,
  marginRight: 24,
  marginBottom: 44,
  marginLeft: 84,
} as const;

/** Colours of the fans, the baseline, capacity and the waterfall parts. */
export const COLOURS = {
  fan: '#1d70b8',
  baseline: '#505a5f',
  target: '#0b0c0c',
  available: '#d4351c',
  increase: '#912b88',
  decrease: '#00703c',
  total: '#0b0c0c',
} as const;

/** The little of a DOM element the report uses. */
interface SvgNode {
  setAttribute(name: string, value: string): void;
  readonly outerHTML: string;
}

/** A page of the server-side DOM that Plot draws into (Plot's `document` option). */
const page: unknown = (parseHTML as (html: string) => { document: unknown })(
  '<!doctype html><html><head></head><body></body></html>',
).document;

/**
 * Plot's own entry point, typed without the browser's DOM types (the project compiles without
 * lib "dom"): it takes the options and returns the SVG element.
 */
const plot = Plot.plot as unknown as (
  options: Omit<Plot.PlotOptions, 'document'> & { document: unknown },
) => SvgNode;

/** Draws `options` and returns the SVG as text, marked as an image with a label and description. */
function draw(options: Plot.PlotOptions, label: string, description: string): string {
  const svg = plot({
    ...CHART,
    document: page,
    style: { fontSize: '12px', background: 'white', color: '#0b0c0c', overflow: 'visible' },
    ariaLabel: label,
    ariaDescription: description,
    ...options,
  });
  svg.setAttribute('role', 'img');
  svg.setAttribute(
    'data-plot-area',
    [
      CHART.marginLeft,
      CHART.marginTop,
      CHART.width - CHART.marginRight,
      CHART.height - CHART.marginBottom,
    ].join(' '),
  );
  return svg.outerHTML;
}

/**
 * A y domain around the value of a fan whose every value is the same (a fixed input, say), which
 * would otherwise get a scale of zero width and ticks of needless decimals; nothing otherwise.
 */
function flatDomain(fan: FanChart): { domain?: [number, number] } {
  const values = [
    ...fan.points.flatMap((p) => [p.p2_5, p.p97_5]),
    ...(fan.baseline ?? []).map((b) => b.value),
    ...fan.targets.map((t) => t.value),
  ].filter(Number.isFinite);
  const low = Math.min(...values);
  if (values.length === 0 || Math.max(...values) !== low) return {};
  const pad = Math.abs(low) * 0.05 || 1;
  return { domain: [low - pad, low + pad] };
}

/** A fan chart: the 95, 80 and 50 % bands, the median, the baseline's median and the targets. */
export function fanSvg(fan: FanChart, title: string, description: string): string {
  const marks: Plot.Markish[] = [
    Plot.areaY(fan.points, {
      x: 'year',
      y1: 'p2_5',
      y2: 'p97_5',
      fill: COLOURS.fan,
      fillOpacity: 0.15,
    }),
    Plot.areaY(fan.points, {
      x: 'year',
      y1: 'p10',
      y2: 'p90',
      fill: COLOURS.fan,
      fillOpacity: 0.25,
    }),
    Plot.areaY(fan.points, {
      x: 'year',
      y1: 'p25',
      y2: 'p75',
      fill: COLOURS.fan,
      fillOpacity: 0.35,
    }),
    Plot.lineY(fan.points, { x: 'year', y: 'p50', stroke: COLOURS.fan, strokeWidth: 2 }),
  ];
  if (fan.baseline)
    marks.push(
      Plot.lineY(fan.baseline, {
        x: 'year',
        y: 'value',
        stroke: COLOURS.baseline,
        strokeWidth: 1.5,
        strokeDasharray: '5,4',
      }),
    );
  if (fan.targets.length > 0)
    marks.push(
      Plot.dot(fan.targets, {
        x: 'year',
        y: 'value',
        symbol: (d: FanChart['targets'][number]) => (d.kind === 'target' ? 'times' : 'diamond'),
        r: 5,
        stroke: COLOURS.target,
        strokeWidth: 2,
      }),
    );
  return draw(
    {
      inset: 8,
      x: { label: 'Year', tickFormat: 'd', ticks: fan.points.map((p) => p.year) },
      y: { label: `${fan.metric} (${fan.unit})`, grid: true, ...flatDomain(fan) },
      marks,
    },
    title,
    description,
  );
}

/** The waterfall of a change: demography, trend and interventions stacked to the total. */
export function waterfallSvg(w: Waterfall, title: string, description: string): string {
  return draw(
    {
      inset: 8,
      x: {
        label: 'Part of the change',
        domain: w.steps.map((s) => s.part),
        padding: 0.3,
      },
      y: { label: `Change ${w.fromYear}–${w.toYear} (${w.unit})`, grid: true, nice: true },
      marks: [
        Plot.barY(w.steps, {
          x: 'part',
          y1: 'start',
          y2: 'end',
          fill: (s: Waterfall['steps'][number]) =>
            s.part === 'total' ? COLOURS.total : s.value >= 0 ? COLOURS.increase : COLOURS.decrease,
        }),
        Plot.ruleY([0], { stroke: '#0b0c0c' }),
      ],
    },
    title,
    description,
  );
}

/** Capacity: the required 80 % band and median against what is available, P(shortfall) on top. */
export function capacitySvg(c: CapacityChart, title: string, description: string): string {
  const years = c.years.map((y) => ({
    year: y.year,
    p10: y.required.p10,
    p50: y.required.p50,
    p90: y.required.p90,
    available: y.available,
    label: `P=${y.pShortfall.toFixed(2)}`,
  }));
  return draw(
    {
      inset: 8,
      // Room for the P(shortfall) labels: above the lines, and inside the frame at either end.
      insetTop: 26,
      insetLeft: 28,
      insetRight: 28,
      x: { label: 'Year', tickFormat: 'd', ticks: years.map((y) => y.year) },
      y: { label: `${c.resource} (${c.unit})`, grid: true, nice: true },
      marks: [
        Plot.areaY(years, {
          x: 'year',
          y1: 'p10',
          y2: 'p90',
          fill: COLOURS.fan,
          fillOpacity: 0.25,
        }),
        Plot.lineY(years, { x: 'year', y: 'p50', stroke: COLOURS.fan, strokeWidth: 2 }),
        Plot.lineY(years, {
          x: 'year',
          y: 'available',
          stroke: COLOURS.available,
          strokeWidth: 2,
          curve: 'step-after',
        }),
        Plot.text(years, {
          x: 'year',
          text: 'label',
          frameAnchor: 'top',
          lineAnchor: 'top',
          dy: 4,
          fill: '#0b0c0c',
        }),
      ],
    },
    title,
    description,
  );
}

/**
 * A funnel plot: each area's rate against its population (log scale), the pooled rate and the
 * 95 % (dashed) and 99.8 % (solid) control limits.
 */
export function funnelSvg(f: Funnel, title: string, description: string, yLabel: string): string {
  const limit = (y: keyof Funnel['limits'][number], dash: string) =>
    Plot.lineY(f.limits, { x: 'population', y, stroke: COLOURS.baseline, strokeDasharray: dash });
  return draw(
    {
      inset: 8,
      x: { type: 'log', label: 'Population (persons, log scale)', grid: true },
      y: { label: yLabel, grid: true, nice: true },
      marks: [
        limit('lower998', 'none'),
        limit('upper998', 'none'),
        limit('lower95', '5,4'),
        limit('upper95', '5,4'),
        Plot.ruleY([f.centre], { stroke: COLOURS.target }),
        Plot.dot(f.points, {
          x: 'population',
          y: 'rate',
          r: 4,
          fill: COLOURS.fan,
          stroke: 'white',
          title: 'area',
        }),
      ],
    },
    title,
    description,
  );
}
