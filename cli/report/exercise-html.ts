/**
 * The exercise form of the report: one self-contained page (inline style and SVG, no script)
 * with the setup and the rounds so far, the league table (RAG in colour, symbol and word), a
 * funnel plot of the areas and each area's fan chart of its plan outcomes. Drawn from the state
 * file's summaries alone.
 */
import type { ExerciseReport } from '../../models/exercise/report.js';
import { FUNNEL_PER } from '../../models/exercise/funnel.js';
import { leagueOutcomes } from '../../models/exercise/league.js';
import type { Rag } from '../../models/plan/model.js';
import type { FanChart } from '../../models/report/model.js';
import { fanSvg, funnelSvg } from './charts.js';
import {
  escape,
  fanTable,
  figure,
  numCell,
  page,
  percent,
  RAG_STYLE,
  ragBadge,
  resetChartIds,
  table,
} from './html.js';

/** What the page says besides the report: versions and where the state came from. */
export interface ExercisePageContext {
  readonly source: string;
  readonly wcc: string;
  readonly dataDigest: string;
}

const ragWords = (rag: Rag): string => `${RAG_STYLE[rag].symbol} ${RAG_STYLE[rag].label}`;

function areaName(report: ExerciseReport, code: string): string {
  const name = report.areas.find((a) => a.code === code)?.name;
  return name ? `${name} (${code})` : code;
}

function leagueTableHtml(report: ExerciseReport): string {
  const outcomes = leagueOutcomes(report.league);
  const head = ['Rank', 'Area'];
  for (const { label: l } of outcomes)
    head.push(`${l}: projected mean`, 'P(meet)', 'RAG', 'Change in P(meet)', 'RAG move');
  head.push('Shortfall likely from', 'Net cost, last year (£ 2023/24)');
  const rows = report.league.map((r) => {
    const cells = outcomes.map(({ metric }) => {
      const o = r.outcomes.find((x) => x.metric === metric);
      if (!o) return '<td>–</td>'.repeat(5);
      const move =
        o.previousRag === null
          ? '–'
          : o.previousRag === o.rag
            ? 'no change'
            : `${ragWords(o.previousRag)} → ${ragWords(o.rag)}`;
      return (
        numCell(o.mean, 'projected_mean') +
        `<td class="num" data-field="p_meet" data-value="${o.pMeet}">${percent(o.pMeet)}</td>` +
        `<td>${ragBadge(o.rag)}</td>` +
        (o.deltaPMeet === null
          ? '<td class="num">–</td>'
          : numCell(o.deltaPMeet, 'delta_p_meet', 3)) +
        `<td>${escape(move)}</td>`
      );
    });
    const shortfall = r.shortfall
      ? `${r.shortfall.year} (${r.shortfall.resource})`
      : r.capacityStated
        ? 'not likely'
        : '– (no capacity stated)';
    return (
      `<tr data-area="${escape(r.area)}"><td class="num">${r.rank}</td><th scope="row">${escape(areaName(report, r.area))}</th>` +
      cells.join('') +
      `<td>${escape(shortfall)}</td>${r.netCost === null ? '<td>–</td>' : numCell(r.netCost, 'net_cost')}</tr>`
    );
  });
  return table(
    `League table after round ${report.round}: most at risk first (most red outcomes, then the lowest P(meet))`,
    head,
    rows,
  );
}

function roundsTable(report: ExerciseReport): string {
  const rows = report.rounds.map(
    (r) =>
      `<tr><td class="num">${r.round}</td><td class="num">${r.year}</td><td class="num">${r.draw ?? '– (init)'}</td><td>${
        r.events.length === 0
          ? 'none'
          : r.events
              .map(
                (e) => `${escape(e.name)} (${escape(e.kind)}, from ${e.year}, ${escape(e.areas)})`,
              )
              .join('; ')
      }</td></tr>`,
  );
  return table(
    'Rounds: the year each revealed and the replicate drawn as what happened',
    ['Round', 'Year realised', 'Replicate revealed', 'Events'],
    rows,
  );
}

function funnelFigure(report: ExerciseReport): string {
  const f = report.funnel;
  const per = FUNNEL_PER.toLocaleString('en-GB');
  const title = `Emergency admissions per ${per} residents in ${f.year} against population: funnel plot of the areas`;
  const outside = f.points.filter((p) => p.flag !== 'within 95 %');
  const alt =
    `Funnel plot of emergency (non-elective) admissions per ${per} residents in ${f.year} (realised) against population, on a log scale, for ${f.points.length} areas. ` +
    `The region's pooled rate is ${f.centre.toFixed(2)} (horizontal line); dashed lines are the 95 % and solid lines the 99.8 % control limits. ` +
    (outside.length === 0
      ? 'Every area lies within the 95 % limits.'
      : `Outside the 95 % limits: ${outside.map((p) => `${areaName(report, p.area)} ${p.rate.toFixed(2)} (${p.side}, ${p.flag})`).join('; ')}.`);
  const rows = [...f.points]
    .sort((a, b) => a.population - b.population)
    .map(
      (p) =>
        `<tr><th scope="row">${escape(areaName(report, p.area))}</th>${numCell(p.population, 'population')}${numCell(p.admissions, 'admissions')}${numCell(p.rate, 'rate')}<td>${escape(p.flag)}${p.flag === 'within 95 %' ? '' : `, ${p.side}`}</td></tr>`,
    );
  return figure(
    title,
    (t, d) => funnelSvg(f, t, d, `Emergency admissions per ${per} residents`),
    alt,
    table(
      `Emergency admissions and population in ${f.year} (realised), rate per ${per}`,
      [
        'Area',
        'Population',
        'Emergency admissions',
        `Rate per ${per}`,
        'Against the control limits',
      ],
      rows,
    ),
  );
}

function fanFigure(report: ExerciseReport, fan: FanChart): string {
  const where = areaName(report, fan.area);
  const title = `${fan.metric}, ${where}: after round ${report.round}, with 50, 80 and 95 % intervals`;
  const last = fan.points.at(-1);
  const realised = fan.points.filter((p) => p.year <= report.baseYear + report.round);
  const target = fan.targets[0];
  const alt =
    `Fan chart of ${fan.metric} (${fan.unit}) in ${where}. Years ${realised[0]?.year ?? ''} to ${realised.at(-1)?.year ?? ''} have happened (no spread): ${realised.map((p) => `${p.year} ${p.p50.toFixed(2)}`).join(', ')}.` +
    (last
      ? ` The projection reaches a median of ${last.p50.toFixed(2)} in ${last.year}, 80 % interval ${last.p10.toFixed(2)} to ${last.p90.toFixed(2)}.`
      : '') +
    (fan.baseline
      ? ` The projection at init (dashed) reached ${fan.baseline.at(-1)?.value.toFixed(2) ?? ''}.`
      : '') +
    (target ? ` Target (×): ${target.value.toFixed(2)} in ${target.year}.` : '');
  return figure(
    title,
    (t, d) => fanSvg(fan, t, d),
    alt,
    fanTable(fan, { head: 'Median at init', field: 'init_p50' }),
  );
}

/** The exercise report page. */
export function exerciseHtml(report: ExerciseReport, ctx: ExercisePageContext): string {
  resetChartIds();
  const facts: [string, string][] = [
    ['Source', ctx.source],
    ['Region', report.region],
    ['Areas', `${report.areas.length}: ${report.areas.map((a) => a.name).join(', ')}`],
    [
      'Rounds so far',
      `${report.round} of ${report.horizon} (realised to ${report.baseYear + report.round})`,
    ],
    ['Base year', `mid-${report.baseYear}`],
    ['Horizon', `${report.horizon} years, to ${report.baseYear + report.horizon}`],
    ['Replicates', String(report.replicates)],
    ['Seed', String(report.seed)],
    ['wcc version', ctx.wcc],
    ['Data digest', ctx.dataDigest.slice(0, 16)],
  ];
  const fanKey = `<p class="key"><span><i class="swatch" style="background: rgba(29,112,184,0.35)"></i>50 % interval</span><span><i class="swatch" style="background: rgba(29,112,184,0.25)"></i>80 %</span><span><i class="swatch" style="background: rgba(29,112,184,0.15)"></i>95 %</span><span>━ median</span><span>╌ median projected at init</span><span>× target</span></p>`;
  return page(
    `wcc exercise report: ${report.name}`,
    `<section aria-labelledby="summary" id="summary-section">
<h1 id="summary">wcc exercise report: ${escape(report.name)}</h1>
<dl class="facts">${facts.map(([k, v]) => `<dt>${escape(k)}</dt><dd>${escape(v)}</dd>`).join('')}</dl>
${roundsTable(report)}
<h2 id="league">League table</h2>
${leagueTableHtml(report)}
<p class="key">RAG from P(meet), the share of replicates meeting the target in the target year: ${ragBadge('green')} at or above the plan's green threshold (default 0.8), ${ragBadge('amber')} at or above amber (default 0.5), ${ragBadge('red')} below. Changes are since the previous round; the years that have happened are fixed at what was revealed.</p>
</section>
<section aria-labelledby="funnel"><h2 id="funnel">Areas against the region</h2><div class="charts">${funnelFigure(report)}</div></section>
<section aria-labelledby="fans"><h2 id="fans">Plan outcomes by area</h2>${fanKey}<div class="charts">${report.fans.map((f) => fanFigure(report, f)).join('\n')}</div></section>`,
  );
}
