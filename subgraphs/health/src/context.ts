import { PSYCHOSIS_COLUMNS, toPsychosis, type PsychosisRecord, type PsychosisRow } from './records-psychosis';
import type DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { groupedLoader, keyedLoader, pathScope, unitLookup, type UnitLookup, type SubgraphContext } from '@rehab/server-kit';
import type { Caller } from '@rehab/shared-schema';
import { AddictionDeterminationEntity } from './entities/AddictionDetermination';
import { AddictionDeterminationRequestEntity } from './entities/AddictionDeterminationRequest';
import { ClinicEntity } from './entities/Clinic';
import { DispensingPointEntity } from './entities/DispensingPoint';
import { SubstitutionTreatmentEntity } from './entities/SubstitutionTreatment';
import {
  DOSE_COLUMNS,
  EXAMINATION_COLUMNS,
  INFECTION_COLUMNS,
  SCREENING_COLUMNS,
  URINE_COLUMNS,
  toDose,
  toExamination,
  toInfection,
  toScreening,
  toUrineTest,
  type DoseRecord,
  type ExaminationRecord,
  type DrugUseScreeningRecord,
  type InfectionStatusRecord,
  type UrineTestRecord,
} from './records';

export interface HealthLoaders {
  /** A person's addiction determinations owned within the caller's unit subtree, newest first. */
  determinationsByPerson: DataLoader<string, AddictionDeterminationEntity[]>;
  /** A person's determination requests made within the caller's unit subtree, newest first. */
  requestsByPerson: DataLoader<string, AddictionDeterminationRequestEntity[]>;
  /** A person's current (active, else latest) enrolment whose clinic or residence is in the caller's subtree. */
  treatmentByPerson: DataLoader<string, SubstitutionTreatmentEntity | null>;
  /** Clinics by code (reference data, not scoped). */
  clinicByCode: DataLoader<string, ClinicEntity | null>;
  dispensingPointByCode: DataLoader<string, DispensingPointEntity | null>;
  dispensingPointsByClinic: DataLoader<string, DispensingPointEntity[]>;
  unitByCode: UnitLookup;
  /** A person's examinations made by facilities within the caller's unit, newest first. */
  examinationsByPerson: DataLoader<string, ExaminationRecord[]>;
  /** A person's latest 90 doses at clinics within the caller's unit, newest first. */
  dosesByPerson: DataLoader<string, DoseRecord[]>;
  /** A person's urine tests recorded within the caller's unit, newest first. */
  urineTestsByPerson: DataLoader<string, UrineTestRecord[]>;
  /** A person's drug-use screenings recorded within the caller's unit, newest first. */
  screeningsByPerson: DataLoader<string, DrugUseScreeningRecord[]>;
  /** A person's drug-induced psychosis records made within the caller's unit, newest first. */
  psychosesByPerson: DataLoader<string, PsychosisRecord[]>;
  /** A person's latest HIV/hepatitis result recorded within the caller's unit. */
  infectionByPerson: DataLoader<string, InfectionStatusRecord | null>;
  /** The determination answering a request (scoped like the request: the requesting unit). */
  determinationByRequest: DataLoader<string, AddictionDeterminationEntity | null>;
  determinationById: DataLoader<string, AddictionDeterminationEntity | null>;
}

/** Rows of `table` for persons `ids` within the caller's unit (owner_unit_path), newest first by `orderBy`. */
function scopedRows(
  db: DataSource,
  caller: Caller,
  table: string,
  columns: string,
  ids: readonly string[],
  orderBy: string,
  perPerson?: number,
): Promise<Record<string, unknown>[]> {
  const scope = pathScope('x.owner_unit_path', caller);
  const selected = columns
    .split(', ')
    .map((c) => (c.includes(' AS ') ? c.replace(/^(\w+)/, 'x.$1') : `x.${c}`))
    .join(', ');
  const rows = db.createQueryBuilder().select(selected).from(table, 'x');
  if (perPerson === undefined) {
    const [sql, params] = rows
      .where('x.person_id IN (:...ids)', { ids })
      .andWhere(scope.sql, scope.params)
      .getQueryAndParameters();
    return db.query<Record<string, unknown>[]>(`${sql} ORDER BY x.person_id, x.${orderBy} DESC, x.id DESC`, params);
  }
  // Each person's latest rows straight from the (person_id, orderBy DESC) index: a year of
  // daily doses costs the rows shown, not the whole year sorted.
  const [latest, params] = rows
    .where('x.person_id = q.person_id')
    .andWhere(scope.sql, scope.params)
    .orderBy(`x.${orderBy}`, 'DESC')
    .addOrderBy('x.id', 'DESC')
    .limit(Math.trunc(perPerson))
    .getQueryAndParameters();
  const values: unknown[] = params;
  return db.query<Record<string, unknown>[]>(
    `SELECT r.* FROM unnest(CAST($${String(values.length + 1)} AS uuid[])) AS q(person_id) CROSS JOIN LATERAL (${latest}) r
      ORDER BY r.person_id, r.${orderBy} DESC, r.id DESC`,
    [...values, [...ids]],
  );
}

export type Context = SubgraphContext<HealthLoaders>;

/**
 * Scope of records owned by a commune (requests, determinations, a treatment's residence):
 * a split pre-reform commune's records follow their person to the new commune assigned.
 */
const communeScope = (alias: string, column: string, caller: Caller) =>
  pathScope(`${alias}.${column}`, caller, { personColumn: `${alias}.person_id` });

export function createLoaders(db: DataSource, caller: Caller): HealthLoaders {
  return {
    determinationsByPerson: groupedLoader(
      async (ids) => {
        const scope = communeScope('d', 'owner_unit_path', caller);
        return db
          .getRepository(AddictionDeterminationEntity)
          .createQueryBuilder('d')
          .where('d.person_id IN (:...ids)', { ids })
          .andWhere(scope.sql, scope.params)
          .orderBy('d.examined_on', 'DESC')
          .addOrderBy('d.id', 'DESC')
          .getMany();
      },
      (d) => d.personId,
    ),

    requestsByPerson: groupedLoader(
      async (ids) => {
        const scope = communeScope('r', 'owner_unit_path', caller);
        return db
          .getRepository(AddictionDeterminationRequestEntity)
          .createQueryBuilder('r')
          .where('r.person_id IN (:...ids)', { ids })
          .andWhere(scope.sql, scope.params)
          .orderBy('r.requested_at', 'DESC')
          .addOrderBy('r.id', 'DESC')
          .getMany();
      },
      (r) => r.personId,
    ),

    treatmentByPerson: keyedLoader(
      async (ids) => {
        const byClinic = pathScope('t.owner_unit_path', caller);
        const byResidence = communeScope('t', 'residence_unit_path', caller);
        // One row per person: the active enrolment, else the latest one.
        return db
          .getRepository(SubstitutionTreatmentEntity)
          .createQueryBuilder('t')
          .distinctOn(['t.person_id'])
          .where('t.person_id IN (:...ids)', { ids })
          .andWhere(`(${byClinic.sql} OR ${byResidence.sql})`, { ...byClinic.params, ...byResidence.params })
          .orderBy('t.person_id', 'ASC')
          .addOrderBy(`CASE WHEN t.status = 'ACTIVE' THEN 0 ELSE 1 END`, 'ASC')
          .addOrderBy('t.enrolled_on', 'DESC')
          .addOrderBy('t.id', 'DESC')
          .getMany();
      },
      (t) => t.personId,
    ),

    clinicByCode: keyedLoader(
      (codes) => db.getRepository(ClinicEntity).createQueryBuilder('c').where('c.code IN (:...codes)', { codes }).getMany(),
      (c) => c.code,
    ),

    dispensingPointByCode: keyedLoader(
      (codes) =>
        db.getRepository(DispensingPointEntity).createQueryBuilder('p').where('p.code IN (:...codes)', { codes }).getMany(),
      (p) => p.code,
    ),
    dispensingPointsByClinic: groupedLoader(
      (codes) =>
        db
          .getRepository(DispensingPointEntity)
          .createQueryBuilder('p')
          .where('p.clinic_code IN (:...codes)', { codes })
          .orderBy('p.code')
          .getMany(),
      (p) => p.clinicCode,
    ),

    unitByCode: unitLookup(),

    examinationsByPerson: groupedLoader(
      async (ids) =>
        (await scopedRows(db, caller, 'addiction_examination', EXAMINATION_COLUMNS, ids, 'examined_on')).map((r) =>
          toExamination(r as unknown as Parameters<typeof toExamination>[0]),
        ),
      (e) => e.personId,
    ),
    dosesByPerson: groupedLoader(
      async (ids) =>
        (await scopedRows(db, caller, 'dose', DOSE_COLUMNS, ids, 'dose_date', 90)).map((r) =>
          toDose(r as unknown as Parameters<typeof toDose>[0]),
        ),
      (d) => d.personId,
    ),
    urineTestsByPerson: groupedLoader(
      async (ids) =>
        (await scopedRows(db, caller, 'urine_test', URINE_COLUMNS, ids, 'tested_on')).map((r) =>
          toUrineTest(r as unknown as Parameters<typeof toUrineTest>[0]),
        ),
      (u) => u.personId,
    ),
    screeningsByPerson: groupedLoader(
      async (ids) =>
        (await scopedRows(db, caller, 'drug_use_screening', SCREENING_COLUMNS, ids, 'screened_on')).map((r) =>
          toScreening(r as unknown as Parameters<typeof toScreening>[0]),
        ),
      (s) => s.personId,
    ),
    psychosesByPerson: groupedLoader(
      async (ids) =>
        (await scopedRows(db, caller, 'drug_induced_psychosis', PSYCHOSIS_COLUMNS, ids, 'diagnosed_on')).map((r) =>
          toPsychosis(r as unknown as PsychosisRow),
        ),
      (p) => p.personId,
    ),
    infectionByPerson: keyedLoader(
      async (ids) =>
        (await scopedRows(db, caller, 'infection_status', INFECTION_COLUMNS, ids, 'tested_on', 1)).map((r) =>
          toInfection(r as unknown as Parameters<typeof toInfection>[0]),
        ),
      (i) => i.personId,
    ),
    determinationByRequest: keyedLoader(
      async (ids) => {
        const scope = communeScope('d', 'owner_unit_path', caller);
        return db
          .getRepository(AddictionDeterminationEntity)
          .createQueryBuilder('d')
          .where('d.request_id IN (:...ids)', { ids })
          .andWhere(scope.sql, scope.params)
          .getMany();
      },
      (d) => d.requestId ?? '',
    ),
    determinationById: keyedLoader(
      (ids) =>
        db.getRepository(AddictionDeterminationEntity).createQueryBuilder('d').where('d.id IN (:...ids)', { ids }).getMany(),
      (d) => d.id,
    ),
  };
}
