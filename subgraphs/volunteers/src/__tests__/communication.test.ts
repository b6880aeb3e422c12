import { demoUnits, testCaller } from '@rehab/server-kit';
import { ACCESS_MATRIX, addDays, canRead, ROLES, todayInHanoi, type Caller, type Role } from '@rehab/shared-schema';
import { volunteersSuite, type Result } from './harness';

const { COMMUNE, NEIGHBOUR_COMMUNE } = demoUnits;
type Row = Record<string, unknown>;

const suite = volunteersSuite();
const run = (query: string, variables: Record<string, unknown>, caller: Caller): Promise<Result> =>
  suite.run(query, variables, caller);
const TODAY = todayInHanoi();

const FIELDS = 'id kind heldOn title agency audience copies version unit { code }';
const RECORD = `mutation($input: CommunicationActivityInput!) { recordCommunicationActivity(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $v: Int!, $input: CommunicationActivityInput!) {
  updateCommunicationActivity(id: $id, expectedVersion: $v, input: $input) { ${FIELDS} } }`;
const LIST = 'query($u: ID!, $from: Date) { communicationActivities(unitCode: $u, from: $from) { id audience } }';

const FRONT = testCaller('front_officer', COMMUNE);
const input = (over: Row = {}) => ({
  unitCode: COMMUNE,
  kind: 'FORUM',
  heldOn: addDays(TODAY, -3),
  title: 'Diễn đàn thanh niên với phòng, chống ma túy',
  audience: 120,
  ...over,
});

async function stored(): Promise<number> {
  const [row] = await suite.database.db.query<[{ n: number }]>('SELECT count(*)::int AS n FROM communication_activity');
  return row.n;
}

const errorOf = (r: Result) => r.errors?.[0]?.extensions ?? {};

describe('communication activities', () => {
  it('are recorded by an agency for a unit it acts for, listed up the unit tree, and audited', async () => {
    const made = (await run(RECORD, { input: input({ copies: 500 }) }, FRONT)).data?.recordCommunicationActivity as Row;
    expect(made).toMatchObject({
      kind: 'FORUM',
      agency: 'volunteers',
      audience: 120,
      copies: 500,
      version: 1,
      unit: { code: COMMUNE },
    });
    for (const unit of [COMMUNE, '01']) {
      const list = (await run(LIST, { u: unit, from: addDays(TODAY, -30) }, testCaller('analyst', '01'))).data
        ?.communicationActivities as Row[];
      expect(list.map((r) => r.id)).toContain(made.id);
    }
    const neighbour = (await run(LIST, { u: NEIGHBOUR_COMMUNE }, FRONT)).data?.communicationActivities as Row[];
    expect(neighbour.map((r) => r.id)).not.toContain(made.id);
    const [audit] = await suite.database.db.query<[{ n: number }]>(
      "SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'CommunicationActivity'",
    );
    expect(audit.n).toBeGreaterThan(0);
  });

  it('refuses bad input beside its field, outside units and roles that hold none, and stores nothing', async () => {
    const before = await stored();
    const cases: [Row, string][] = [
      [input({ heldOn: addDays(TODAY, 1) }), 'input.heldOn'],
      [input({ audience: -1 }), 'input.audience'],
      [input({ copies: 10_000_001 }), 'input.copies'],
      [input({ title: '  ' }), 'input.title'],
      [input({ unitCode: 'CSCN1' }), 'input.unitCode'],
    ];
    for (const [bad, field] of cases) {
      expect(errorOf(await run(RECORD, { input: bad }, FRONT))).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(errorOf(await run(RECORD, { input: input({ unitCode: NEIGHBOUR_COMMUNE }) }, FRONT)).code).toBe('FORBIDDEN');
    for (const role of ['volunteer', 'analyst', 'supervisor', 'court_clerk', 'facility_staff'] as Role[]) {
      const unit = role === 'court_clerk' ? 'TAKV-HN01' : role === 'facility_staff' ? 'CSCN1' : COMMUNE;
      expect([role, errorOf(await run(RECORD, { input: input() }, testCaller(role, unit))).code]).toEqual([role, 'FORBIDDEN']);
    }
    expect(await stored()).toBe(before);
  });

  it('is read by every role and recorded by the roles the matrix names, each from its own unit', async () => {
    const unitOf = (role: Role) =>
      role === 'court_clerk'
        ? 'TAKV-HN01'
        : role === 'facility_staff'
          ? 'CSCN1'
          : ['analyst', 'supervisor'].includes(role)
            ? '01'
            : COMMUNE;
    let recorders = 0;
    for (const role of ROLES) {
      const caller = testCaller(role, unitOf(role));
      const list = await run(LIST, { u: COMMUNE }, caller);
      expect([role, list.errors]).toEqual([role, undefined]);
      const made = await run(RECORD, { input: input({ unitCode: caller.unitCode === '01' ? '01' : COMMUNE }) }, caller);
      if (canRead(ACCESS_MATRIX, role, 'Mutation.recordCommunicationActivity')) {
        recorders += 1;
        expect([role, made.errors]).toEqual([role, undefined]);
      } else {
        expect([role, errorOf(made).code]).toEqual([role, 'FORBIDDEN']);
      }
    }
    expect(recorders).toBe(5);
  });

  it('is corrected by the agency that recorded it, at its latest version', async () => {
    const police = testCaller('police_officer', COMMUNE);
    const made = (await run(RECORD, { input: input({ kind: 'TALK', audience: 40 }) }, police)).data
      ?.recordCommunicationActivity as Row;
    expect(made.agency).toBe('police');
    expect(errorOf(await run(UPDATE, { id: made.id, v: 1, input: input({ audience: 45 }) }, FRONT)).code).toBe('FORBIDDEN');
    expect(errorOf(await run(UPDATE, { id: made.id, v: 3, input: input({ audience: 45 }) }, police)).code).toBe('CONFLICT');
    const unknown = '0d000000-0000-4000-8000-00000000000d';
    expect(errorOf(await run(UPDATE, { id: unknown, v: 1, input: input() }, police)).code).toBe('NOT_FOUND');
    const fixed = (await run(UPDATE, { id: made.id, v: 1, input: input({ kind: 'TALK', audience: 45 }) }, police)).data
      ?.updateCommunicationActivity as Row;
    expect(fixed).toMatchObject({ audience: 45, version: 2 });
  });
});
