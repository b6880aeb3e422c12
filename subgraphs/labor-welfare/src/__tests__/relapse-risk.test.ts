import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import type { Notice } from '@rehab/server-kit';
import { generateDemoPopulation } from '@rehab/shared-schema';
import { noticeHandlers } from '../notice-handlers';
import { openHarness, type Harness } from './harness';

/** support.relapse-risk from volunteers: the person's open post-rehab case is flagged in its history. */
let h: Harness;

beforeAll(async () => {
  h = await openHarness(generateDemoPopulation({ persons: 300 }));
  // Starts the server, so the harness can stop it after the handler-only tests.
  await h.run('{ __typename }', {}, 'supervisor');
});
afterAll(async () => {
  await h.close();
});

function notice(payload: unknown): Notice {
  return {
    id: randomUUID(),
    topic: 'support.relapse-risk',
    source: 'volunteers',
    destination: 'labor-welfare',
    payload,
    createdAt: new Date().toISOString(),
  };
}

async function deliver(n: Notice): Promise<void> {
  const handler = noticeHandlers[n.topic];
  if (!handler) throw new Error(`no handler for ${n.topic}`);
  await h.database.db.transaction((manager) => handler(manager, n));
}

const flags = (personId: string) =>
  h.database.db.query<Record<string, unknown>[]>(
    `SELECT entity_type, from_status, to_status, occurred_on::text AS on, note, details
  FROM case_event WHERE person_id = $1 AND action = 'RELAPSE_RISK_REPORTED'`,
    [personId],
  );

describe('support.relapse-risk', () => {
  it('flags the open post-rehab case once per notice, keeping its status, audited', async () => {
    const [open] = await h.database.db.query<[{ id: string; person_id: string; status: string }]>(
      `SELECT id, person_id, status FROM post_rehab_case WHERE status = 'UNDER_MANAGEMENT' LIMIT 1`,
    );
    const assignmentId = randomUUID();
    const n = notice({ personId: open.person_id, assignmentId, observedOn: '2026-09-02', note: 'Có dấu hiệu sử dụng lại' });
    await deliver(n);
    expect(await flags(open.person_id)).toEqual([
      {
        entity_type: 'POST_REHAB',
        from_status: 'UNDER_MANAGEMENT',
        to_status: 'UNDER_MANAGEMENT',
        on: '2026-09-02',
        note: 'Có dấu hiệu sử dụng lại',
        details: { assignmentId },
      },
    ]);
    const [after] = await h.database.db.query<[{ status: string }]>('SELECT status FROM post_rehab_case WHERE id = $1', [
      open.id,
    ]);
    expect(after.status).toBe('UNDER_MANAGEMENT');
    const audit = await h.database.db.query('SELECT username, fields FROM audit_log WHERE request_id = $1', [n.id]);
    expect(audit).toEqual([{ username: 'notice:volunteers', fields: ['events'] }]);
  });

  it('changes nothing for a person without an open case', async () => {
    const person = randomUUID();
    await deliver(notice({ personId: person, assignmentId: randomUUID(), observedOn: '2026-09-02' }));
    expect(await flags(person)).toEqual([]);
  });

  it('refuses a malformed notice for good', async () => {
    for (const payload of [
      { personId: 'x', assignmentId: randomUUID(), observedOn: '2026-09-02' },
      { personId: randomUUID(), assignmentId: randomUUID(), observedOn: 'tomorrow' },
    ]) {
      let code: unknown = 'no error';
      try {
        await deliver(notice(payload));
      } catch (e) {
        code = e instanceof GraphQLError ? e.extensions.code : 'untyped';
      }
      expect({ payload, code }).toEqual({ payload, code: 'BAD_USER_INPUT' });
    }
  });
});
