/**
 * The report as one self-contained HTML page: inline style, inline SVG, no script, no font or
 * file fetched, so it opens from disk anywhere. A one-page summary comes first (what was run,
 * headline outcomes with P(meet) and RAG, net cost), then the fan charts, the waterfalls and the
 * capacity charts, each with its title, a text alternative and its data table in a <details>.
 * Numbers in tables carry their full-precision value in data-value for checking.
 */
import type { Rag, TargetAssessment } from '../../models/plan/model.js';
import type { CapacityChart, FanChart, ReportModel, Waterfall } from '../../models/report/model.js';
import { formatNumber } from '../format.js';
import { capacitySvg, fanSvg, waterfallSvg } from './charts.js';

/** What the page says about the run besides the model. */
export interface ReportContext {
  /** The scenario's name. */
  readonly name: string;
  /** The run header (what was run, the plan in force), one line each. */
  readonly header: string;
  /** Facts listed in the summary: label and value. */
  readonly facts: readonly (readonly [string, string])[];
  /** Each area's name by code. */
  readonly areaNames: ReadonlyMap<string, string>;
}

/** RAG colours (text on background, each at least 4.5:1, WCAG 2.1 AA) with words and symbols. */
export const RAG_STYLE: Readonly<
  Record<Rag, { label: string; symbol: string; fg: string; bg: string }>
> = {
  green: { label: 'Green', symbol: '●', fg: '#ffffff', bg: '#00703c' },
  amber: { label: 'Amber', symbol: '◐', fg: '#0b0c0c', bg: '#ffdd00' },
  red: { label: 'Red', symbol: '○', fg: '#ffffff', bg: '#aa2a16' },
};

/** `text` escaped for HTML text and attributes. */
export const escape = (text: string): string =>
  text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');

const num = (value: number, digits = 4): string => escape(formatNumber(value, digits));

/** A table cell holding a number: formatted for people, exact in data-value. */
export const numCell = (value: number, field: string, digits = 4): string =>
  `<td class="num" data-field="${field}" data-value="${Number.isNaN(value) ? '' : String(value)}">${num(value, digits)}</td>`;

/** A probability as a percentage with one decimal (NA for NaN). */
export const percent = (p: number): string =>
  Number.isNaN(p) ? 'NA' : `${(p * 100).toLocaleString('en-GB', { maximumFractionDigits: 1 })} %`;

/** A RAG rating as a coloured badge with its symbol and word. */
export function ragBadge(rag: Rag): string {
  const s = RAG_STYLE[rag];
  return `<span class="rag rag-${rag}" data-rag="${rag}">${s.symbol} ${s.label}</span>`;
}

/** A table with a caption, column heads and rows (HTML). */
export function table(caption: string, head: readonly string[], rows: readonly string[]): string {
  return `<table><caption>${escape(caption)}</caption><thead><tr>${head.map((h) => `<th scope="col">${escape(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

let chartId = 0;

/** Restarts the chart numbering (each page numbers its charts from 1). */
export function resetChartIds(): void {
  chartId = 0;
}

/** A chart: title, SVG, text alternative and its data table behind a <details>. */
export function figure(
  title: string,
  svg: (t: string, d: string) => string,
  alt: string,
  data: string,
): string {
  const id = `chart-${++chartId}`;
  return `<figure class="chart" id="${id}" aria-labelledby="${id}-title">
<h3 id="${id}-title">${escape(title)}</h3>
<div class="plot">${svg(title, alt)}</div>
<figcaption class="alt">${escape(alt)}</figcaption>
<details><summary>Data table: ${escape(title)}</summary>${data}</details>
</figure>`;
}

function areaLabel(ctx: ReportContext, code: string): string {
  const name = ctx.areaNames.get(code);
  return name && name !== code ? `${name} (${code})` : code;
}

function headlineTable(ctx: ReportContext, assessments: readonly TargetAssessment[]): string {
  const rows = assessments.map(
    (a) =>
      `<tr data-area="${escape(a.area)}" data-outcome="${escape(a.outcome.label)}"><th scope="row">${escape(a.outcome.label)}${ctx.areaNames.size > 1 ? ` <span class="area">${escape(areaLabel(ctx, a.area))}</span>` : ''}</th>` +
      `<td>${a.outcome.better}</td>` +
      numCell(a.baseValue, 'base_value') +
      numCell(a.outcome.target, 'target') +
      `<td class="num">${a.outcome.year}</td>` +
      numCell(a.projected.mean, 'mean') +
      `<td class="num">${num(a.projected.p10)} to ${num(a.projected.p90)}</td>` +
      `<td class="num" data-field="p_meet" data-value="${a.pMeet}">${percent(a.pMeet)}</td>` +
      `<td>${ragBadge(a.rag)}</td>` +
      `<td class="num" data-field="baseline_p_meet" data-value="${a.baseline?.pMeet ?? ''}">${a.baseline ? percent(a.baseline.pMeet) : '–'}</td>` +
      `<td class="num">${a.offTrackYear ?? '–'}</td></tr>`,
  );
  return table(
    'Headline outcomes: P(meet) is the share of replicates meeting the target in the target year',
    [
      'Outcome',
      'Better',
      'Base value',
      'Target',
      'Target year',
      'Projected mean',
      '80 % interval',
      'P(meet)',
      'RAG',
      'Baseline P(meet)',
      'Off track from',
    ],
    rows,
  );
}

function fanFigure(ctx: ReportContext, fan: FanChart, baseYear: number): string {
  const first = fan.points[0];
  const last = fan.points.at(-1);
  const where = areaLabel(ctx, fan.area);
  const title = `${fan.metric}, ${where}: projection with 50, 80 and 95 % intervals`;
  const target = fan.targets.find((t) => t.kind === 'target');
  const alt =
    first && last
      ? `Fan chart of ${fan.metric} (${fan.unit}) in ${where}. The median goes from ${num(first.p50)} in ${first.year} to ${num(last.p50)} in ${last.year}, 80 % interval ${num(last.p10)} to ${num(last.p90)}, 95 % interval ${num(last.p2_5)} to ${num(last.p97_5)}.` +
        (fan.baseline
          ? ` The baseline (dashed) reaches ${num(fan.baseline.at(-1)?.value ?? NaN)} in ${last.year}.`
          : '') +
        (target ? ` Target (×): ${num(target.value)} in ${target.year}.` : '')
      : `No values of ${fan.metric} from ${baseYear}.`;
  return figure(title, (t, d) => fanSvg(fan, t, d), alt, fanTable(fan));
}

/**
 * A fan's data table: mean and quantiles by year, and the dashed line's value when it is drawn.
 * @param dashed - the dashed line's column head and data-field (default the baseline's median)
 */
export function fanTable(
  fan: FanChart,
  dashed: { readonly head: string; readonly field: string } = {
    head: 'Baseline median',
    field: 'baseline_p50',
  },
): string {
  const rows = fan.points.map(
    (p, k) =>
      `<tr><th scope="row">${p.year}</th>${numCell(p.mean, 'mean')}${numCell(p.p2_5, 'p2_5')}${numCell(p.p10, 'p10')}${numCell(p.p25, 'p25')}${numCell(p.p50, 'p50')}${numCell(p.p75, 'p75')}${numCell(p.p90, 'p90')}${numCell(p.p97_5, 'p97_5')}${fan.baseline ? numCell(fan.baseline[k]?.value ?? NaN, dashed.field) : ''}</tr>`,
  );
  const head = ['Year', 'Mean', '2.5 %', '10 %', '25 %', 'Median', '75 %', '90 %', '97.5 %'];
  if (fan.baseline) head.push(dashed.head);
  return table(`${fan.metric} (${fan.unit}), quantiles over replicates`, head, rows);
}

const PART_NAMES = {
  demography: 'Demography',
  trend: 'Prevalence trend',
  interventions: 'Interventions',
  total: 'Total change',
} as const;

function waterfallFigure(ctx: ReportContext, w: Waterfall): string {
  const where = areaLabel(ctx, w.area);
  const title = `${w.metric}, ${where}: change from ${w.fromYear} to ${w.toYear} by cause`;
  const parts = w.steps.map((s) => `${PART_NAMES[s.part]} ${num(s.value)}`).join(', ');
  const alt = `Waterfall of the change in ${w.metric} (${w.unit}) in ${where} from ${num(w.from)} in ${w.fromYear} to ${num(w.to)} in ${w.toYear} (means over replicates): ${parts}.`;
  const rows = w.steps.map(
    (s) => `<tr><th scope="row">${PART_NAMES[s.part]}</th>${numCell(s.value, s.part)}</tr>`,
  );
  return figure(
    title,
    (t, d) => waterfallSvg(w, t, d),
    alt,
    table(`Change in ${w.metric} (${w.unit}), mean over replicates`, ['Part', 'Change'], rows),
  );
}

function capacityFigure(ctx: ReportContext, c: CapacityChart): string {
  const where = areaLabel(ctx, c.area);
  const title = `${c.resource}, ${where}: required against available, with P(shortfall)`;
  const alt =
    `Capacity chart of ${c.resource} (${c.unit}) in ${where}: the median required (line) with its 80 % interval (band) against capacity available (red step line); the probability of a shortfall is written above each year: ` +
    c.years.map((y) => `${y.year} ${y.pShortfall.toFixed(2)}`).join(', ') +
    (c.firstLikely === undefined
      ? '. A shortfall is not more likely than not in any year.'
      : `. A shortfall is more likely than not from ${c.firstLikely}.`);
  const rows = c.years.map(
    (y) =>
      `<tr><th scope="row">${y.year}</th>${numCell(y.required.p10, 'required_p10')}${numCell(y.required.p50, 'required_p50')}${numCell(y.required.p90, 'required_p90')}${numCell(y.available, 'available')}${numCell(y.pShortfall, 'p_shortfall', 3)}</tr>`,
  );
  return figure(
    title,
    (t, d) => capacitySvg(c, t, d),
    alt,
    table(
      `${c.resource} (${c.unit}): required and available`,
      ['Year', 'Required 10 %', 'Required median', 'Required 90 %', 'Available', 'P(shortfall)'],
      rows,
    ),
  );
}

const STYLE = `
:root { color: #0b0c0c; background: #fff; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
body { margin: 0 auto; max-width: 1340px; padding: 1rem 1.5rem 3rem; line-height: 1.4; }
h1 { font-size: 1.6rem; margin: 0.5rem 0; } h2 { font-size: 1.3rem; margin-top: 2rem; border-top: 2px solid #b1b4b6; padding-top: 0.75rem; }
h3 { font-size: 1.05rem; margin: 0 0 0.5rem; }
.header { white-space: pre-wrap; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.85rem; background: #f3f2f1; padding: 0.5rem 0.75rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1rem; margin: 0.75rem 0; }
dl.facts dt { font-weight: 600; } dl.facts dd { margin: 0; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.85rem; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border-bottom: 1px solid #b1b4b6; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.rag { display: inline-block; padding: 0.1rem 0.45rem; border-radius: 0.2rem; font-weight: 700; white-space: nowrap; }
${Object.entries(RAG_STYLE)
  .map(([k, s]) => `.rag-${k} { color: ${s.fg}; background: ${s.bg}; }`)
  .join('\n')}
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 1.5rem; }
figure.chart { margin: 0; }
.plot svg { max-width: 100%; height: auto; }
.alt { font-size: 0.85rem; color: #383f43; margin: 0.25rem 0; }
.key { font-size: 0.85rem; } .key span { display: inline-block; margin-right: 1rem; }
.swatch { display: inline-block; width: 1.4em; height: 0.8em; vertical-align: middle; margin-right: 0.3em; }
.area { font-weight: 400; color: #383f43; }
@media print { .charts { display: block; } figure.chart { break-inside: avoid; } }
`;

/** A self-contained page: the style inline, no script, nothing fetched (the CSP forbids it). */
export function page(title: string, main: string): string {
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escape(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${main}
</main>
</body>
</html>
`;
}

/** The report page. */
export function reportHtml(model: ReportModel, ctx: ReportContext): string {
  chartId = 0;
  const facts = ctx.facts.map(([k, v]) => `<dt>${escape(k)}</dt><dd>${escape(v)}</dd>`).join('');
  const plan = model.plan
    ? `${headlineTable(ctx, model.assessments)}<p class="key">RAG from P(meet): ${ragBadge('green')} at or above ${model.plan.rag.green}, ${ragBadge('amber')} at or above ${model.plan.rag.amber}, ${ragBadge('red')} below. The baseline is the same scenario without interventions, levers or capacity, on the same replicates.</p>`
    : `<p>The scenario has no plan block, so there are no targets to meet: the charts below show the projections.</p>`;
  const cost =
    model.netCost.length === 0
      ? '<p>This run has no costs (the demand model makes them).</p>'
      : table(
          `Net cost in ${model.netCost[0]?.year ?? ''} (£ 2023/24): services plus programmes, mean and 80 % interval over replicates`,
          ['Area', 'Year', 'Mean', '10 %', '90 %'],
          model.netCost.map(
            (c) =>
              `<tr data-area="${escape(c.area)}"><th scope="row">${escape(areaLabel(ctx, c.area))}</th><td class="num">${c.year}</td>${numCell(c.mean, 'cost_net_mean')}${numCell(c.p10, 'cost_net_p10')}${numCell(c.p90, 'cost_net_p90')}</tr>`,
          ),
        );
  const fanKey = `<p class="key"><span><i class="swatch" style="background: rgba(29,112,184,0.35)"></i>50 % interval</span><span><i class="swatch" style="background: rgba(29,112,184,0.25)"></i>80 %</span><span><i class="swatch" style="background: rgba(29,112,184,0.15)"></i>95 %</span><span>━ median</span><span>╌ baseline median</span><span>× target, ◇ milestone</span></p>`;
  const sections = [
    `<section aria-labelledby="fans"><h2 id="fans">Projections</h2>${fanKey}<div class="charts">${model.fans.map((f) => fanFigure(ctx, f, model.baseYear)).join('\n')}</div></section>`,
  ];
  if (model.waterfalls.length > 0)
    sections.push(
      `<section aria-labelledby="waterfalls"><h2 id="waterfalls">Where the change comes from</h2><p class="key">Change from ${model.baseYear} split into demography (the population's size and age), the prevalence trend and the interventions; bars rise for increases (purple) and fall for decreases (green); the last bar is the total.</p><div class="charts">${model.waterfalls.map((w) => waterfallFigure(ctx, w)).join('\n')}</div></section>`,
    );
  if (model.capacity.length > 0)
    sections.push(
      `<section aria-labelledby="capacity"><h2 id="capacity">Capacity</h2><div class="charts">${model.capacity.map((c) => capacityFigure(ctx, c)).join('\n')}</div></section>`,
    );
  return page(
    `wcc report: ${ctx.name}`,
    `<section aria-labelledby="summary" id="summary-section">
<h1 id="summary">wcc report: ${escape(ctx.name)}</h1>
<p class="header">${escape(ctx.header.trim())}</p>
<dl class="facts">${facts}</dl>
<h2 id="headline">Headline outcomes</h2>
${plan}
<h2 id="cost">Net cost</h2>
${cost}
</section>
${sections.join('\n')}`,
  );
}
