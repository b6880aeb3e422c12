import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { groupedLoader, keyedLoader, unitLookup, type UnitLookup, type SubgraphContext } from '@rehab/server-kit';
import type { Caller, LegalRuleRecord } from '@rehab/shared-schema';
import { CaseEventEntity } from './entities/CaseEvent';
import { CommunityRehabPlanEntity } from './entities/CommunityRehabPlan';
import { ResidentExtractionEntity } from './entities/ResidentExtraction';
import { FacilityAreaEntity } from './entities/FacilityArea';
import { FacilityLicenceEntity } from './entities/FacilityLicence';
import { CompulsoryRehabDossierEntity } from './entities/CompulsoryRehabDossier';
import { FacilityEntity } from './entities/Facility';
import { PlanEntity } from './entities/Plan';
import { PostRehabCaseEntity } from './entities/PostRehabCase';
import { PostRehabDrugUseEntity } from './entities/PostRehabDrugUse';
import { RehabEpisodeEntity } from './entities/RehabEpisode';
import { ReintegrationSupportEntity } from './entities/ReintegrationSupport';
import { ServiceProviderEntity } from './entities/ServiceProvider';
import { OPEN_EPISODE_STATUSES } from './rules/episode';
import { loadLegalRules } from './rules-table';
import { dossierScope, episodeScope, ownerScope } from './scope';

export { episodeScope } from './scope';

/** Open episodes of one facility by kind. */
export interface FacilityOccupancyCounts {
  facilityCode: string;
  compulsory: number;
  voluntary: number;
  /** Of them, those not placed in an area. */
  withoutArea: number;
}

export interface LaborWelfareLoaders {
  /** A person's rehab episodes, newest first, limited to the caller's scope (facility or residence). */
  rehabEpisodesByPerson: DataLoader<string, RehabEpisodeEntity[]>;
  /** Episodes by id, within the caller's scope. */
  rehabEpisodeById: DataLoader<string, RehabEpisodeEntity | null>;
  /** A person's dossiers, newest first, within the caller's scope (commune, named or holding facility). */
  dossiersByPerson: DataLoader<string, CompulsoryRehabDossierEntity[]>;
  dossierById: DataLoader<string, CompulsoryRehabDossierEntity | null>;
  /** A person's post-rehab cases, newest first, within the caller's scope (residence commune). */
  postRehabCasesByPerson: DataLoader<string, PostRehabCaseEntity[]>;
  postRehabCaseById: DataLoader<string, PostRehabCaseEntity | null>;
  postRehabCaseByEpisode: DataLoader<string, PostRehabCaseEntity | null>;
  /** Drug uses recorded on a case, newest first (reached through the case, already in scope). */
  drugUsesByCase: DataLoader<string, PostRehabDrugUseEntity[]>;
  /** The individual plan of a rehab at home/community (reached through the episode, already in scope). */
  communityPlanByEpisode: DataLoader<string, CommunityRehabPlanEntity | null>;
  /** Extraction requests of an episode, newest first (reached through the episode, already in scope). */
  extractionsByEpisode: DataLoader<string, ResidentExtractionEntity[]>;
  /** Areas of a facility by name, and areas by id (reference data of facilities, not scoped). */
  areasByFacility: DataLoader<string, FacilityAreaEntity[]>;
  areaById: DataLoader<string, FacilityAreaEntity | null>;
  /** A facility's licences, newest first (a public register, not scoped). */
  licencesByFacility: DataLoader<string, FacilityLicenceEntity[]>;
  /** Residents placed in an area now (a count, not personal data). */
  occupancyByArea: DataLoader<string, number>;
  reintegrationSupportsByPerson: DataLoader<string, ReintegrationSupportEntity[]>;
  /** History of a dossier, episode or post-rehab case (the parent was already scope-checked). */
  eventsByEntity: DataLoader<string, CaseEventEntity[]>;
  /** Facilities by code (reference data, not scoped). */
  facilityByCode: DataLoader<string, FacilityEntity | null>;
  /** Occupancy by facility code (aggregates, not personal data). */
  occupancyByFacility: DataLoader<string, FacilityOccupancyCounts>;
  serviceProviderById: DataLoader<string, ServiceProviderEntity | null>;
  unitByCode: UnitLookup;
  /** Plans by id (not personal data, not scoped). */
  planById: DataLoader<string, PlanEntity | null>;
  /** The rules table, read once per request. */
  legalRules: () => Promise<LegalRuleRecord[]>;
}

export type Context = SubgraphContext<LaborWelfareLoaders>;

export function createLoaders(db: DataSource, caller: Caller): LaborWelfareLoaders {
  const episodes = () => {
    const scope = episodeScope('e', caller);
    return db.getRepository(RehabEpisodeEntity).createQueryBuilder('e').where(scope.sql, scope.params);
  };
  const dossiers = () => {
    const scope = dossierScope('d', caller);
    return db.getRepository(CompulsoryRehabDossierEntity).createQueryBuilder('d').where(scope.sql, scope.params);
  };
  const postRehab = () => {
    const scope = ownerScope('c', caller);
    return db.getRepository(PostRehabCaseEntity).createQueryBuilder('c').where(scope.sql, scope.params);
  };
  let rules: Promise<LegalRuleRecord[]> | undefined;
  return {
    legalRules: () => (rules ??= loadLegalRules(db.manager)),
    rehabEpisodesByPerson: groupedLoader(
      (personIds) =>
        episodes()
          .andWhere('e.person_id IN (:...personIds)', { personIds })
          .orderBy('e.admitted_on', 'DESC')
          .addOrderBy('e.id', 'DESC')
          .getMany(),
      (e) => e.personId,
    ),
    rehabEpisodeById: keyedLoader(
      (ids) => episodes().andWhere('e.id IN (:...ids)', { ids }).getMany(),
      (e) => e.id,
    ),
    dossiersByPerson: groupedLoader(
      (personIds) =>
        dossiers()
          .andWhere('d.person_id IN (:...personIds)', { personIds })
          .orderBy('d.started_on', 'DESC')
          .addOrderBy('d.id', 'DESC')
          .getMany(),
      (d) => d.personId,
    ),
    dossierById: keyedLoader(
      (ids) => dossiers().andWhere('d.id IN (:...ids)', { ids }).getMany(),
      (d) => d.id,
    ),
    postRehabCasesByPerson: groupedLoader(
      (personIds) =>
        postRehab()
          .andWhere('c.person_id IN (:...personIds)', { personIds })
          .orderBy('c.opened_on', 'DESC')
          .addOrderBy('c.id', 'DESC')
          .getMany(),
      (c) => c.personId,
    ),
    postRehabCaseById: keyedLoader(
      (ids) => postRehab().andWhere('c.id IN (:...ids)', { ids }).getMany(),
      (c) => c.id,
    ),
    postRehabCaseByEpisode: keyedLoader(
      (ids) => postRehab().andWhere('c.episode_id IN (:...ids)', { ids }).getMany(),
      // Only episode-based cases come back for episode ids.
      (c) => c.episodeId ?? '',
    ),
    drugUsesByCase: groupedLoader(
      (caseIds) =>
        db
          .getRepository(PostRehabDrugUseEntity)
          .createQueryBuilder('u')
          .where('u.case_id IN (:...caseIds)', { caseIds })
          .orderBy('u.used_on', 'DESC')
          .getMany(),
      (u) => u.caseId,
    ),
    areasByFacility: groupedLoader(
      (codes) =>
        db
          .getRepository(FacilityAreaEntity)
          .createQueryBuilder('a')
          .where('a.facility_code IN (:...codes)', { codes })
          .orderBy('a.name', 'ASC')
          .getMany(),
      (a) => a.facilityCode,
    ),
    areaById: keyedLoader(
      (ids) => db.getRepository(FacilityAreaEntity).createQueryBuilder('a').where('a.id IN (:...ids)', { ids }).getMany(),
      (a) => a.id,
    ),
    occupancyByArea: new DataLoader<string, number>(async (ids) => {
      const rows = await db.query<{ id: string; n: number }[]>(
        `SELECT area_id AS id, count(*)::int AS n FROM rehab_episode WHERE area_id = ANY($1) AND status = ANY($2) GROUP BY area_id`,
        [ids, OPEN_EPISODE_STATUSES],
      );
      const byId = new Map(rows.map((r) => [r.id, r.n]));
      return ids.map((id) => byId.get(id) ?? 0);
    }),
    extractionsByEpisode: groupedLoader(
      (episodeIds) =>
        db
          .getRepository(ResidentExtractionEntity)
          .createQueryBuilder('x')
          .where('x.episode_id IN (:...episodeIds)', { episodeIds })
          .orderBy('x.requested_on', 'DESC')
          .addOrderBy('x.id', 'DESC')
          .getMany(),
      (x) => x.episodeId,
    ),
    communityPlanByEpisode: keyedLoader(
      (episodeIds) =>
        db
          .getRepository(CommunityRehabPlanEntity)
          .createQueryBuilder('p')
          .where('p.episode_id IN (:...episodeIds)', { episodeIds })
          .getMany(),
      (p) => p.episodeId,
    ),
    reintegrationSupportsByPerson: groupedLoader(
      (personIds) => {
        const scope = ownerScope('s', caller);
        return db
          .getRepository(ReintegrationSupportEntity)
          .createQueryBuilder('s')
          .where(scope.sql, scope.params)
          .andWhere('s.person_id IN (:...personIds)', { personIds })
          .orderBy('s.started_on', 'DESC')
          .addOrderBy('s.id', 'DESC')
          .getMany();
      },
      (s) => s.personId,
    ),
    eventsByEntity: groupedLoader(
      (ids) =>
        db
          .getRepository(CaseEventEntity)
          .createQueryBuilder('v')
          .where('v.entity_id IN (:...ids)', { ids })
          .orderBy('v.id', 'ASC')
          .getMany(),
      (v) => v.entityId,
    ),
    licencesByFacility: groupedLoader(
      (codes) =>
        db
          .getRepository(FacilityLicenceEntity)
          .createQueryBuilder('l')
          .where('l.facility_code IN (:...codes)', { codes })
          .orderBy('l.granted_on', 'DESC')
          .getMany(),
      (l) => l.facilityCode,
    ),
    facilityByCode: keyedLoader(
      (codes) => db.getRepository(FacilityEntity).createQueryBuilder('f').where('f.code IN (:...codes)', { codes }).getMany(),
      (f) => f.code,
    ),
    occupancyByFacility: new DataLoader<string, FacilityOccupancyCounts>(
      async (codes) => {
        const rows = await db.query<{ code: string; compulsory: number; voluntary: number; without_area: number }[]>(
          `SELECT facility_code AS code,
          count(*) FILTER (WHERE kind = 'COMPULSORY')::int AS compulsory,
          count(*) FILTER (WHERE kind <> 'COMPULSORY')::int AS voluntary,
          count(*) FILTER (WHERE area_id IS NULL)::int AS without_area
        FROM rehab_episode WHERE facility_code = ANY($1) AND status = ANY($2) GROUP BY facility_code`,
          [codes, OPEN_EPISODE_STATUSES],
        );
        const byCode = new Map(rows.map((r) => [r.code, r]));
        return codes.map((code) => ({
          facilityCode: code,
          compulsory: byCode.get(code)?.compulsory ?? 0,
          voluntary: byCode.get(code)?.voluntary ?? 0,
          withoutArea: byCode.get(code)?.without_area ?? 0,
        }));
      },
      { maxBatchSize: 1000 },
    ),
    serviceProviderById: keyedLoader(
      (ids) => db.getRepository(ServiceProviderEntity).createQueryBuilder('p').where('p.id IN (:...ids)', { ids }).getMany(),
      (p) => p.id,
    ),
    unitByCode: unitLookup(),
    planById: keyedLoader(
      (ids) => db.getRepository(PlanEntity).createQueryBuilder('p').where('p.id IN (:...ids)', { ids }).getMany(),
      (p) => p.id,
    ),
  };
}
