import { addDays, generateDemoPopulation, todayInHanoi } from '@rehab/shared-schema';
import { openHarness, type Harness } from './harness';
import {
  COMMUNE,
  COMMUNE_OFFICIAL,
  LABOUR,
  M,
  POLICE,
  STAFF,
  admitted,
  fails,
  footprint,
  ok,
  type Actor,
  type Row,
} from './legal-path-support';

let h: Harness;

beforeAll(async () => {
  h = await openHarness(generateDemoPopulation({ persons: 30 }));
});
afterAll(async () => {
  await h.close();
});

const FIELDS = `id status version relapsedOn drugUses { usedOn evidence note } events { action fromStatus toStatus occurredOn actorRole note }`;
const RECORD_USE = `mutation($id: ID!, $v: Int!, $on: Date!, $evidence: DrugUseEvidence!, $note: String) {
  recordPostRehabDrugUse(id: $id, expectedVersion: $v, usedOn: $on, evidence: $evidence, note: $note) { ${FIELDS} } }`;

/** A case under management decided on `decisionOn` after a rehab completed on `completedOn`. */
async function managed(completedOn: string, decisionOn: string): Promise<Row & { personId: string }> {
  const e = await admitted(h, '2025-04-01');
  await ok(h, STAFF, M.complete, { id: e.id, v: e.version, on: completedOn, cert: `GCN-${completedOn}-${e.id as string}` });
  const [row] = await h.database.db.query<[{ id: string; person_id: string; version: number }]>(
    'SELECT id, person_id, version FROM post_rehab_case WHERE episode_id = $1',
    [e.id],
  );
  const d = await ok(h, COMMUNE_OFFICIAL, M.decidePost, {
    id: row.id,
    v: row.version,
    input: { decisionNumber: `QĐ-${row.id}`.slice(0, 60), decisionOn },
  });
  return { ...d, personId: row.person_id };
}

async function useCount(): Promise<number> {
  const [row] = await h.database.db.query<[{ n: number }]>('SELECT count(*)::int AS n FROM post_rehab_drug_use');
  return row.n;
}

const TODAY = todayInHanoi();

describe('drug use during post-rehab management, told apart from a relapse into addiction', () => {
  it('keeps the management going, lists the use on the case and tells the commune', async () => {
    const c = await managed('2026-06-10', '2026-06-20');
    const used = await ok(h, POLICE, RECORD_USE, {
      id: c.id,
      v: c.version,
      on: '2026-08-03',
      evidence: 'POSITIVE_TEST',
      note: 'Test nhanh dương tính với methamphetamine',
    });
    expect(used).toMatchObject({
      status: 'UNDER_MANAGEMENT',
      version: (c.version as number) + 1,
      relapsedOn: null,
      drugUses: [{ usedOn: '2026-08-03', evidence: 'POSITIVE_TEST', note: 'Test nhanh dương tính với methamphetamine' }],
    });
    expect((used.events as Row[]).at(-1)).toMatchObject({
      action: 'RECORD_DRUG_USE',
      fromStatus: 'UNDER_MANAGEMENT',
      toStatus: 'UNDER_MANAGEMENT',
      occurredOn: '2026-08-03',
      actorRole: 'police_officer',
    });
    // A second use, another day, by the commune: newest first.
    const again = await ok(h, COMMUNE_OFFICIAL, RECORD_USE, {
      id: c.id,
      v: used.version,
      on: '2026-09-01',
      evidence: 'SELF_REPORTED',
    });
    expect((again.drugUses as Row[]).map((u) => u.usedOn)).toEqual(['2026-09-01', '2026-08-03']);
    const notes = await h.database.db.query<{ audience: string[]; occurred_on: string }[]>(
      `SELECT audience, occurred_on::text FROM officer_notification WHERE person_id = $1 AND topic = 'post-rehab.drug-use' ORDER BY occurred_on`,
      [c.personId],
    );
    expect(notes).toEqual([
      { audience: ['police_officer', 'commune_official'], occurred_on: '2026-08-03' },
      { audience: ['police_officer', 'commune_official'], occurred_on: '2026-09-01' },
    ]);
    const [audit] = await h.database.db.query<[{ fields: string[] }]>(
      `SELECT fields FROM audit_log WHERE action = 'CHANGE' AND person_id = $1 AND fields @> '{drugUses}' LIMIT 1`,
      [c.personId],
    );
    expect(audit.fields).toContain('drugUses');
    // The relapse into addiction is another step: it ends the management.
    const relapsed = await ok(h, COMMUNE_OFFICIAL, M.relapse, { id: c.id, v: again.version, on: '2026-10-01' });
    expect(relapsed).toMatchObject({ status: 'RELAPSED', relapsedOn: '2026-10-01' });
    const after = await fails(h, POLICE, RECORD_USE, {
      id: c.id,
      v: relapsed.version,
      on: '2026-10-05',
      evidence: 'CAUGHT_USING',
    });
    expect(after.extensions?.code).toBe('ILLEGAL_TRANSITION');
  });

  it('refuses a day in the future, before the decision, after the period or already recorded, and changes nothing', async () => {
    const c = await managed('2026-06-10', '2026-06-20');
    const first = await ok(h, POLICE, RECORD_USE, { id: c.id, v: c.version, on: '2026-07-01', evidence: 'CAUGHT_USING' });
    const ended = await managed('2025-04-10', '2025-04-20');
    const before = await footprint(h);
    const uses = await useCount();
    const cases: [Row, string, Record<string, unknown>, string, string][] = [
      [first, 'future', { on: addDays(TODAY, 1) }, 'BAD_USER_INPUT', 'usedOn'],
      [first, 'before the decision', { on: '2026-06-19' }, 'BAD_USER_INPUT', 'usedOn'],
      [first, 'same day', { on: '2026-07-01' }, 'BAD_USER_INPUT', 'usedOn'],
      [first, 'stale version', { on: '2026-07-02', v: c.version }, 'CONFLICT', ''],
      [first, 'long note', { on: '2026-07-02', note: 'x'.repeat(2001) }, 'BAD_USER_INPUT', 'note'],
      // Decided on 20 April 2025 for 12 months: the period ended on 20 April 2026.
      [ended, 'after the period', { on: '2026-05-01' }, 'ILLEGAL_TRANSITION', 'usedOn'],
    ];
    for (const [record, label, vars, code, field] of cases) {
      const error = await fails(h, POLICE, RECORD_USE, { id: record.id, v: record.version, evidence: 'POSITIVE_TEST', ...vars });
      expect([label, error.extensions?.code, field ? error.extensions?.field : '']).toEqual([label, code, field]);
    }
    expect(await footprint(h)).toEqual(before);
    expect(await useCount()).toBe(uses);
  });

  it('is not recorded on a case awaiting the decision', async () => {
    const e = await admitted(h, '2025-04-01');
    await ok(h, STAFF, M.complete, { id: e.id, v: e.version, on: '2026-06-10', cert: `GCN-await-${e.id as string}` });
    const [row] = await h.database.db.query<[{ id: string; version: number }]>(
      'SELECT id, version FROM post_rehab_case WHERE episode_id = $1',
      [e.id],
    );
    const error = await fails(h, COMMUNE_OFFICIAL, RECORD_USE, {
      id: row.id,
      v: row.version,
      on: '2026-07-01',
      evidence: 'POSITIVE_TEST',
    });
    expect(error.extensions?.code).toBe('ILLEGAL_TRANSITION');
  });
});

describe('who records and reads a use', () => {
  it("police and committee of the case's commune record it; others may not", async () => {
    const c = await managed('2026-06-10', '2026-06-20');
    const uses = await useCount();
    const other: Actor = { role: 'police_officer', unit: '00008' };
    expect(
      (await fails(h, other, RECORD_USE, { id: c.id, v: c.version, on: '2026-07-01', evidence: 'POSITIVE_TEST' })).extensions
        ?.code,
    ).toBe('NOT_FOUND');
    for (const actor of [
      LABOUR,
      STAFF,
      { role: 'volunteer', unit: COMMUNE } as Actor,
      { role: 'front_officer', unit: COMMUNE } as Actor,
    ]) {
      const error = await fails(h, actor, RECORD_USE, { id: c.id, v: c.version, on: '2026-07-01', evidence: 'POSITIVE_TEST' });
      expect([actor.role, error.extensions?.code]).toEqual([actor.role, 'FORBIDDEN']);
    }
    expect(await useCount()).toBe(uses);
    const read = `query($id: ID!) { postRehabCase(id: $id) { drugUses { usedOn } } }`;
    for (const role of ['health_worker', 'volunteer', 'front_officer', 'analyst'] as const) {
      const result = await h.run(read, { id: c.id }, role, COMMUNE);
      expect([role, result.errors?.[0]?.extensions?.code]).toEqual([role, 'FORBIDDEN']);
    }
  });
});
