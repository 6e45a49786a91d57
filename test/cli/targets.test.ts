/**
 * `wcc targets`: P(meet) per outcome against the baseline on the same replicates, and the plan
 * block's bad input.
 */
import { describe, expect, it } from 'vitest';
import { cliHarness } from './harness.js';

const { wcc, file } = cliHarness('wcc-targets-');

const outcomes = `  outcomes:
    - { metric: le_birth_male, target: 74.0, year: 2028, better: higher, milestones: { 2026: 73.8 } }
    - { metric: sii_le_male, target: 13.5, year: 2028, better: lower }
`;
const plan = (extra = '') =>
  `name: blackpool\narea: E06000009\nreplicates: 200\nseed: 4\n${extra}plan:\n${outcomes}`;

describe('wcc targets', () => {
  it('gives P(meet), RAG and the baseline on the same replicates; a plan with no interventions adds nothing', async () => {
    const r = await wcc('targets', file('p.yaml', plan()), '--format', 'json', '--threads', '1');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as {
      outcome: string;
      p_meet: number;
      baseline_p_meet: number;
      plan_adds: number;
      rag: string;
      base_value: number;
    }[];
    expect(rows.map((x) => x.outcome)).toEqual(['le_birth_male', 'sii_le_male']);
    for (const x of rows) {
      expect(x.p_meet).toBe(x.baseline_p_meet);
      expect(x.plan_adds).toBe(0);
      expect(['green', 'amber', 'red']).toContain(x.rag);
      expect(x.p_meet * 200).toBeCloseTo(Math.round(x.p_meet * 200), 9);
    }
  });

  it('shows case-finding in deciles 1-3 raising P(meet) of the inequality target', async () => {
    const interventions = `interventions:
  - { name: bp, condition: HYP, acts_on: detection, effect: 0.15, start_year: 2024, deciles: [1, 2, 3] }
`;
    const r = await wcc(
      'targets',
      file('q.yaml', plan(interventions)),
      '--format',
      'csv',
      '--threads',
      '1',
    );
    expect(r.code).toBe(0);
    const sii = r.stdout
      .split('\n')
      .find((l) => l.includes(',sii_le_male,'))!
      .split(',');
    // columns: area,outcome,better,base_value,target_year,target,mean,p10,p90,p_meet,rag,…
    const [pMeet, planAdds] = [Number(sii[9]), Number(sii.at(-1))];
    expect(planAdds).toBeGreaterThan(0);
    expect(pMeet).toBeGreaterThan(0);
  });

  it('refuses plans without the compulsory outcomes, with too many, or targets outside the run', async () => {
    const cases: [string, RegExp][] = [
      [
        'plan:\n  outcomes:\n    - { metric: le_birth_male, target: 74, year: 2028, better: higher }\n',
        /plan\.outcomes: expected health inequality .* among the outcomes/,
      ],
      [
        `plan:\n  outcomes:\n${Array.from({ length: 11 }, () => '    - { metric: le_birth_male, target: 74, year: 2028, better: higher }\n').join('')}`,
        /expected at most 10 outcomes, found 11/,
      ],
      [
        'plan:\n  outcomes:\n    - { metric: le_birth_male, target: 74, year: 2035, better: higher }\n    - { metric: sii_le_male, target: 12, year: 2028, better: lower }\n',
        /plan\.outcomes\[0\]\.year: expected a year from 2024 to 2028, found 2035/,
      ],
      [
        'model: demand\nplan:\n  outcomes:\n    - { metric: le_birth_male, target: 74, year: 2028, better: higher }\n    - { metric: sii_le_male, target: 12, year: 2028, better: lower }\n',
        /"le_birth_male" is not produced by this scenario's model/,
      ],
    ];
    for (const [text, message] of cases) {
      const r = await wcc('targets', file('bad.yaml', `area: E06000009\n${text}`));
      expect(r.code, text).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });
});
