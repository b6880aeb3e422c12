import { randomUUID } from 'node:crypto';
import type { Notice } from '@rehab/server-kit';
import { generateDemoPopulation } from '@rehab/shared-schema';
import { deliverNotice, noticeTo, openHarness, type Harness } from './harness';

/**
 * treatment.substitution-started / -ended from health: the residence commune manages people on
 * substitution treatment and those who stopped it, as after a completed rehab (DOMAIN step 6).
 */
let h: Harness;

beforeAll(async () => {
  h = await openHarness(generateDemoPopulation({ persons: 300 }));
  await h.run('{ __typename }', {}, 'supervisor');
});
afterAll(async () => {
  await h.close();
});

const notice = (topic: string, payload: unknown): Notice => noticeTo('health', topic, payload);
const deliver = (n: Notice): Promise<void> => deliverNotice(h, n);

const ended = (personId: string, treatmentId: string, reason = 'VOLUNTARY', stoppedOn = '2026-10-02') =>
  notice('treatment.substitution-ended', { personId, treatmentId, stoppedOn, reason });

/** People of the directory with no case and no episode at all, each living in a commune. */
async function freshPeople(n: number): Promise<{ person_id: string; unit_code: string; unit_path: string }[]> {
  return h.database.db.query(
    `SELECT d.person_id::text, d.unit_code, d.unit_path FROM person_directory d
    WHERE NOT EXISTS (SELECT 1 FROM post_rehab_case c WHERE c.person_id = d.person_id)
      AND NOT EXISTS (SELECT 1 FROM rehab_episode e WHERE e.person_id = d.person_id)
      AND d.merged_into IS NULL
    ORDER BY d.person_id LIMIT $1`,
    [n],
  );
}

const casesOf = (personId: string) =>
  h.database.db.query<Record<string, unknown>[]>(
    `SELECT basis, status, episode_id, substitution_treatment_id::text AS treatment, residence_unit_code AS unit,
      opened_on::text AS opened FROM post_rehab_case WHERE person_id = $1 ORDER BY opened_on`,
    [personId],
  );

const AWAITING = `query($u: ID!) { postRehabCasesAwaitingDecision(unitCode: $u, first: 200) {
  id basis substitutionTreatmentId episode { id } openedOn person { id } } }`;

describe('post-rehab management after substitution treatment', () => {
  it('a stopped treatment opens one case awaiting the residence commune chairman, once however often told', async () => {
    const [p] = await freshPeople(1);
    if (!p) throw new Error('no fresh person in the population');
    const treatmentId = randomUUID();
    const n = ended(p.person_id, treatmentId, 'FORCED_REPEATED_POSITIVE_TESTS');
    await deliver(n);
    // The same end told again (a second notice id): the treatment's case exists, nothing more.
    await deliver(ended(p.person_id, treatmentId, 'FORCED_REPEATED_POSITIVE_TESTS'));
    expect(await casesOf(p.person_id)).toEqual([
      {
        basis: 'AFTER_SUBSTITUTION',
        status: 'AWAITING_DECISION',
        episode_id: null,
        treatment: treatmentId,
        unit: p.unit_code,
        opened: '2026-10-02',
      },
    ]);
    const [event] = await h.database.db.query<{ action: string; details: Record<string, unknown> }[]>(
      `SELECT action, details FROM case_event WHERE person_id = $1 AND entity_type = 'POST_REHAB'`,
      [p.person_id],
    );
    expect(event).toEqual({
      action: 'OPEN',
      details: { basis: 'AFTER_SUBSTITUTION', treatmentId, reason: 'FORCED_REPEATED_POSITIVE_TESTS' },
    });
    expect(await h.database.db.query('SELECT fields FROM audit_log WHERE request_id = $1', [n.id])).toEqual([
      { fields: ['postRehabCase'] },
    ]);
    // The commune's officials are told in their inbox.
    expect(
      await h.database.db.query('SELECT topic, unit_path, audience FROM officer_notification WHERE notice_id = $1', [n.id]),
    ).toEqual([{ topic: 'treatment.substitution-ended', unit_path: p.unit_path, audience: ['commune_official'] }]);

    // The commune's worklist shows it with its basis; another commune's does not.
    const mine = await h.run(AWAITING, { u: p.unit_code }, 'commune_official', p.unit_code);
    expect(mine.errors).toBeUndefined();
    const rows = (mine.data?.postRehabCasesAwaitingDecision ?? []) as { basis: string; person: { id: string } }[];
    expect(rows.filter((r) => r.person.id === p.person_id)).toEqual([
      expect.objectContaining({ basis: 'AFTER_SUBSTITUTION', substitutionTreatmentId: treatmentId, episode: null }),
    ]);
    const [other] = await h.database.db.query<{ code: string }[]>(
      `SELECT code FROM administrative_unit WHERE level = 'COMMUNE' AND valid_to IS NULL AND code <> $1 AND path LIKE '01.%' LIMIT 1`,
      [p.unit_code],
    );
    const theirs = await h.run(AWAITING, { u: other?.code }, 'commune_official', other?.code);
    expect(theirs.errors).toBeUndefined();
    const theirRows = (theirs.data?.postRehabCasesAwaitingDecision ?? []) as { person: { id: string } }[];
    expect(theirRows.some((r) => r.person.id === p.person_id)).toBe(false);
  });

  it('an enrolment opens a case on substitution; its end is then written into that case, not a second one', async () => {
    const [, p] = await freshPeople(2);
    if (!p) throw new Error('no fresh person in the population');
    const treatmentId = randomUUID();
    await deliver(notice('treatment.substitution-started', { personId: p.person_id, treatmentId, enrolledOn: '2026-08-01' }));
    const end = ended(p.person_id, treatmentId, 'COMPLETED', '2026-11-20');
    await deliver(end);
    expect(await casesOf(p.person_id)).toEqual([expect.objectContaining({ basis: 'ON_SUBSTITUTION', opened: '2026-08-01' })]);
    const events = await h.database.db.query<{ action: string; on: string }[]>(
      `SELECT action, occurred_on::text AS on FROM case_event WHERE person_id = $1 ORDER BY recorded_at, id`,
      [p.person_id],
    );
    expect(events).toEqual([
      { action: 'OPEN', on: '2026-08-01' },
      { action: 'SUBSTITUTION_ENDED', on: '2026-11-20' },
    ]);
    expect(
      await h.database.db.query('SELECT count(*)::int AS n FROM officer_notification WHERE notice_id = $1', [end.id]),
    ).toEqual([{ n: 1 }]);
  });

  it('opens nothing for a person in rehab: the rehab completion opens the case', async () => {
    const [e] = await h.database.db.query<{ person_id: string }[]>(
      `SELECT person_id::text FROM rehab_episode e WHERE status = 'ADMITTED'
      AND NOT EXISTS (SELECT 1 FROM post_rehab_case c WHERE c.person_id = e.person_id AND c.status IN ('AWAITING_DECISION', 'UNDER_MANAGEMENT'))
      LIMIT 1`,
    );
    if (!e) throw new Error('no admitted resident in the population');
    const before = await casesOf(e.person_id);
    await deliver(ended(e.person_id, randomUUID()));
    expect(await casesOf(e.person_id)).toEqual(before);
  });

  it('retries (does not refuse) a notice about a person police have not announced yet, and keeps nothing of it', async () => {
    const unknown = randomUUID();
    await expect(deliver(ended(unknown, randomUUID()))).rejects.toThrow(/not in the person directory/);
    expect(await casesOf(unknown)).toEqual([]);
  });

  it('a decision on such a case runs as after rehab; a health worker or a volunteer reads no case', async () => {
    const [, , p] = await freshPeople(3);
    if (!p) throw new Error('no fresh person in the population');
    await deliver(ended(p.person_id, randomUUID(), 'VOLUNTARY', '2026-09-01'));
    const [c] = await h.database.db.query<{ id: string; version: number }[]>(
      'SELECT id::text, version FROM post_rehab_case WHERE person_id = $1',
      [p.person_id],
    );
    const decided = await h.run(
      `mutation($id: ID!, $v: Int!) { decidePostRehab(id: $id, expectedVersion: $v,
        input: { decisionNumber: "15/QĐ-UBND", decisionOn: "2026-09-10" }) { status basis periodMonths endsOn } }`,
      { id: c?.id, v: c?.version },
      'commune_official',
      p.unit_code,
    );
    expect(decided.errors).toBeUndefined();
    expect(decided.data?.decidePostRehab).toEqual({
      status: 'UNDER_MANAGEMENT',
      basis: 'AFTER_SUBSTITUTION',
      periodMonths: 12,
      endsOn: '2027-09-10',
    });
    for (const role of ['health_worker', 'volunteer'] as const) {
      const read = await h.run('query($id: ID!) { postRehabCase(id: $id) { basis } }', { id: c?.id }, role, p.unit_code);
      expect(read.data?.postRehabCase ?? null).toBeNull();
      expect(read.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});
