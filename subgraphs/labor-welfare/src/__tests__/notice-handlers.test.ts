import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Notice } from '@rehab/server-kit';
import { generateDemoPopulation } from '@rehab/shared-schema';
import { noticeHandlers } from '../notice-handlers';
import { openHarness, type Harness } from './harness';
import {
  COMMUNE,
  COMMUNE_OFFICIAL,
  M,
  OTHER_COMMUNE,
  STAFF,
  admitted,
  draft,
  footprint,
  ok,
  runAs,
  type Row,
} from './legal-path-support';

let h: Harness;

beforeAll(async () => {
  h = await openHarness(generateDemoPopulation({ persons: 30 }));
});
afterAll(async () => {
  await h.close();
});

function notice(topic: string, payload: unknown): Notice {
  return {
    id: randomUUID(),
    topic,
    source: 'police',
    destination: 'labor-welfare',
    payload,
    createdAt: '2026-08-01T03:00:00.000Z',
  };
}

async function deliver(n: Notice): Promise<void> {
  const handler = noticeHandlers[n.topic];
  if (!handler) throw new Error(`no handler for ${n.topic}`);
  await h.database.db.transaction((manager) => handler(manager, n));
}

async function personOf(table: string, id: unknown): Promise<string> {
  const [row] = await h.database.db.query<[{ person_id: string }]>(`SELECT person_id FROM ${table} WHERE id = $1`, [id]);
  return row.person_id;
}

async function codeOf(error: Promise<unknown>): Promise<unknown> {
  try {
    await error;
  } catch (e) {
    return e instanceof GraphQLError ? e.extensions.code : 'untyped';
  }
  return 'no error';
}

describe('person.merged', () => {
  it('moves every row of the duplicate to the survivor and keeps the trail', async () => {
    const episode = await admitted(h);
    const duplicate = await personOf('rehab_episode', episode.id);
    const survivor = randomUUID();
    const n = notice('person.merged', { survivorId: survivor, duplicateId: duplicate });
    await deliver(n);
    const [counts] = await h.database.db.query<[Record<string, number>]>(
      `SELECT
      (SELECT count(*) FROM rehab_episode WHERE person_id = $1)::int AS gone,
      (SELECT count(*) FROM rehab_episode WHERE person_id = $2)::int AS episodes,
      (SELECT count(*) FROM compulsory_rehab_dossier WHERE person_id = $2)::int AS dossiers,
      (SELECT count(*) FROM case_event WHERE person_id = $2)::int AS events`,
      [duplicate, survivor],
    );
    expect(counts).toMatchObject({ gone: 0, episodes: 1, dossiers: 1 });
    expect(counts.events).toBeGreaterThan(5);
    const [log] = await h.database.db.query<[Row]>(
      'SELECT survivor_id, duplicate_id, repointed FROM person_merge_log WHERE notice_id = $1',
      [n.id],
    );
    expect(log).toMatchObject({ survivor_id: survivor, duplicate_id: duplicate });
    expect((log.repointed as Record<string, string[]>).rehab_episode).toEqual([episode.id]);
    const audit = await h.database.db.query<Row[]>(`SELECT username, role, action, fields FROM audit_log WHERE request_id = $1`, [
      n.id,
    ]);
    expect(audit).toEqual([
      {
        username: 'notice:police',
        role: 'system',
        action: 'CHANGE',
        fields: expect.arrayContaining(['rehab_episode', 'compulsory_rehab_dossier']),
      },
    ]);
    await expect(h.database.db.query('DELETE FROM person_merge_log WHERE notice_id = $1', [n.id])).rejects.toThrow(/append-only/);
    // The survivor's history now includes the compulsory episode: a new dossier is a repeat case.
    const later = await draft(h, { personId: survivor, startedOn: '2026-11-01' });
    expect(later.repeat).toBe(true);
  });

  it('refuses (typed, nothing changed) when both persons have an open episode', async () => {
    const a = await admitted(h);
    const b = await admitted(h);
    const before = await footprint(h);
    const code = await codeOf(
      deliver(
        notice('person.merged', {
          survivorId: await personOf('rehab_episode', a.id),
          duplicateId: await personOf('rehab_episode', b.id),
        }),
      ),
    );
    expect(code).toBe('CONFLICT');
    expect(await footprint(h)).toEqual(before);
  });

  it('refuses a malformed payload as bad input (not retried)', async () => {
    expect(await codeOf(deliver(notice('person.merged', { survivorId: 'x', duplicateId: randomUUID() })))).toBe('BAD_USER_INPUT');
    const same = randomUUID();
    expect(await codeOf(deliver(notice('person.merged', { survivorId: same, duplicateId: same })))).toBe('BAD_USER_INPUT');
  });
});

describe('residence.moved', () => {
  it('moves the open cases to the new commune: its officials act, the old commune no longer sees them', async () => {
    const episode = await admitted(h);
    const person = await personOf('rehab_episode', episode.id);
    await deliver(notice('residence.moved', { personId: person, toUnitCode: OTHER_COMMUNE }));
    const got = await ok(h, STAFF, `query($id: ID!) { rehabEpisode(id: $id) { residenceUnit { code } events { action } } }`, {
      id: episode.id,
    });
    expect(got).toMatchObject({ residenceUnit: { code: OTHER_COMMUNE } });
    expect((got.events as Row[]).at(-1)).toEqual({ action: 'RESIDENCE_MOVED' });
    const old = await runAs(h, COMMUNE_OFFICIAL, `query($id: ID!) { rehabEpisode(id: $id) { id } }`, { id: episode.id });
    expect(old.data?.rehabEpisode).toBeNull();
    const fresh = await runAs(
      h,
      { ...COMMUNE_OFFICIAL, unit: OTHER_COMMUNE },
      `query($id: ID!) { rehabEpisode(id: $id) { id } }`,
      { id: episode.id },
    );
    expect(fresh.data?.rehabEpisode).toEqual({ id: episode.id });
    // The closed dossier stays with the commune that compiled it.
    const dossier = await ok(
      h,
      COMMUNE_OFFICIAL,
      `query($id: ID!) { compulsoryRehabDossier(id: $id) { residenceUnit { code } } }`,
      { id: (episode.dossier as Row).id },
    );
    expect(dossier).toEqual({ residenceUnit: { code: COMMUNE } });
  });

  it('moves a pending dossier; the new commune submits it', async () => {
    const d = await draft(h);
    const person = await personOf('compulsory_rehab_dossier', d.id);
    await deliver(notice('residence.moved', { personId: person, toUnitCode: OTHER_COMMUNE }));
    const submitted = await ok(h, { ...COMMUNE_OFFICIAL, unit: OTHER_COMMUNE }, M.submit, {
      id: d.id,
      v: d.version,
      on: '2025-02-04',
    });
    expect(submitted.status).toBe('SUBMITTED');
  });

  it('refuses a move to something that is not a commune', async () => {
    expect(await codeOf(deliver(notice('residence.moved', { personId: randomUUID(), toUnitCode: '001' })))).toBe(
      'BAD_USER_INPUT',
    );
    expect(await codeOf(deliver(notice('residence.moved', { personId: randomUUID(), toUnitCode: 'NOPE' })))).toBe(
      'BAD_USER_INPUT',
    );
    expect(COMMUNE).not.toBe(OTHER_COMMUNE);
  });
});
