import { ACCESS_MATRIX, ROLES, addDays, canRead, generateDemoPopulation, todayInHanoi, type Role } from '@rehab/shared-schema';
import { openHarness, type Harness } from './harness';
import { COMMUNE, OTHER_COMMUNE, fails, ok, runAs, type Actor, type Row } from './legal-path-support';

let h: Harness;
const TODAY = todayInHanoi();
const YEAR = Number(TODAY.slice(0, 4));
/** A day of this year before today (or today on 1 January). */
const EARLIER = `${YEAR}-01-01`;

beforeAll(async () => {
  h = await openHarness(generateDemoPopulation({ persons: 30 }));
});
afterAll(async () => {
  await h.close();
});

const FIELDS =
  'id fiscalYear source activity allocated allocatedOn agency spent version unit { code } spendings { spentOn amount note }';
const RECORD = `mutation($input: BudgetLineInput!) { recordBudgetLine(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $input: BudgetLineInput!) { updateBudgetLine(id: $id, expectedVersion: $v, input: $input) { ${FIELDS} } }`;
const SPEND = `mutation($id: ID!, $v: Int!, $input: BudgetSpendingInput!) { recordBudgetSpending(id: $id, expectedVersion: $v, input: $input) { ${FIELDS} } }`;
const LIST = 'query($u: ID!, $y: Int!) { budgetLines(unitCode: $u, fiscalYear: $y) { id allocated spent spendings { amount } } }';

const PROVINCIAL_POLICE: Actor = { role: 'police_officer', unit: '01' };
const input = (over: Row = {}) => ({
  unitCode: '01',
  fiscalYear: YEAR,
  source: 'PROVINCE',
  activity: 'PREVENTION',
  allocated: 500,
  allocatedOn: EARLIER,
  ...over,
});

async function stored(): Promise<{ lines: number; spendings: number }> {
  const [row] = await h.database.db.query<[{ lines: number; spendings: number }]>(
    'SELECT (SELECT count(*) FROM budget_line)::int AS lines, (SELECT count(*) FROM budget_spending)::int AS spendings',
  );
  return row;
}

describe("a plan's funding and its spending", () => {
  it('is allocated by source and activity, spent within the allocation, listed down the tree and audited', async () => {
    const line = await ok(h, PROVINCIAL_POLICE, RECORD, { input: input() });
    expect(line).toMatchObject({ agency: 'police', allocated: 500, spent: 0, version: 1, spendings: [] });
    const once = await ok(h, PROVINCIAL_POLICE, SPEND, {
      id: line.id,
      v: 1,
      input: { spentOn: EARLIER, amount: 120, note: 'In tờ rơi' },
    });
    expect(once).toMatchObject({ spent: 120, version: 2, spendings: [{ spentOn: EARLIER, amount: 120, note: 'In tờ rơi' }] });
    const twice = await ok(h, PROVINCIAL_POLICE, SPEND, { id: line.id, v: 2, input: { spentOn: TODAY, amount: 380 } });
    expect(twice).toMatchObject({ spent: 500, version: 3 });
    // Nothing is left: one more million is refused beside the amount, and nothing changes.
    const before = await stored();
    const over = await fails(h, PROVINCIAL_POLICE, SPEND, { id: line.id, v: 3, input: { spentOn: TODAY, amount: 1 } });
    expect(over.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.amount' });
    // The allocation may not fall below what was spent.
    const lower = await fails(h, PROVINCIAL_POLICE, UPDATE, { id: line.id, v: 3, input: input({ allocated: 400 }) });
    expect(lower.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.allocated' });
    expect(await stored()).toEqual(before);
    const raised = await ok(h, PROVINCIAL_POLICE, UPDATE, { id: line.id, v: 3, input: input({ allocated: 650 }) });
    expect(raised).toMatchObject({ allocated: 650, spent: 500, version: 4 });

    const list = (await ok(h, { role: 'analyst', unit: '01' }, LIST, { u: '01', y: YEAR })) as unknown as Row[];
    expect(list.find((l) => l.id === line.id)).toMatchObject({
      allocated: 650,
      spent: 500,
      spendings: [{ amount: 120 }, { amount: 380 }],
    });
    const commune = (await ok(h, { role: 'analyst', unit: '01' }, LIST, { u: COMMUNE, y: YEAR })) as unknown as Row[];
    expect(commune.map((l) => l.id)).not.toContain(line.id);
    const [audit] = await h.database.db.query<[{ n: number }]>(
      "SELECT count(*)::int AS n FROM audit_log WHERE entity_type IN ('BudgetLine', 'BudgetSpending')",
    );
    expect(audit.n).toBeGreaterThanOrEqual(4);
  });

  it('refuses bad input beside its field and units the officer does not act for, storing nothing', async () => {
    const line = await ok(h, PROVINCIAL_POLICE, RECORD, { input: input() });
    const before = await stored();
    const cases: [Row, string][] = [
      [input({ allocated: 0 }), 'input.allocated'],
      [input({ allocated: 10_000_001 }), 'input.allocated'],
      [input({ allocatedOn: addDays(TODAY, 1) }), 'input.allocatedOn'],
      [input({ allocatedOn: `${YEAR - 3}-06-01` }), 'input.allocatedOn'],
      [input({ fiscalYear: 1990 }), 'input.fiscalYear'],
      [input({ unitCode: 'CSCN1' }), 'input.unitCode'],
    ];
    for (const [bad, field] of cases) {
      expect((await fails(h, PROVINCIAL_POLICE, RECORD, { input: bad })).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
    const spendings: [Row, string][] = [
      [{ spentOn: `${YEAR - 1}-12-31`, amount: 10 }, 'input.spentOn'],
      [{ spentOn: addDays(TODAY, 1), amount: 10 }, 'input.spentOn'],
      [{ spentOn: TODAY, amount: -5 }, 'input.amount'],
    ];
    for (const [bad, field] of spendings) {
      expect((await fails(h, PROVINCIAL_POLICE, SPEND, { id: line.id, v: 1, input: bad })).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
    const elsewhere = await fails(h, { role: 'commune_official', unit: COMMUNE }, RECORD, {
      input: input({ unitCode: OTHER_COMMUNE }),
    });
    expect(elsewhere.extensions?.code).toBe('FORBIDDEN');
    expect(await stored()).toEqual(before);
  });

  it('is read by every role and recorded by the agencies that carry out the activities', async () => {
    const unitOf = (role: Role) =>
      role === 'court_clerk' ? 'TAKV-HN01' : role === 'facility_staff' ? 'CSCN1' : role === 'volunteer' ? COMMUNE : '01';
    let recorders = 0;
    for (const role of ROLES) {
      const actor: Actor = { role, unit: unitOf(role) };
      expect([role, (await runAs(h, actor, LIST, { u: '01', y: YEAR })).errors]).toEqual([role, undefined]);
      const made = await runAs(h, actor, RECORD, { input: input({ unitCode: actor.unit === '01' ? '01' : COMMUNE }) });
      if (canRead(ACCESS_MATRIX, role, 'Mutation.recordBudgetLine')) {
        recorders += 1;
        expect([role, made.errors]).toEqual([role, undefined]);
      } else {
        expect([role, made.errors?.[0]?.extensions?.code]).toEqual([role, 'FORBIDDEN']);
      }
    }
    expect(recorders).toBe(5);
  });

  it('is corrected and spent by the agency that recorded it, at its latest version', async () => {
    const line = await ok(h, PROVINCIAL_POLICE, RECORD, { input: input() });
    const labour: Actor = { role: 'labour_officer', unit: '01' };
    expect((await fails(h, labour, SPEND, { id: line.id, v: 1, input: { spentOn: TODAY, amount: 5 } })).extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await fails(h, PROVINCIAL_POLICE, SPEND, { id: line.id, v: 7, input: { spentOn: TODAY, amount: 5 } })).extensions?.code,
    ).toBe('CONFLICT');
    const unknown = '0d000000-0000-4000-8000-00000000000d';
    expect((await fails(h, PROVINCIAL_POLICE, UPDATE, { id: unknown, v: 1, input: input() })).extensions?.code).toBe('NOT_FOUND');
  });
});
