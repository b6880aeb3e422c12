import type { MigrationInterface, QueryRunner } from 'typeorm';
import { LEGACY_GENERATED_UNITS, LEGAL_RULES } from '@rehab/shared-schema';
import type { SqlRunner } from './bulk';

/** The rules of the first release; later rows come with AdoptRealUnits1764700000000. */
const FIRST_LEGAL_RULES = LEGAL_RULES.filter((r) => r.batch === 1);

/** Multi-row INSERT of plain rows, in chunks (one statement per chunk). */
export async function insertRows(
  runner: SqlRunner,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  chunkSize = 1000,
): Promise<void> {
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    const params: unknown[] = [];
    const tuples = chunk.map(
      (row) =>
        `(${row
          .map((value) => {
            params.push(value);
            return `$${params.length}`;
          })
          .join(', ')})`,
    );
    await runner.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}

/**
 * Creates and fills the reference tables (administrative units, legal rules) as they were
 * first released: Hà Nội with generated communes, replaced by the real tree in
 * AdoptRealUnits1764700000000. Frozen: it must keep doing what it did.
 */
export class CreateReferenceData1763800000000 implements MigrationInterface {
  name = 'CreateReferenceData1763800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE administrative_unit (
      code varchar(16) PRIMARY KEY, name varchar(200) NOT NULL, level varchar(16) NOT NULL,
      parent_code varchar(16) REFERENCES administrative_unit(code), path varchar(200) NOT NULL,
      valid_from date NOT NULL, valid_to date)`);
    await runner.query('CREATE INDEX administrative_unit_parent ON administrative_unit (parent_code)');
    await runner.query('CREATE INDEX administrative_unit_path ON administrative_unit (path text_pattern_ops)');
    await runner.query(`CREATE TABLE legal_rule (
      id serial PRIMARY KEY, code varchar(64) NOT NULL, description text NOT NULL, value integer NOT NULL,
      unit varchar(16) NOT NULL, effective_from date NOT NULL, effective_to date, legal_basis text NOT NULL)`);
    await insertRows(
      runner,
      'administrative_unit',
      ['code', 'name', 'level', 'parent_code', 'path', 'valid_from', 'valid_to'],
      LEGACY_GENERATED_UNITS.map((u) => [u.code, u.name, u.level, u.parentCode, u.path, u.validFrom, u.validTo]),
    );
    await insertRows(
      runner,
      'legal_rule',
      ['code', 'description', 'value', 'unit', 'effective_from', 'effective_to', 'legal_basis'],
      FIRST_LEGAL_RULES.map((r) => [r.code, r.description, r.value, r.unit, r.effectiveFrom, r.effectiveTo, r.legalBasis]),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE legal_rule');
    await runner.query('DROP TABLE administrative_unit');
  }
}
