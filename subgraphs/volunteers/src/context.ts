import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { groupedLoader, keyedLoader, pathScope, unitLookup, type UnitLookup, type SubgraphContext } from '@rehab/server-kit';
import type { Caller } from '@rehab/shared-schema';
import { OrganisationChapterEntity } from './entities/OrganisationChapter';
import { PersonAtRiskEntity, PreventionServiceEntity } from './entities/PersonAtRisk';
import { VolunteerAssignmentEntity } from './entities/VolunteerAssignment';
import { VolunteerTrainingEntity } from './entities/VolunteerTraining';
import { assignmentScope } from './scope';

export interface VolunteersLoaders {
  /**
   * Assignments per person id, newest first, each with its volunteer and organisation
   * (one statement per batch), limited to the caller's unit subtree.
   */
  assignmentsByPerson: DataLoader<string, VolunteerAssignmentEntity[]>;
  unitByCode: UnitLookup;
  /** Training courses per volunteer id, oldest first (one statement per batch). */
  trainingsByVolunteer: DataLoader<string, VolunteerTrainingEntity[]>;
  /** A chapter with its organisation, by id (chapters are reached through visible volunteers or the scoped list). */
  chapterById: DataLoader<string, OrganisationChapterEntity | null>;
  /** Prevention services per entry of a prevention list, oldest first. */
  servicesByEntry: DataLoader<string, PreventionServiceEntity[]>;
  /**
   * Prevention services per registry person, newest first: given directly or while on a list
   * (the entry linked to them), within the caller's scope; each carries the person for the audit.
   */
  preventionByPerson: DataLoader<string, PreventionServiceEntity[]>;
  /** The prevention list's entry linked to a registry person, within the caller's scope. */
  preventionEntryByPerson: DataLoader<string, PersonAtRiskEntity | null>;
  /** Active volunteers per chapter id. */
  activeVolunteerCountByChapter: DataLoader<string, number>;
}

export type Context = SubgraphContext<VolunteersLoaders>;

export function createLoaders(db: DataSource, caller: Caller): VolunteersLoaders {
  return {
    assignmentsByPerson: groupedLoader(
      async (personIds) => {
        const scope = assignmentScope('a', caller);
        return db
          .getRepository(VolunteerAssignmentEntity)
          .createQueryBuilder('a')
          .innerJoinAndSelect('a.volunteer', 'v')
          .innerJoinAndSelect('v.organisation', 'o')
          .where('a.person_id IN (:...personIds)', { personIds })
          .andWhere(scope.sql, scope.params)
          .orderBy('a.started_on', 'DESC')
          .addOrderBy('a.id', 'ASC')
          .getMany();
      },
      (a) => a.personId,
    ),
    unitByCode: unitLookup(),
    servicesByEntry: groupedLoader(
      (ids) =>
        db
          .getRepository(PreventionServiceEntity)
          .createQueryBuilder('s')
          .where('s.person_at_risk_id IN (:...ids)', { ids })
          .orderBy('s.provided_on')
          .addOrderBy('s.id')
          .getMany(),
      (s) => s.personAtRiskId ?? '',
    ),
    preventionEntryByPerson: keyedLoader(
      (personIds) => {
        const scope = pathScope('p.owner_unit_path', caller);
        return db
          .getRepository(PersonAtRiskEntity)
          .createQueryBuilder('p')
          .where('p.person_id IN (:...personIds)', { personIds })
          .andWhere(scope.sql, scope.params)
          .getMany();
      },
      (p) => p.personId ?? '',
    ),
    preventionByPerson: groupedLoader(
      async (personIds) => {
        const scope = pathScope('s.owner_unit_path', caller);
        const { entities, raw } = await db
          .getRepository(PreventionServiceEntity)
          .createQueryBuilder('s')
          .leftJoin(PersonAtRiskEntity, 'p', 'p.id = s.person_at_risk_id')
          .addSelect('coalesce(s.person_id, p.person_id)', 'for_person')
          .where('(s.person_id IN (:...personIds) OR p.person_id IN (:...personIds))', { personIds })
          .andWhere(scope.sql, scope.params)
          .orderBy('s.provided_on', 'DESC')
          .addOrderBy('s.id', 'ASC')
          .getRawAndEntities<{ for_person: string }>();
        return entities.map((s, i) => Object.assign(s, { personId: raw[i]?.for_person ?? s.personId }));
      },
      (s) => s.personId ?? '',
    ),
    trainingsByVolunteer: groupedLoader(
      (ids) =>
        db
          .getRepository(VolunteerTrainingEntity)
          .createQueryBuilder('t')
          .where('t.volunteer_id IN (:...ids)', { ids })
          .orderBy('t.started_on')
          .addOrderBy('t.id')
          .getMany(),
      (t) => t.volunteerId,
    ),
    chapterById: keyedLoader(
      (ids) =>
        db
          .getRepository(OrganisationChapterEntity)
          .createQueryBuilder('c')
          .innerJoinAndSelect('c.organisation', 'o')
          .where('c.id IN (:...ids)', { ids })
          .getMany(),
      (c) => c.id,
    ),
    activeVolunteerCountByChapter: new DataLoader(async (ids: readonly string[]) => {
      const rows = await db.query<{ chapter_id: string; n: number }[]>(
        `SELECT chapter_id, count(*)::int AS n FROM volunteer WHERE active AND chapter_id = ANY ($1::uuid[])
        GROUP BY chapter_id`,
        [ids],
      );
      const counts = new Map(rows.map((r) => [r.chapter_id, r.n]));
      return ids.map((id) => counts.get(id) ?? 0);
    }),
  };
}
