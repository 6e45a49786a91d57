import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bufferedIo } from '../../cli/io.js';
import { runCli } from '../../cli/program.js';
import { packageRoot } from '../../engine/io/paths.js';
import { ESP2013 } from '../../engine/stats/index.js';
import { ESP2013_BAND_LABELS } from '../../models/indicators/index.js';

const dir = mkdtempSync(join(tmpdir(), 'wcc-indicators-'));

/** Writes a temp CSV and returns its path. */
function csv(name: string, lines: readonly string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function run(args: readonly string[]) {
  const io = bufferedIo(dir);
  const code = await runCli(['indicators', ...args], io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/** Parses CSV output without quoted fields into records. */
function records(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split('\n');
  const names = (header ?? '').split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(names.map((n, j) => [n, cells[j] ?? '']));
  });
}

const LE_ROWS = [
  [0, 7060, 17],
  [1, 35059, 9],
  [5, 46974, 4],
  [10, 48489, 8],
  [15, 43219, 20],
  [20, 38561, 15],
  [25, 46009, 24],
  [30, 57208, 33],
  [35, 61435, 50],
  [40, 55601, 71],
  [45, 50209, 100],
  [50, 56416, 163],
  [55, 46411, 263],
  [60, 39820, 304],
  [65, 37978, 536],
  [70, 37039, 872],
  [75, 33288, 1390],
  [80, 23306, 1605],
  [85, 11936, 1936],
  [90, 11936, 1937],
] as const;

describe('wcc indicators', () => {
  it('computes life expectancy per group and start age with PHE column names', async () => {
    const lines = ['area,startage,pop,deaths'];
    for (const area of ['B', 'A'])
      for (const [a, p, d] of LE_ROWS) lines.push(`${area},${a},${p},${d}`);
    const file = csv('le.csv', lines);
    const { code, stdout, stderr } = await run([
      'le',
      file,
      '--group-by',
      'area',
      '--confidence',
      '95,99.8',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const rows = records(stdout);
    expect(Object.keys(rows[0]!)).toEqual([
      'area',
      'startage',
      'value',
      'lower95_0cl',
      'upper95_0cl',
      'lower99_8cl',
      'upper99_8cl',
      'statistic',
      'method',
    ]);
    expect(rows).toHaveLength(40);
    expect(rows[0]!.area).toBe('B');
    expect(Number(rows[0]!.value)).toBeCloseTo(80.16960813, 8);
    expect(Number(rows[0]!.lower95_0cl)).toBeCloseTo(79.88268548, 4);
    expect(rows[0]!.statistic).toBe('life expectancy at 0');
  });

  it('computes a DSR with the default ESP2013 standard, NA below 10 events', async () => {
    const lines = ['area,ageband,count,pop'];
    ESP2013.forEach((w, i) => lines.push(`big,${ESP2013_BAND_LABELS[i]},${w / 100},${w}`));
    ESP2013.forEach((w, i) =>
      lines.push(`small,${ESP2013_BAND_LABELS[i]},${i === 0 ? 3 : 'NA'},${w}`),
    );
    const { code, stdout } = await run([
      'dsr',
      csv('dsr.csv', lines),
      '--group-by',
      'area',
      '--format',
      'csv',
    ]);
    expect(code).toBe(0);
    const [big, small] = records(stdout);
    expect(Number(big!.value)).toBeCloseTo(1000, 9); // population = standard: the crude rate
    expect(big!.total_count).toBe('1000');
    expect(big!.statistic).toBe('dsr per 100000');
    expect(big!.method).toBe('Dobson');
    expect(small!.value).toBe('NA');
    expect(small!.lower95_0cl).toBe('NA');
    expect(small!.statistic).toBe('dsr NA for total count < 10');
  });

  it('computes proportions, rates, Byars and Wilson row by row, and means per group', async () => {
    const prop = csv('prop.csv', ['numerator,denominator', '65,100', ',100']);
    let out = await run(['proportion', prop, '--multiplier', '100']);
    let rows = records(out.stdout);
    expect(Number(rows[0]!.lower95_0cl)).toBeCloseTo(55.25444329688797, 12);
    expect(rows[0]!.statistic).toBe('percentage');
    expect(rows[1]!.value).toBe('NA');
    out = await run(['rate', prop, '--confidence', '98']);
    rows = records(out.stdout);
    expect(Object.keys(rows[0]!)).toContain('lower98_0cl');
    expect(rows[0]!.method).toBe('Byars');
    out = await run(['byars', csv('x.csv', ['x', '65'])]);
    expect(records(out.stdout)[0]!.upper95_0cl).toBe('82.84913854593984');
    out = await run(['wilson', csv('xn.csv', ['x,n', '65,100']), '--format', 'json']);
    const json = JSON.parse(out.stdout) as { lower95_0cl: number }[];
    expect(json[0]!.lower95_0cl).toBeCloseTo(0.5525444329688797, 14);
    out = await run([
      'mean',
      csv('mean.csv', ['g,value', 'a,1', 'a,3', 'b,5', 'b,9']),
      '--group-by',
      'g',
    ]);
    rows = records(out.stdout);
    expect(rows.map((r) => r.value)).toEqual(['2', '7']);
    expect(rows[0]!.value_count).toBe('2');
  });

  it('computes ISRs with reference and observed files', async () => {
    const local = csv('local.csv', ['area,pop', 'A,1000', 'A,2000', 'B,500', 'B,500']);
    const ref = csv('ref.csv', ['ref_count,ref_pop', '10,1000', '40,2000']);
    const obs = csv('obs.csv', ['area,observed', 'A,60', 'B,5']);
    const out = await run([
      'israte',
      local,
      '--group-by',
      'area',
      '--reference',
      ref,
      '--observed',
      obs,
    ]);
    expect(out.stderr).toBe('');
    const [a, b] = records(out.stdout);
    expect(Number(a!.expected)).toBeCloseTo(50, 12);
    expect(Number(a!.ref_rate)).toBeCloseTo(1666.6666666666667, 9);
    expect(Number(a!.value)).toBeCloseTo(2000, 9);
    expect(a!.method).toBe('Byars');
    expect(b!.method).toBe('Exact');
  });

  it('computes a repeatable SII with RII and intercept', async () => {
    const lines = ['quantile,pop,value,lower_cl,upper_cl'];
    [75.9, 78.3, 83.8, 83.6, 80.5].forEach((v, i) =>
      lines.push(`${i + 1},${1000 + i},${v},${v - 3},${v + 3}`),
    );
    const file = csv('sii.csv', lines);
    const args = ['sii', file, '--repetitions', '1000', '--seed', '9', '--intercept'];
    const a = await run(args);
    const b = await run(args);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const [row] = records(a.stdout);
    expect(Object.keys(row!)).toEqual([
      'sii',
      'sii_lower95_0cl',
      'sii_upper95_0cl',
      'rii',
      'rii_lower95_0cl',
      'rii_upper95_0cl',
      'intercept',
      'statistic',
      'method',
    ]);
    expect(row!.method).toBe('simulation 1000 reps');
    const noRii = records((await run([...args, '--no-rii'])).stdout)[0]!;
    expect(Object.keys(noRii)).not.toContain('rii');
  });

  it.each([
    [['dsr', 'missing.csv'], /missing\.csv: cannot read/],
    [['pie', 'x.csv'], /method: expected one of .*found "pie"/],
    [['byars', 'x.csv', '--bogus'], /option --bogus/],
    [['byars', 'x.csv', '--confidence', '80'], /option --confidence: expected levels in percent/],
    [['byars', 'x.csv', '--format', 'xml'], /option --format: expected csv, json or table/],
    [['proportion', 'prop.csv', '--multiplier', '10'], /1 or 100 for a proportion/],
    [['sii', 'sii.csv', '--repetitions', '10'], /--repetitions: expected a whole number ≥ 1000/],
  ])('rejects %j with exit 2', async (args, message) => {
    const out = await run(args);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(message);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('names file, row and column for bad cells, and rejects bad groups', async () => {
    const bad = csv('bad.csv', ['numerator,denominator', '5,10', 'x,10']);
    let out = await run(['rate', bad]);
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(
      `wcc: ${bad}, row 3, column "numerator": expected a number, found "x"\n`,
    );
    out = await run(['rate', csv('neg.csv', ['numerator,denominator', '-5,10'])]);
    expect(out.stderr).toMatch(/row 2, column "numerator": expected a number ≥ 0, found "-5"/);
    out = await run(['dsr', csv('nocount.csv', ['pop', '5'])]);
    expect(out.stderr).toMatch(/missing column "count" \(columns found: pop\)/);
    out = await run(['dsr', csv('short.csv', ['ageband,count,pop', '0-4,5,10'])]);
    expect(out.stderr).toMatch(/group \(all rows\): has 1 age bands/);
    const dup = [
      'area,startage,pop,deaths',
      ...LE_ROWS.map(([a, p, d]) => `A,${a},${p},${d}`),
      'A,5,10,1',
    ];
    out = await run(['le', csv('dup.csv', dup), '--group-by', 'area']);
    expect(out.stderr).toMatch(/group area=A: start age 5 appears twice/);
    out = await run(['le', csv('age.csv', ['startage,pop,deaths', '3,10,1'])]);
    expect(out.stderr).toMatch(/row 2, column "startage": expected one of 0, 1, 5/);
    out = await run(['sii', csv('one.csv', ['quantile,pop,value,se', '1,10,5,1']), '--se']);
    expect(out.stderr).toMatch(/has 1 quantile; the SII needs at least 2/);
    out = await run(['proportion', csv('over.csv', ['numerator,denominator', '11,10'])]);
    expect(out.stderr).toMatch(/numerator above denominator/);
    expect(out.stdout).toBe('');
  });
});

describe('wcc indicators dsr matches age bands by label', () => {
  const rows = ESP2013_BAND_LABELS.map((label, b) => `${label},${(b + 1) * 3},${ESP2013[b]}`);
  it('gives the same output for shuffled rows and other spellings', async () => {
    const inOrder = await run(['dsr', csv('ordered.csv', ['ageband,count,pop', ...rows])]);
    expect(inOrder.code).toBe(0);
    const reversed = [...rows].reverse().map((r) => r.replace(/^90\+/, '90 and over'));
    const out = await run(['dsr', csv('reversed.csv', ['ageband,count,pop', ...reversed])]);
    expect(out.stdout).toBe(inOrder.stdout);
    // Population = standard, so the DSR is the crude rate: 3·(1 + … + 19) per 100000.
    expect(Number(records(out.stdout)[0]!.value)).toBeCloseTo(570, 9);
  });
  it('exits 2 for an unknown band ("banana") and a duplicate band', async () => {
    const banana = csv('banana.csv', ['ageband,count,pop', ...rows.slice(0, 5), 'banana,1,10']);
    let out = await run(['dsr', banana]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(
      /banana\.csv, row 7, column "ageband": expected an ESP2013 age band .* found "banana"/,
    );
    const dup = csv('dup-band.csv', ['ageband,count,pop', ...rows, '00-04,1,10']);
    out = await run(['dsr', dup]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/row 21, column "ageband": .*band 0-4 is already on row 2/);
    expect(out.stdout).toBe('');
  });
  it('notes on stderr the rows whose missing count was read as 0', async () => {
    const holes = rows.map((r, b) => (b === 2 || b === 7 ? r.replace(/,\d+,/, ',NA,') : r));
    const out = await run(['dsr', csv('holes.csv', ['ageband,count,pop', ...holes])]);
    expect(out.code).toBe(0);
    expect(out.stderr).toBe(
      `wcc: note: ${join(dir, 'holes.csv')}: column "count" is missing (empty or NA) on rows 4, 9; read as 0\n`,
    );
  });
});

describe('wcc indicators on a file with only a header', () => {
  const headers: Record<string, string> = {
    byars: 'x',
    dsr: 'ageband,count,pop',
    isr: 'count,pop,ref_count,ref_pop',
    israte: 'count,pop,ref_count,ref_pop',
    le: 'startage,pop,deaths',
    mean: 'value',
    proportion: 'numerator,denominator',
    rate: 'numerator,denominator',
    sii: 'quantile,pop,value,lower_cl,upper_cl',
    wilson: 'x,n',
  };
  it.each(Object.keys(headers))('%s exits 2 with a clear message', async (method) => {
    const file = csv(`empty-${method}.csv`, [headers[method]!]);
    const out = await run([method, file]);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe(
      `wcc: ${file}: expected at least one data row below the header, found 0\n`,
    );
  });
  it('refuses an empty --reference or --observed file too', async () => {
    const local = csv('local2.csv', ['area,pop,count', 'A,10,1']);
    const ref = csv('empty-ref.csv', ['ref_count,ref_pop']);
    let out = await run(['isr', local, '--reference', ref]);
    expect(out.stderr).toMatch(/empty-ref\.csv: expected at least one data row/);
    const obs = csv('empty-obs.csv', ['area,observed']);
    out = await run(['israte', local, '--group-by', 'area', '--observed', obs, '--reference', ref]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/empty-(obs|ref)\.csv: expected at least one data row/);
  });
});

// shared/ sits beside the project on the team's machines and in CI.
const LE_CASE = join(packageRoot(), '..', 'shared', 'methods-cases', 'le_case1_input.csv');

describe('wcc indicators le on the public known-answer file', () => {
  it.skipIf(!existsSync(LE_CASE))(
    'reads methods-cases/le_case1_input.csv (column `pops`, as PHEindicatormethods names it) and gives e0 = 80.16960813',
    async () => {
      const io = bufferedIo();
      const code = await runCli(['indicators', 'le', LE_CASE, '--format', 'csv'], io);
      expect(code).toBe(0);
      const first = io.stdout.split('\n')[1]?.split(',') ?? [];
      expect(Number(first[1])).toBeCloseTo(80.16960813, 8);
    },
  );
});
