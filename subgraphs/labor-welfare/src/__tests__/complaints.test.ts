import { ACCESS_MATRIX, ROLES, addDays, canRead, generateDemoPopulation, todayInHanoi, type Role } from '@rehab/shared-schema';
import { openHarness, type Harness } from './harness';
import { COMMUNE, OTHER_COMMUNE, fails, ok, runAs, type Actor, type Row } from './legal-path-support';

let h: Harness;
const TODAY = todayInHanoi();

beforeAll(async () => {
  h = await openHarness(generateDemoPopulation({ persons: 30 }));
});
afterAll(async () => {
  await h.close();
});

const FIELDS = 'id kind agency receivedOn subject dueOn status resolvedOn outcome resolution version unit { code }';
const RECORD = `mutation($input: ComplaintInput!) { recordComplaint(input: $input) { ${FIELDS} } }`;
const RESOLVE = `mutation($id: ID!, $v: Int!, $on: Date!, $o: ComplaintOutcome!, $r: String!) {
  resolveComplaint(id: $id, expectedVersion: $v, resolvedOn: $on, outcome: $o, resolution: $r) { ${FIELDS} } }`;
const LIST = 'query($u: ID!, $open: Boolean) { complaints(unitCode: $u, openOnly: $open) { id status } }';
const IDENTITY = 'query($u: ID!) { complaints(unitCode: $u) { id complainantName complainantContact summary } }';

const COMMUNE_OFFICIAL: Actor = { role: 'commune_official', unit: COMMUNE };
const input = (over: Row = {}) => ({
  kind: 'DENUNCIATION',
  unitCode: COMMUNE,
  receivedOn: addDays(TODAY, -40),
  subject: 'CONDUCT',
  summary: 'Tố cáo cán bộ đòi tiền khi lập hồ sơ cai nghiện tự nguyện',
  complainantName: 'Trần Thị Hoa',
  complainantContact: '0912 345 678',
  dueOn: addDays(TODAY, -10),
  ...over,
});

async function stored(): Promise<number> {
  const [row] = await h.database.db.query<[{ n: number }]>('SELECT count(*)::int AS n FROM complaint');
  return row.n;
}

describe('complaints and denunciations about rehab work', () => {
  it('are received with their time limit, go overdue, and are settled once', async () => {
    const made = await ok(h, COMMUNE_OFFICIAL, RECORD, { input: input() });
    expect(made).toMatchObject({ agency: 'commune', status: 'OVERDUE', version: 1, unit: { code: COMMUNE } });
    const open = await ok(h, COMMUNE_OFFICIAL, RECORD, {
      input: input({ kind: 'COMPLAINT', subject: 'DECISION', dueOn: TODAY }),
    });
    expect(open.status).toBe('OPEN');
    const openList = (await ok(h, COMMUNE_OFFICIAL, LIST, { u: COMMUNE, open: true })) as unknown as Row[];
    expect(openList.map((c) => c.id)).toEqual(expect.arrayContaining([made.id, open.id]));

    const early = await fails(h, COMMUNE_OFFICIAL, RESOLVE, { id: made.id, v: 1, on: addDays(TODAY, -41), o: 'UPHELD', r: 'x' });
    expect(early.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'resolvedOn' });
    const settled = await ok(h, COMMUNE_OFFICIAL, RESOLVE, {
      id: made.id,
      v: 1,
      on: TODAY,
      o: 'PARTLY_UPHELD',
      r: 'Kiểm điểm cán bộ, trả lại tiền',
    });
    expect(settled).toMatchObject({ status: 'RESOLVED', outcome: 'PARTLY_UPHELD', resolvedOn: TODAY, version: 2 });
    const again = await fails(h, COMMUNE_OFFICIAL, RESOLVE, { id: made.id, v: 2, on: TODAY, o: 'UPHELD', r: 'x' });
    expect(again.extensions?.code).toBe('ILLEGAL_TRANSITION');
    const stale = await fails(h, COMMUNE_OFFICIAL, RESOLVE, { id: open.id, v: 5, on: TODAY, o: 'UPHELD', r: 'x' });
    expect(stale.extensions?.code).toBe('CONFLICT');
    const after = (await ok(h, COMMUNE_OFFICIAL, LIST, { u: COMMUNE, open: true })) as unknown as Row[];
    expect(after.map((c) => c.id)).not.toContain(made.id);
  });

  it('refuses bad input beside its field and units the officer does not act for, storing nothing', async () => {
    const before = await stored();
    const cases: [Row, string][] = [
      [input({ receivedOn: addDays(TODAY, 1), dueOn: addDays(TODAY, 5) }), 'input.receivedOn'],
      [input({ dueOn: addDays(TODAY, -41) }), 'input.dueOn'],
      [input({ dueOn: addDays(TODAY, 51) }), 'input.dueOn'],
      [input({ complainantName: '  ' }), 'input.complainantName'],
      [input({ summary: '' }), 'input.summary'],
      [input({ unitCode: 'ZZZ' }), 'input.unitCode'],
    ];
    for (const [bad, field] of cases) {
      expect((await fails(h, COMMUNE_OFFICIAL, RECORD, { input: bad })).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
    }
    const elsewhere = await fails(h, COMMUNE_OFFICIAL, RECORD, { input: input({ unitCode: OTHER_COMMUNE }) });
    expect(elsewhere.extensions?.code).toBe('FORBIDDEN');
    expect(await stored()).toBe(before);
  });

  it("keep the complainant's identity to the handlers of the unit, each read audited against the complaint", async () => {
    const made = await ok(h, COMMUNE_OFFICIAL, RECORD, { input: input({ complainantName: 'Lê Văn Bình' }) });
    // Another commune's official sees none of this commune's complaints.
    const other = (await ok(h, { role: 'commune_official', unit: OTHER_COMMUNE }, LIST, { u: '01' })) as unknown as Row[];
    expect(other.map((c) => c.id)).not.toContain(made.id);
    const unitOf = (role: Role) =>
      role === 'court_clerk' ? 'TAKV-HN01' : role === 'facility_staff' ? 'CSCN1' : role === 'volunteer' ? COMMUNE : '01';
    let readers = 0;
    for (const role of ROLES) {
      const result = await runAs(h, { role, unit: unitOf(role) }, IDENTITY, { u: '01' });
      if (canRead(ACCESS_MATRIX, role, 'Complaint.complainantName')) {
        readers += 1;
        expect([role, result.errors]).toEqual([role, undefined]);
      } else {
        expect([role, result.errors?.[0]?.extensions?.code]).toEqual([role, 'FORBIDDEN']);
        expect(JSON.stringify(result.data ?? null)).not.toContain('Lê Văn Bình');
      }
    }
    expect(readers).toBe(5);
    const [audit] = await h.database.db.query<[{ n: number }]>(
      "SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'Complaint' AND action = 'READ' AND person_id = $1 AND 'complainantName' = ANY(fields)",
      [made.id],
    );
    expect(audit.n).toBeGreaterThan(0);
  });
});
