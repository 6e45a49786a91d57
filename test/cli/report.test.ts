/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * `wcc report` opened in a real browser: headless Chromium (the Debian package `chromium`, or the
 * executable in WCC_CHROMIUM) driven by playwright-core, with every network request blocked. The
 * page must load with no console error and no request, every chart must have marks inside its
 * plot area and a label, the RAG colours must have a contrast of 4.5:1 or more, the summary must
 * show the numbers of `wcc run` and of the targets table for the same input, and the screenshot
 * (saved to test/artefacts/report.png) must not be blank.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarise } from '../../engine/run/summary.js';
import type { CellSpec } from '../../engine/run/types.js';
import { bufferedIo } from '../../cli/io.js';
import { runCli } from '../../cli/program.js';
import { targetRows } from '../../cli/targets-table.js';
import { reportHtml } from '../../cli/report/html.js';
import { assessTargets } from '../../models/plan/model.js';
import type { Plan } from '../../models/plan/schema.js';
import { buildReport } from '../../models/report/model.js';

const dir = mkdtempSync(join(tmpdir(), 'wcc-report-'));
const ARTEFACTS = join(import.meta.dirname, '../artefacts');
const CHROMIUM = process.env.WCC_CHROMIUM ?? '/usr/bin/chromium';
const defaultPlan = join(import.meta.dirname, '../../data/scenarios/default.yaml');

async function wcc(...args: string[]) {
  const io = bufferedIo(dir);
  const code = await runCli(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** What the browser saw of a page. */
interface Visit {
  readonly page: Page;
  readonly errors: string[];
  readonly requests: string[];
}

let browser: Browser;

/** Opens `file` with every request other than the page itself blocked and recorded. */
async function visit(file: string): Promise<Visit> {
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  const url = pathToFileURL(file).href;
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route('**/*', async (route) => {
    if (route.request().url() === url) return route.continue();
    requests.push(route.request().url());
    return route.abort();
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors, requests };
}

/** Per chart: its label, the number of mark shapes, and the shapes outside the plot area. */
async function chartMarks(page: Page) {
  return page.$$eval('svg[role="img"]', (svgs) =>
    svgs.map((svg) => {
      const [left, top, right, bottom] = (svg.getAttribute('data-plot-area') ?? '')
        .split(' ')
        .map(Number) as [number, number, number, number];
      // Boxes on screen, in the SVG's own units (the page may scale the SVG).
      const frame = svg.getBoundingClientRect();
      const scale = (svg as SVGSVGElement).viewBox.baseVal.width / frame.width;
      const box = (r: DOMRect) => ({
        x: (r.left - frame.left) * scale,
        y: (r.top - frame.top) * scale,
        width: r.width * scale,
        height: r.height * scale,
      });
      const shapes = [...svg.querySelectorAll('g[aria-label]')]
        .filter((g) => !/axis|grid/.test(g.getAttribute('aria-label') ?? ''))
        .flatMap((g) => [...g.querySelectorAll('path, rect, line, circle, text')]);
      const outside = shapes
        .map((s) => ({
          mark: s.parentElement?.getAttribute('aria-label') ?? s.tagName,
          b: box(s.getBoundingClientRect()),
        }))
        .filter(
          ({ b }) =>
            b.width + b.height === 0 ||
            b.x < left - 1 ||
            b.y < top - 1 ||
            b.x + b.width > right + 1 ||
            b.y + b.height > bottom + 1,
        )
        .map(({ mark, b }) => `${mark} at ${b.x},${b.y} ${b.width}×${b.height}`);
      return {
        label: svg.getAttribute('aria-label') ?? '',
        description: svg.getAttribute('aria-description') ?? '',
        shapes: shapes.length,
        outside,
        axisLabels: svg.querySelectorAll('g[aria-label$="axis label"] text').length,
        hasTable: svg.closest('figure')?.querySelector('details table') != null,
      };
    }),
  );
}

/** The WCAG 2.1 contrast ratio of each RAG badge's text on its background. */
async function ragContrasts(page: Page) {
  return page.$$eval('.rag', (badges) => {
    const luminance = (css: string): number => {
      const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
        const c = Number(v) / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      }) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    return badges.map((b) => {
      const style = getComputedStyle(b);
      const [hi, lo] = [luminance(style.color), luminance(style.backgroundColor)].sort(
        (x, y) => y - x,
      ) as [number, number];
      return { text: b.textContent ?? '', ratio: (hi + 0.05) / (lo + 0.05) };
    });
  });
}

/** The share of a PNG's pixels that are not (near) white, read in the browser from a data URL. */
async function inkShare(png: Buffer): Promise<number> {
  const page = await browser.newPage();
  await page.setContent('<canvas></canvas>');
  const share = await page.evaluate(async (data) => {
    const img = new Image();
    img.src = `data:image/png;base64,${data}`;
    await img.decode();
    const canvas = document.querySelector('canvas')!;
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const pixels = ctx.getImageData(0, 0, img.width, img.height).data;
    let ink = 0;
    for (let i = 0; i < pixels.length; i += 4)
      if (pixels[i]! < 235 || pixels[i + 1]! < 235 || pixels[i + 2]! < 235) ink += 1;
    return ink / (pixels.length / 4);
  }, png.toString('base64'));
  await page.close();
  return share;
}

/** Numbers of a table cell, by data-field, in document order. */
const fieldValues = (page: Page, field: string) =>
  page.$$eval(`[data-field="${field}"]`, (cells) =>
    cells.map((c) => Number(c.getAttribute('data-value'))),
  );

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `the browser test needs Chromium at ${CHROMIUM} (apt-get install chromium, or set WCC_CHROMIUM)`,
    );
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}, 60_000);

afterAll(async () => {
  await browser.close();
});

describe('the report of a run, in a browser', () => {
  const results = join(dir, 'results.arrow');
  const html = join(dir, 'report.html');
  let summary: { metric: string; year: number; mean: number; p10: number; p90: number }[];

  beforeAll(async () => {
    const run = await wcc(
      'run',
      defaultPlan,
      '--runs',
      '200',
      '--threads',
      '1',
      '-q',
      '--format',
      'json',
      '--out',
      results,
    );
    expect(run.code, run.stderr).toBe(0);
    summary = (JSON.parse(run.stdout) as { summary: typeof summary }).summary;
    const report = await wcc('report', results, '--html', html);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stderr).toMatch(/wrote .*report\.html \(\d+ charts\)/);
  }, 120_000);

  it('loads from disk with no console error and no network request', async () => {
    const { page, errors, requests } = await visit(html);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.title()).toBe('wcc report: default');
    await page.close();
  });

  it('draws every chart with labelled marks inside its plot area, axis labels and a data table', async () => {
    const { page } = await visit(html);
    const charts = await chartMarks(page);
    // The outcome fans (the plan's four outcomes, then life expectancy, inequality, deaths averted
    // and cases avoided), four activities and net cost, three waterfalls, two capacity charts.
    expect(charts.length).toBeGreaterThanOrEqual(16);
    for (const c of charts) {
      expect(c.label, 'a title').not.toBe('');
      expect(c.description, `${c.label}: a text alternative`).not.toBe('');
      expect(c.shapes, `${c.label}: marks`).toBeGreaterThan(0);
      expect(c.outside, `${c.label}: marks outside the plot area`).toEqual([]);
      expect(c.axisLabels, `${c.label}: axis labels`).toBe(2);
      expect(c.hasTable, `${c.label}: data table`).toBe(true);
    }
    await page.close();
  });

  it('shows the net cost of the run summary, and the summary first', async () => {
    const { page } = await visit(html);
    const cost = summary.find((r) => r.metric === 'cost_net' && r.year === 2028)!;
    expect(await fieldValues(page, 'cost_net_mean')).toEqual([cost.mean]);
    expect(await fieldValues(page, 'cost_net_p10')).toEqual([cost.p10]);
    expect(await fieldValues(page, 'cost_net_p90')).toEqual([cost.p90]);
    const order = await page.$$eval('h1, h2', (hs) => hs.map((h) => h.textContent));
    expect(order.slice(0, 3)).toEqual(['wcc report: default', 'Headline outcomes', 'Net cost']);
    const text = await page.textContent('#summary-section');
    expect(text).toContain('Birmingham (E08000025), from mid-2023 for 5 years, 200 replicates');
    expect(text).toContain('capacity: beds 2,800, gp_wte 580');
    await page.close();
  });

  it('looks like a report: the screenshot is not blank', async () => {
    const { page } = await visit(html);
    const png = await page.screenshot({ fullPage: true });
    mkdirSync(ARTEFACTS, { recursive: true });
    writeFileSync(join(ARTEFACTS, 'report.png'), png);
    expect(await inkShare(png)).toBeGreaterThan(0.02);
    const top = await page.screenshot();
    writeFileSync(join(ARTEFACTS, 'report-top.png'), top);
    await page.close();
  });
});

describe('a plan in the report, in a browser', () => {
  /** Two years of nel_admissions and population for 50 replicates; the plan shifts admissions down. */
  const area = (shift: number) => {
    const cells: CellSpec[] = [2023, 2024, 2025].flatMap((year) =>
      ['nel_admissions', 'population_total'].map((metric) => ({ year, metric })),
    );
    const n = 50;
    const values = new Float64Array(n * cells.length);
    for (let r = 0; r < n; ++r)
      cells.forEach((c, k) => {
        values[r * cells.length + k] =
          c.metric === 'population_total' ? 1000 : 100 + ((r * 37) % n) + (c.year - 2023) * shift;
      });
    return { area: 'E06000001', cells, values, summary: summarise(values, n, cells.length) };
  };
  const outcome = (target: number) => ({
    label: `nel_admissions ≤ ${target}`,
    numerator: 'nel_admissions',
    per: 1,
    target,
    year: 2025,
    better: 'lower' as const,
    milestones: [{ year: 2024, value: target + 5 }],
  });
  // Targets that the plan meets with P = 1 (green), 0.6 (amber) and 0.2 (red).
  const plan: Plan = {
    outcomes: [outcome(200), outcome(119), outcome(99)],
    rag: { green: 0.8, amber: 0.5 },
  };
  const summaries = [area(-5)];
  const baseline = [area(0)];
  const file = join(dir, 'plan.html');

  beforeAll(() => {
    const model = buildReport({ baseYear: 2023, horizon: 2, summaries, baseline, plan });
    writeFileSync(
      file,
      reportHtml(model, {
        name: 'plan',
        header: 'plan: a test',
        facts: [['Replicates', '50']],
        areaNames: new Map([['E06000001', 'Hartlepool']]),
      }),
    );
  });

  it("shows the targets table's P(meet) and RAG, in words and symbols with enough contrast", async () => {
    const expected = targetRows(assessTargets(plan, 2023, summaries, baseline), false);
    expect(expected.map((r) => r.rag)).toEqual(['green', 'amber', 'red']);
    const { page, errors, requests } = await visit(file);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    expect(await fieldValues(page, 'p_meet')).toEqual(expected.map((r) => r.p_meet));
    expect(await fieldValues(page, 'baseline_p_meet')).toEqual(
      expected.map((r) => r.baseline_p_meet),
    );
    expect(await fieldValues(page, 'mean')).toEqual(
      expect.arrayContaining(expected.map((r) => r.mean)),
    );
    const rags = await page.$$eval('tbody .rag', (b) => b.map((x) => x.getAttribute('data-rag')));
    expect(rags).toEqual(['green', 'amber', 'red']);
    const contrasts = await ragContrasts(page);
    expect(contrasts.map((c) => c.text.trim())).toEqual(
      expect.arrayContaining(['● Green', '◐ Amber', '○ Red']),
    );
    for (const c of contrasts) expect(c.ratio, c.text).toBeGreaterThanOrEqual(4.5);
    const charts = await chartMarks(page);
    expect(charts.length).toBeGreaterThanOrEqual(3);
    for (const c of charts) expect(c.outside, c.label).toEqual([]);
    // Each outcome's fan marks its target and milestone, and the baseline's median.
    const dots = await page.$$eval('svg[role="img"] g[aria-label="dot"]', (g) =>
      g.map((x) => x.querySelectorAll('path').length),
    );
    expect(dots.slice(0, 3)).toEqual([2, 2, 2]);
    writeFileSync(join(ARTEFACTS, 'report-plan.png'), await page.screenshot({ fullPage: true }));
    await page.close();
  });
});

describe('the report of an exercise, in a browser', () => {
  const html = join(dir, 'exercise.html');
  let league: { area: string; p_meet_1: number; p_meet_2: number; rag_1: string }[];

  beforeAll(async () => {
    writeFileSync(
      join(dir, 'ex.yaml'),
      'name: tees\nregion: [E06000001, E06000002, E06000003]\nhorizon: 2\nreplicates: 30\nseed: 5\n',
    );
    writeFileSync(
      join(dir, 'surge.yaml'),
      'round: 1\nevents:\n  - { name: winter surge, kind: demand_surge, areas: all, year: 2024, effect: [0.03, 0.08], duration: 1 }\n',
    );
    const init = await wcc('exercise', 'init', 'ex.yaml', '--state', 'ex.json', '-q');
    expect(init.code, init.stderr).toBe(0);
    const round = await wcc('exercise', 'round', 'ex.json', '--events', 'surge.yaml', '-q');
    expect(round.code, round.stderr).toBe(0);
    const status = await wcc('exercise', 'status', 'ex.json', '--format', 'json');
    league = JSON.parse(status.stdout) as typeof league;
    const report = await wcc('report', 'ex.json', '--html', html);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stderr).toMatch(/wrote .*exercise\.html \(7 charts\)/);
  }, 180_000);

  it('shows the summary, the league table of wcc exercise status, a funnel and the fans', async () => {
    const { page, errors, requests } = await visit(html);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    expect(await page.title()).toBe('wcc exercise report: tees');
    const text = (await page.textContent('#summary-section')) ?? '';
    expect(text).toContain('1 of 2 (realised to 2024)');
    expect(text).toContain('winter surge (demand_surge, from 2024, all)');
    const rows = await page.$$eval('tr[data-area]', (r) =>
      r.map((x) => x.getAttribute('data-area')),
    );
    expect(rows).toEqual(league.map((r) => r.area));
    expect(await fieldValues(page, 'p_meet')).toEqual(
      league.flatMap((r) => [r.p_meet_1, r.p_meet_2]),
    );
    const rags = await page.$$eval('tbody .rag', (b) => b.map((x) => x.textContent?.trim()));
    for (const r of rags) expect(['● Green', '◐ Amber', '○ Red']).toContain(r);
    const charts = await chartMarks(page);
    expect(charts.map((c) => c.label)[0]).toMatch(/funnel plot/);
    expect(charts).toHaveLength(7);
    for (const c of charts) {
      expect(c.description, `${c.label}: a text alternative`).not.toBe('');
      expect(c.shapes, `${c.label}: marks`).toBeGreaterThan(0);
      expect(c.outside, `${c.label}: marks outside the plot area`).toEqual([]);
      expect(c.axisLabels, `${c.label}: axis labels`).toBe(2);
      expect(c.hasTable, `${c.label}: data table`).toBe(true);
    }
    for (const c of await ragContrasts(page)) expect(c.ratio, c.text).toBeGreaterThanOrEqual(4.5);
    const png = await page.screenshot({ fullPage: true });
    mkdirSync(ARTEFACTS, { recursive: true });
    writeFileSync(join(ARTEFACTS, 'exercise.png'), png);
    expect(await inkShare(png)).toBeGreaterThan(0.02);
    await page.close();
  });
});

describe('wcc report input', () => {
  it('says what is wrong and exits 2', async () => {
    const notArrow = join(dir, 'bad.arrow');
    writeFileSync(notArrow, 'not arrow');
    const cases: [string[], RegExp][] = [
      [[defaultPlan], /--html/],
      [[defaultPlan, '--html', join(dir, 'x.pdf')], /--html.*\.html/s],
      [[notArrow, '--html', join(dir, 'x.html')], /expected an Arrow IPC file/],
      [[notArrow, '--html', join(dir, 'x.html'), '--runs', '10'], /--runs/],
      [[join(dir, 'missing.yaml'), '--html', join(dir, 'x.html')], /not found/],
      [[defaultPlan, '--html', join(dir, 'no-such-folder', 'x.html')], /existing folder/],
    ];
    for (const [args, message] of cases) {
      const r = await wcc('report', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(join(dir, 'x.html'))).toBe(false);
  });

  it('has help with examples', async () => {
    const r = await wcc('report', '--help');
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('wcc report results.arrow --html report.html');
  });

  it('runs a scenario file with its baseline on the same replicates, and draws the baseline', async () => {
    const page = join(dir, 'scenario.html');
    const r = await wcc(
      'report',
      defaultPlan,
      '--runs',
      '60',
      '--threads',
      '1',
      '-q',
      '--html',
      page,
    );
    expect(r.code, r.stderr).toBe(0);
    const text = readFileSync(page, 'utf8');
    expect(text).toContain('<dt>Baseline</dt><dd>run on the same replicates</dd>');
    expect(text).toContain('<dt>Replicates</dt><dd>60</dd>');
    // Every fan but cases avoided (the baseline has no interventions, so does not make it) has
    // the baseline's median in its table and its dashed line in the chart.
    // The baseline has no interventions, so no cases avoided: every other fan has its median.
    const fans = text.match(/projection with 50, 80 and 95 % intervals<\/h3>/g)?.length ?? 0;
    const avoided = text.match(/<h3[^>]*>cases_avoided_/g)?.length ?? 0;
    expect(fans).toBeGreaterThan(6);
    expect(text.match(/<th scope="col">Baseline median<\/th>/g)).toHaveLength(fans - avoided);
    expect(text.match(/stroke-dasharray="5,4"/g)).toHaveLength(fans - avoided);
    expect(text).not.toMatch(/data-field="baseline_p50" data-value=""/);
  });

  it('writes the same page for the same results file', async () => {
    const results = join(dir, 'results.arrow');
    const a = join(dir, 'a.html');
    const b = join(dir, 'b.html');
    expect((await wcc('report', results, '--html', a, '-q')).code).toBe(0);
    expect((await wcc('report', results, '--html', b, '-q')).code).toBe(0);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
  });
});
