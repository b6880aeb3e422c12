import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Notice } from '@rehab/server-kit';
import { ROLES, canRead, ACCESS_MATRIX, generateDemoPopulation } from '@rehab/shared-schema';
import { policeNoticeHandlers } from '../notices/handlers';
import { dataOf, openHarness, type Harness } from './harness';

/** support.relapse-risk from volunteers: the report reaches the commune police's worklist. */
let h: Harness;
const population = generateDemoPopulation({ persons: 30 });
const person = population[0];

beforeAll(async () => {
  h = await openHarness(population);
});
afterAll(async () => {
  await h.close();
});

function notice(payload: unknown): Notice {
  return {
    id: randomUUID(),
    topic: 'support.relapse-risk',
    source: 'volunteers',
    destination: 'police',
    payload,
    createdAt: new Date().toISOString(),
  };
}

const deliver = (n: Notice) =>
  h.database.db.transaction((manager) =>
    (policeNoticeHandlers['support.relapse-risk'] as NonNullable<(typeof policeNoticeHandlers)[string]>)(manager, n),
  );
const LIST = '{ relapseRiskReports(since: "2026-01-01") { person { id } assignmentId observedOn note } }';

describe('support.relapse-risk', () => {
  it("puts the report on the worklist of the person's commune police, audited, and nowhere else", async () => {
    if (!person) throw new Error('no person');
    const assignmentId = randomUUID();
    const n = notice({ personId: person.id, assignmentId, observedOn: '2026-09-01', note: 'Có dấu hiệu' });
    await deliver(n);
    const commune = person.currentResidence.unitCode;
    const mine = dataOf<{ relapseRiskReports: unknown[] }>(await h.run(LIST, {}, 'police_officer', commune));
    expect(mine.relapseRiskReports).toEqual([
      { person: { id: person.id }, assignmentId, observedOn: '2026-09-01', note: 'Có dấu hiệu' },
    ]);
    const other = population.find(
      (p) => p.currentResidence.unitCode !== commune && p.currentResidence.unitCode.slice(0, 3) !== commune.slice(0, 3),
    );
    const theirs = dataOf<{ relapseRiskReports: unknown[] }>(
      await h.run(LIST, {}, 'police_officer', other?.currentResidence.unitCode),
    );
    expect(theirs.relapseRiskReports).toEqual([]);
    const audit = await h.database.db.query('SELECT username, entity_type FROM audit_log WHERE request_id = $1', [n.id]);
    expect(audit).toEqual([{ username: 'volunteers', entity_type: 'RelapseRiskReport' }]);
  });

  it('is read by commune police, commune officials and supervisors only', async () => {
    for (const role of ROLES) {
      const result = await h.run(LIST, {}, role);
      const allowed = canRead(ACCESS_MATRIX, role, 'Query.relapseRiskReports');
      expect({ role, code: result.errors?.[0]?.extensions?.code ?? 'OK' }).toEqual({ role, code: allowed ? 'OK' : 'FORBIDDEN' });
      expect({ role, allowed }).toEqual({ role, allowed: ['police_officer', 'commune_official', 'supervisor'].includes(role) });
    }
  });

  it('refuses a malformed notice or an unknown person for good, changing nothing', async () => {
    const before = await h.database.db.query('SELECT count(*)::int AS n FROM relapse_risk_report');
    for (const payload of [
      { personId: 'x', assignmentId: randomUUID(), observedOn: '2026-09-01' },
      { personId: person?.id, assignmentId: randomUUID(), observedOn: '1 Sept' },
      { personId: randomUUID(), assignmentId: randomUUID(), observedOn: '2026-09-01' },
    ]) {
      let code: unknown = 'no error';
      try {
        await deliver(notice(payload));
      } catch (e) {
        code = e instanceof GraphQLError ? e.extensions.code : 'untyped';
      }
      expect({ payload, code }).toEqual({ payload, code: 'BAD_USER_INPUT' });
    }
    expect(await h.database.db.query('SELECT count(*)::int AS n FROM relapse_risk_report')).toEqual(before);
  });
});
