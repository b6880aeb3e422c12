import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { groupedLoader, keyedLoader, unitLookup, type UnitLookup, type SubgraphContext } from '@rehab/server-kit';
import type { Caller } from '@rehab/shared-schema';
import { OrganisationChapterEntity } from './entities/OrganisationChapter';
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
