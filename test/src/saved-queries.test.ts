/**
 * The saved example queries for analysts (docs/queries/*.graphql, also loaded by the
 * portal's GraphiQL): each runs against the seeded system as the analyst and returns
 * data, no errors, and no name or identification number of anyone; with their variables,
 * for another province and a half-year.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { InProcessSystem } from '@rehab/ops';
import { REPO_ROOT } from '@rehab/shared-schema';
import { population, startTestSystem } from './fixtures';

const DIR = join(REPO_ROOT, 'docs', 'queries');
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.graphql'))
  .sort();

let system: InProcessSystem;
let analyst: string;

beforeAll(async () => {
  system = await startTestSystem();
  analyst = await system.login('phantich.hanoi');
});
afterAll(async () => {
  await system.stop();
});

/** The variables a saved query declares. */
function variablesOf(text: string): string[] {
  const operation = parse(text).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return (operation?.variableDefinitions ?? []).map((v) => v.variable.name.value);
}

/** Every number-like leaf of a response. */
function numbers(value: unknown, key = ''): { key: string; value: number }[] {
  if (typeof value === 'number') return [{ key, value }];
  if (Array.isArray(value)) return value.flatMap((v) => numbers(v, key));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => numbers(v, k));
  return [];
}

describe('saved example queries', () => {
  it('are 3 to 5 files, each titled in Vietnamese on its first line', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(3);
    expect(FILES.length).toBeLessThanOrEqual(5);
    for (const f of FILES)
      expect(readFileSync(join(DIR, f), 'utf8').split('\n')[0]).toMatch(
        /^# \S.*[ạảãáàâầấậẩẫăằắặẳẵêềếệểễôồốộổỗơờớợởỡưừứựửữđíìịỉĩóòọỏõúùụủũýỳỵỷỹ]/u,
      );
  });

  it.each(FILES)('%s answers the analyst with data, no errors, no names or identification numbers', async (file) => {
    const response = await system.graphql(analyst, readFileSync(join(DIR, file), 'utf8'));
    expect(response.errors).toBeUndefined();
    const data = response.data as Record<string, unknown>;
    for (const value of Object.values(data)) expect(value).toBeTruthy();
    const text = JSON.stringify(data);
    // Twelve digits on their own (an identification number); the last group of a pseudonymous UUID may be all digits.
    expect(text).not.toMatch(/(?<![0-9a-f-])\d{12}(?![0-9a-f-])/i);
    for (const p of population) expect(text).not.toContain(p.fullName);
    // Something was counted or planned: a positive actual, target or total.
    expect(numbers(data).some((n) => ['actual', 'target', 'totalCount', 'numerator'].includes(n.key) && n.value > 0)).toBe(true);
  });

  it('take the plan, unit or province and period as variables, with defaults', () => {
    for (const f of FILES) {
      const names = variablesOf(readFileSync(join(DIR, f), 'utf8'));
      expect(names.length).toBeGreaterThan(0);
      expect(names.every((n) => ['plan', 'unit', 'period', 'province'].includes(n))).toBe(true);
    }
  });

  it.each(FILES)("%s answers for Lào Cai's plan and a half-year", async (file) => {
    const admin = await system.login('congan.laocai');
    const created = await system.graphql<{ createPlan: { id: string } }>(
      admin,
      'mutation($p: ID!, $y: Int!, $t: String!) { createPlan(input: { provinceCode: $p, year: $y, title: $t }) { id } }',
      { p: '15', y: 2026, t: `Kế hoạch năm 2026 của tỉnh Lào Cai (${file})` },
    );
    expect(created.errors).toBeUndefined();
    const text = readFileSync(join(DIR, file), 'utf8');
    const all: Record<string, unknown> = {
      plan: created.data?.createPlan.id,
      unit: '15',
      province: '15',
      period: { kind: 'HALF_YEAR', year: 2026, number: 2 },
    };
    const variables = Object.fromEntries(variablesOf(text).map((n) => [n, all[n]]));
    const response = await system.graphql(analyst, text, variables);
    // A list of fewer records than the reporting threshold is withheld from analysts, saying so.
    const unexpected = (response.errors ?? []).filter(
      (e) => !(e.path?.[0] === 'indicatorRecords' && e.extensions?.code === 'FORBIDDEN'),
    );
    expect(unexpected).toEqual([]);
    const json = JSON.stringify(response.data);
    expect(json).not.toContain('Hà Nội');
    if (/period|unit/.test(Object.keys(variables).join())) expect(json).not.toMatch(/"code":"01"/);
    if ('period' in variables && json.includes('"label"')) expect(json).toContain('6 tháng cuối năm 2026');
    if ('province' in variables) expect(json).toContain('Tỉnh Lào Cai');
  });

  it('shows 2026 targets against actuals for the whole city', async () => {
    const response = await system.graphql<{
      indicators: { indicator: { code: string }; target: number | null; actual: number | null }[];
    }>(analyst, readFileSync(join(DIR, FILES[0] as string), 'utf8'));
    const both = (response.data?.indicators ?? []).filter((v) => v.target !== null && (v.actual ?? 0) > 0);
    expect(both.length).toBeGreaterThanOrEqual(3);
  });
});
