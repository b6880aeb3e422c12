import type { DataSource } from 'typeorm';
import { AuditWriter, type AuditRow } from '../audit/writer';

const row = (requestId: string, username = 'canbo'): AuditRow => ({
  userId: 'u1',
  username,
  agency: 'police',
  role: 'police_officer',
  unitCode: '00004',
  action: 'READ',
  personId: null,
  entityType: 'Person',
  fields: ['fullName'],
  purpose: 'case-work',
  requestId,
});

/** A database that takes `ms` per statement, records the request ids of each, and refuses any holding a too-long username. */
function slowDatabase(ms: number): { db: DataSource; statements: string[][] } {
  const statements: string[][] = [];
  const query = async (_sql: string, [json]: [string]) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    const rows = JSON.parse(json) as AuditRow[];
    if (rows.some((r) => r.username.length > 64)) throw new Error('value too long for type character varying(64)');
    statements.push(rows.map((r) => r.requestId));
  };
  return { db: { query } as unknown as DataSource, statements };
}

describe('audit writer (group commit)', () => {
  it('writes a lone request at once, and the requests arriving meanwhile together in the next statement', async () => {
    const { db, statements } = slowDatabase(20);
    const writer = new AuditWriter(db);
    const first = writer.write([row('r1')]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const rest = Array.from({ length: 10 }, (_v, i) => writer.write([row(`r${i + 2}`), row(`r${i + 2}`)]));
    await Promise.all([first, ...rest]);
    expect(statements[0]).toEqual(['r1']);
    expect(statements).toHaveLength(2);
    expect(statements[1]).toHaveLength(20);
  });

  it('refuses only the request whose rows cannot be written; the others of its batch are written', async () => {
    const { db, statements } = slowDatabase(10);
    const writer = new AuditWriter(db);
    const busy = writer.write([row('r0')]);
    const good = writer.write([row('r1')]);
    const bad = writer.write([row('r2', 'x'.repeat(65))]);
    const alsoGood = writer.write([row('r3')]);
    await busy;
    await expect(good).resolves.toBeUndefined();
    await expect(bad).rejects.toThrow('too long');
    await expect(alsoGood).resolves.toBeUndefined();
    expect(statements.flat().sort()).toEqual(['r0', 'r1', 'r3']);
  });

  it('writes nothing for a request without rows', async () => {
    const { db, statements } = slowDatabase(1);
    await new AuditWriter(db).write([]);
    expect(statements).toHaveLength(0);
  });
});
