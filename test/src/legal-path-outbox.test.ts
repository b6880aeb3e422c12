/**
 * Completion notices go through labour-welfare's outbox: with the police subgraph
 * stopped, a facility completes an episode (nothing is lost: the notice waits in the
 * outbox, retried); when police are back it is delivered, and it takes effect exactly
 * once, even when the sender delivers it again.
 */
import type { InProcessSystem } from '@rehab/ops';
import { demoEpisodeId } from '@rehab/labor-welfare';
import { population, startTestSystem } from './fixtures';
import { call, eventually, type Caller } from './legal-path-support';

let system: InProcessSystem;
let facility: Caller;

beforeAll(async () => {
  system = await startTestSystem();
  facility = { system, token: await system.login('cscn1') };
});

afterAll(async () => {
  await system.stop();
});

const labourDb = () => system.dbs.subgraph('labor-welfare').db;
const policeDb = () => system.dbs.subgraph('police').db;

interface OutboxRow {
  id: string;
  attempts: number;
  delivered_at: Date | null;
  failed_at: Date | null;
}

const outboxRow = async (episodeId: string): Promise<OutboxRow | undefined> =>
  (
    await labourDb().query<OutboxRow[]>(
      `SELECT id, attempts, delivered_at, failed_at FROM outbox_notice WHERE topic = 'rehab.completed' AND payload->>'episodeId' = $1`,
      [episodeId],
    )
  )[0];

const atPolice = async (episodeId: string): Promise<{ inbox: number; notices: number }> => {
  const [row] = await policeDb().query<[{ inbox: number; notices: number }]>(
    `SELECT
    (SELECT count(*) FROM inbox_notice WHERE topic = 'rehab.completed' AND payload->>'episodeId' = $1::text)::int AS inbox,
    (SELECT count(*) FROM rehab_completion_notice WHERE episode_id = $1::uuid)::int AS notices`,
    [episodeId],
  );
  return row;
};

describe('the completion notice through the outbox', () => {
  it('survives a police outage and takes effect exactly once', async () => {
    const resident = population.find((p) => p.rehab?.facilityCode === 'CSCN1' && p.rehab.status === 'ADMITTED');
    if (!resident) throw new Error('no resident of CSCN1 in the demo population');
    const episodeId = demoEpisodeId(resident.id);

    await system.stopSubgraph('police');
    const done = await call<{ completeRehabEpisode: { status: string } }>(
      facility,
      `mutation($id: ID!) { completeRehabEpisode(id: $id,
      expectedVersion: 1, completedOn: "2026-10-31", certificateNumber: "501/GCN-CSCN1") { status } }`,
      { id: episodeId },
    );
    expect(done.completeRehabEpisode.status).toBe('COMPLETED');

    // The dispatcher tries, fails, and keeps the notice.
    const waiting = await eventually(
      'a failed delivery attempt',
      () => outboxRow(episodeId),
      (r) => r !== undefined && r.attempts >= 1 && r.delivered_at === null && r.failed_at === null,
    );
    expect(await atPolice(episodeId)).toEqual({ inbox: 0, notices: 0 });

    await system.startSubgraph('police');
    system.subgraphs.get('labor-welfare')?.outbox?.wake();
    await eventually(
      'the delivery after the restart',
      () => outboxRow(episodeId),
      (r) => r?.delivered_at !== null,
    );
    expect(await atPolice(episodeId)).toEqual({ inbox: 1, notices: 1 });

    // A second delivery of the same notice (say the acknowledgement was lost) changes nothing.
    await labourDb().query('UPDATE outbox_notice SET delivered_at = NULL, next_attempt_at = now() WHERE id = $1', [waiting?.id]);
    system.subgraphs.get('labor-welfare')?.outbox?.wake();
    await eventually(
      'the second delivery',
      () => outboxRow(episodeId),
      (r) => r?.delivered_at !== null,
    );
    expect(await atPolice(episodeId)).toEqual({ inbox: 1, notices: 1 });
    const [row] = await labourDb().query<[{ failed_at: Date | null; last_error: string | null }]>(
      'SELECT failed_at, last_error FROM outbox_notice WHERE id = $1',
      [waiting?.id],
    );
    expect(row.failed_at).toBeNull();

    // The commune police see it once on their worklist.
    const police = { system, token: await system.login('congan.hanoi') };
    const list = await call<{ rehabCompletionNotices: { nodes: { episodeId: string; certificateNumber: string }[] } }>(
      police,
      'query { rehabCompletionNotices(acknowledged: false, first: 200) { nodes { episodeId certificateNumber } } }',
    );
    expect(list.rehabCompletionNotices.nodes.filter((n) => n.episodeId === episodeId)).toEqual([
      { episodeId, certificateNumber: '501/GCN-CSCN1' },
    ]);
  });
});
