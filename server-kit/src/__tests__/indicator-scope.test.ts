import { randomUUID } from 'node:crypto';
import { unitAt, type IndicatorDefinitionRecord, type IndicatorValueKey, type PeriodRecord } from '@rehab/shared-schema';
import type { DataSource } from 'typeorm';
import { runMeasureBranches } from '../indicators';
import { createSubgraphDataSource } from '../subgraph-database';
import { openTestDatabase, type TestDatabase } from '../testing';
import { splitPredecessor, wholePredecessor } from '../testing-units';

/** WITHIN(column, person) against the real unit tree: whole predecessors and assigned persons of split ones. */
const BRANCH = `SELECT r.i, count(x.id)::int AS numerator, NULL::int AS denominator, NULL::text[] AS person_keys
  FROM req r LEFT JOIN probe_record x ON WITHIN(x.owner_unit_path, x.person_id) WHERE r.code = 'PROBE' GROUP BY r.i`;

const WARD = '00004'; // Phường Ba Đình: took in Trúc Bạch whole, and part of split communes.

describe('indicator scope across the 2025 reform', () => {
  let database: TestDatabase;
  let db: DataSource;
  const split = splitPredecessor(WARD);
  const assignedHere = randomUUID();
  const assignedElsewhere = randomUUID();
  const unassigned = randomUUID();

  beforeAll(async () => {
    database = await openTestDatabase('police', (env) =>
      createSubgraphDataSource('police', { entities: [], migrations: [] }, env),
    );
    db = await database.owner();
    await db.query(
      'CREATE TABLE probe_record (id uuid PRIMARY KEY, person_id uuid NOT NULL, owner_unit_path varchar(200) NOT NULL)',
    );
    const wholeOld = wholePredecessor(WARD);
    const rows: [string, string][] = [
      [randomUUID(), `01.${WARD}`],
      [randomUUID(), wholeOld],
      [assignedHere, split.path],
      [assignedElsewhere, split.path],
      [unassigned, split.path],
    ];
    for (const [person, path] of rows)
      await db.query('INSERT INTO probe_record VALUES ($1, $2, $3)', [randomUUID(), person, path]);
    const heirPath = unitAt(split.otherHeir)!.path;
    await db.query(
      `INSERT INTO person_unit_assignment (person_id, from_unit_path, to_unit_code, to_unit_path, assigned_on)
      VALUES ($1, $2, $3, $4, '2026-01-01'), ($5, $2, $6, $7, '2026-01-01')`,
      [assignedHere, split.path, WARD, `01.${WARD}`, assignedElsewhere, split.otherHeir, heirPath],
    );
  });
  afterAll(async () => database.close());

  const key = (code: string): IndicatorValueKey => ({
    planId: randomUUID(),
    indicator: { code: 'PROBE' } as IndicatorDefinitionRecord,
    unit: unitAt(code)!,
    period: { kind: 'YEAR', year: 2026, number: 1, from: '2026-01-01', to: '2026-12-31' } as PeriodRecord,
  });

  it("counts the ward's own records, its whole predecessor's and the split commune's persons assigned to it", async () => {
    const measured = await runMeasureBranches(db, { PROBE: BRANCH }, [key(WARD), key(split.otherHeir), key('01')]);
    expect(measured.get(0)?.numerator).toBe(3);
    // The other heir counts only the person assigned to it; the unassigned one counts for neither ward.
    expect(measured.get(1)?.numerator).toBe(1);
    // The city counts everything once.
    expect(measured.get(2)?.numerator).toBe(5);
  });
});
