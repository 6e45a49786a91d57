import { describe, expect, it } from 'vitest';
import { tmpdir } from 'node:os';
import { bufferedIo } from '../../cli/io.js';
import { runCli } from '../../cli/program.js';
import { loadReferenceData } from '../../engine/io/reference-data.js';

describe('wcc outcomes table', () => {
  it('prints an area’s base-year outcomes beside England, the published life expectancy reproduced', async () => {
    const io = bufferedIo(tmpdir());
    const code = await runCli(['outcomes', 'table', '--area', 'E06000009', '--format', 'json'], io);
    expect(code).toBe(0);
    const rows = JSON.parse(io.stdout) as Record<string, string | number>[];
    const row = (metric: string) => rows.find((r) => r.metric === metric)!;
    const published = loadReferenceData().areaMortality.get('E06000009')!;
    const k = 2024 - published.firstEnd;
    expect(Number(row('le_birth_male').E06000009)).toBeCloseTo(published.lifeExpectancyMale[k]!, 1);
    expect(Number(row('le_birth_female').E06000009)).toBeCloseTo(
      published.lifeExpectancyFemale[k]!,
      1,
    );
    // Blackpool lives shorter and less equally than England.
    expect(Number(row('le_birth_male').E06000009)).toBeLessThan(
      Number(row('le_birth_male').E92000001),
    );
    expect(Number(row('sii_le_male').E06000009)).toBeGreaterThan(
      Number(row('sii_le_male').E92000001),
    );
    expect(String(row('le_birth_male').source)).toContain('OHID');
    expect(rows.some((r) => r.metric === 'deaths_averted')).toBe(false);
  });
});
