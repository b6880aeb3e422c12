import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { domainError, requirePersonInScope, requireResponsible } from '@rehab/server-kit';
import type { Caller, RehabKind } from '@rehab/shared-schema';
import type { MutationResolvers } from '../__generated__/resolvers';
import type { Context } from '../context';
import { PostRehabCaseEntity } from '../entities/PostRehabCase';
import { RehabEpisodeEntity, type CommunityRehabSetting } from '../entities/RehabEpisode';
import { ServiceProviderEntity } from '../entities/ServiceProvider';
import { notifyPolice } from '../notices';
import { addDays, addMonths, daysBetween, todayInHanoi } from '@rehab/shared-schema';
import { nextDossierStatus } from '../rules/dossier';
import { checkPhaseAdvance, nextEpisodeStatus, OPEN_EPISODE_STATUSES, type EpisodeAction } from '../rules/episode';
import { EPISODE_NAME, badInput, checkNotBefore, checkNotFuture, notAllowed, optionalText, requiredText } from '../rules/errors';
import { checkTerm, voluntaryTermRange } from '../rules/term';
import { inSubtree } from '../scope';
import { admitDossier, daysHeldUntil, lockDossier } from './dossier';
import { checkLicensedOn } from './facility-licences';
import { usableOn } from './providers';
import {
  OPEN_EPISODE_EXISTS,
  applyChanges,
  checkActsOn,
  checkUuid,
  checkVersion,
  inTransaction,
  inputFacility,
  inputUnit,
  legalRules,
  lockForChange,
  recordEvent,
} from './support';

const EPISODE_TYPE = 'RehabEpisode';

/** Locks an episode: facility episodes are acted on by their facility, rehab at home by the residence commune. */
export function lockEpisode(
  manager: EntityManager,
  caller: Caller,
  id: string,
  expectedVersion: number,
): Promise<RehabEpisodeEntity> {
  checkVersion(expectedVersion);
  return lockForChange(manager, caller, {
    entity: RehabEpisodeEntity,
    name: EPISODE_NAME,
    key: { column: 'id', value: checkUuid(id, 'id') },
    expectedVersion,
    paths: (e) => [e.facilityOwnerPath, e.residenceOwnerPath],
    actingPath: (e) => e.facilityOwnerPath ?? e.residenceOwnerPath,
  });
}

export async function transition(
  manager: EntityManager,
  ctx: Context,
  e: RehabEpisodeEntity,
  action: EpisodeAction,
  occurredOn: string,
  changes: Partial<RehabEpisodeEntity>,
  note: string | null = null,
  details: Record<string, unknown> = {},
): Promise<RehabEpisodeEntity> {
  const to = nextEpisodeStatus(e.kind, e.status, action);
  const updated = await applyChanges(manager, RehabEpisodeEntity, e, 'id', { ...changes, status: to });
  await recordEvent(manager, ctx.caller, {
    entityType: 'EPISODE',
    entityId: e.id,
    personId: e.personId,
    action,
    fromStatus: e.status,
    toStatus: to,
    occurredOn,
    note,
    details,
  });
  await ctx.audit.change(manager, EPISODE_TYPE, ['status', ...Object.keys(changes)].sort(), e.personId);
  return updated;
}

async function checkNoOpenEpisode(manager: EntityManager, personId: string): Promise<void> {
  const open = await manager
    .getRepository(RehabEpisodeEntity)
    .createQueryBuilder('e')
    .where('e.person_id = :personId AND e.status IN (:...open)', { personId, open: OPEN_EPISODE_STATUSES })
    .getExists();
  if (open) throw domainError('ILLEGAL_TRANSITION', OPEN_EPISODE_EXISTS);
}

interface NewEpisode {
  personId: string;
  kind: RehabKind;
  facilityCode: string | null;
  facilityOwnerPath: string | null;
  residenceUnitCode: string;
  residenceOwnerPath: string;
  admittedOn: string;
  plannedEndOn: string;
  termMonths: number;
  daysHeld: number;
  dossierId: string | null;
  serviceProviderId: string | null;
  /** Rehab at home/community only. */
  communitySetting?: CommunityRehabSetting | null;
}

/** Inserts an admitted episode with its event, audit row and the admission notice to police. */
async function admit(manager: EntityManager, ctx: Context, e: NewEpisode): Promise<RehabEpisodeEntity> {
  await checkNoOpenEpisode(manager, e.personId);
  const id = randomUUID();
  await manager
    .createQueryBuilder()
    .insert()
    .into(RehabEpisodeEntity)
    .values({
      id,
      ...e,
      status: 'ADMITTED',
      endedOn: null,
      phase: 'INTAKE_CLASSIFICATION',
      phaseSince: e.admittedOn,
    })
    .updateEntity(false)
    .execute();
  await recordEvent(manager, ctx.caller, {
    entityType: 'EPISODE',
    entityId: id,
    personId: e.personId,
    action: 'ADMIT',
    fromStatus: null,
    toStatus: 'ADMITTED',
    occurredOn: e.admittedOn,
    details: { kind: e.kind, facilityCode: e.facilityCode, termMonths: e.termMonths, daysHeld: e.daysHeld },
  });
  await ctx.audit.change(manager, EPISODE_TYPE, ['admittedOn', 'facility', 'kind', 'plannedEndOn', 'status'], e.personId);
  await notifyPolice(manager, 'rehab.admitted', {
    personId: e.personId,
    episodeId: id,
    admittedOn: e.admittedOn,
    kind: e.kind,
    facilityCode: e.facilityCode,
  });
  // A resident of a facility: its staff read the person's identity while the stay lasts.
  if (e.facilityCode !== null) {
    await notifyPolice(manager, 'care.facility', {
      periods: [{ personId: e.personId, recordId: id, careUnitCode: e.facilityCode, startedOn: e.admittedOn, endedOn: null }],
    });
  }
  return manager.getRepository(RehabEpisodeEntity).findOneByOrFail({ id });
}

/** The stay ended on `on` (completion, termination): the facility's care of the person ends that day. */
async function endFacilityCare(manager: EntityManager, e: RehabEpisodeEntity, on: string): Promise<void> {
  if (e.facilityCode === null) return;
  await notifyPolice(manager, 'care.facility', {
    periods: [{ personId: e.personId, recordId: e.id, careUnitCode: e.facilityCode, startedOn: e.admittedOn, endedOn: on }],
  });
}

function checkActDate(date: string, floor: string, field: string, what = { vi: 'ngày tiếp nhận', en: 'the admission' }): void {
  checkNotFuture(date, field);
  checkNotBefore(date, floor, field, what);
}

/**
 * The voluntary term (months) registered on `startedOn`, checked against the rules table;
 * a repeat rehab (any earlier episode of the person) has its own term where the law sets one.
 */
async function voluntaryTerm(manager: EntityManager, personId: string, termMonths: number, startedOn: string): Promise<number> {
  const [row] = await manager.query<[{ repeat: boolean }]>(
    'SELECT EXISTS (SELECT 1 FROM rehab_episode WHERE person_id = $1 AND admitted_on < $2) AS repeat',
    [personId, startedOn],
  );
  checkTerm(termMonths, voluntaryTermRange(startedOn, await legalRules(manager), row.repeat), 'input.termMonths');
  return termMonths;
}

const CLEAR_LEAVE: Partial<RehabEpisodeEntity> = { leaveReason: null, leaveNote: null, leaveStartedOn: null, leaveDueOn: null };
const CLEAR_ABSCONDED: Partial<RehabEpisodeEntity> = { abscondedReason: null, abscondedSince: null };

export const episodeMutations: Pick<
  MutationResolvers,
  | 'admitCompulsory'
  | 'admitVoluntary'
  | 'registerCommunityRehab'
  | 'advanceRehabPhase'
  | 'grantLeave'
  | 'returnFromLeave'
  | 'recordEscape'
  | 'markLeaveAbsconded'
  | 'returnAfterEscape'
  | 'transferRehabEpisode'
  | 'completeRehabEpisode'
  | 'terminateRehabEpisode'
> = {
  admitCompulsory: (_parent, { dossierId, expectedVersion, facilityCode, admittedOn }, ctx) =>
    inTransaction(ctx, async (manager) => {
      // The staff of the facility the court named admit; nobody admits without an approved decision
      // (a facility that sees the dossier before the decision, e.g. holding the person, gets ILLEGAL_TRANSITION).
      const d = await lockDossier(
        manager,
        ctx.caller,
        dossierId,
        expectedVersion,
        (row) => row.facilityOwnerPath ?? row.interimFacilityPath ?? row.ownerUnitPath,
      );
      nextDossierStatus(d.status, 'ADMIT');
      if (facilityCode !== d.facilityCode) {
        throw badInput(
          {
            vi: `Tòa án quyết định đưa vào cơ sở ${d.facilityCode ?? ''}, không phải ${facilityCode}`,
            en: `The court sent the person to ${d.facilityCode ?? ''}, not ${facilityCode}`,
          },
          'facilityCode',
        );
      }
      checkActDate(admittedOn, d.decidedOn ?? d.startedOn, 'admittedOn', {
        vi: 'ngày Tòa án quyết định',
        en: 'the court decision',
      });
      const term = d.termMonths;
      const path = d.facilityOwnerPath;
      if (term === null || path === null)
        throw notAllowed({ vi: 'Quyết định chưa ghi thời hạn và cơ sở', en: 'The decision lacks its term and facility' });
      const daysHeld = daysHeldUntil(d, admittedOn);
      const fullTermEnd = addMonths(admittedOn, term);
      const plannedEndOn = [addDays(fullTermEnd, -daysHeld), admittedOn].sort().at(-1) as string;
      const episode = await admit(manager, ctx, {
        personId: d.personId,
        kind: 'COMPULSORY',
        facilityCode,
        facilityOwnerPath: path,
        residenceUnitCode: d.residenceUnitCode,
        residenceOwnerPath: d.ownerUnitPath,
        admittedOn,
        plannedEndOn,
        termMonths: term,
        daysHeld,
        dossierId: d.id,
        serviceProviderId: null,
      });
      await admitDossier(manager, ctx, d, episode);
      return episode;
    }),

  admitVoluntary: (_parent, { input }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const personId = checkUuid(input.personId, 'input.personId');
      const facility = await inputFacility(manager, input.facilityCode, 'input.facilityCode', false);
      const facilityUnit = inputUnit(facility.code, 'input.facilityCode', ['FACILITY'], input.admittedOn);
      checkActsOn(ctx.caller, facilityUnit.path, EPISODE_NAME);
      await requirePersonInScope(manager, ctx.caller, personId, 'input.personId');
      const residence = inputUnit(input.residenceUnitCode, 'input.residenceUnitCode', ['COMMUNE'], input.admittedOn);
      checkNotFuture(input.admittedOn, 'input.admittedOn');
      await checkLicensedOn(manager, facility, input.admittedOn, 'input.facilityCode');
      const term = await voluntaryTerm(manager, personId, input.termMonths, input.admittedOn);
      return admit(manager, ctx, {
        personId,
        kind: 'VOLUNTARY_FACILITY',
        facilityCode: facility.code,
        facilityOwnerPath: facilityUnit.path,
        residenceUnitCode: residence.code,
        residenceOwnerPath: residence.path,
        admittedOn: input.admittedOn,
        plannedEndOn: addMonths(input.admittedOn, term),
        termMonths: term,
        daysHeld: 0,
        dossierId: null,
        serviceProviderId: null,
      });
    }),

  registerCommunityRehab: (_parent, { input }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const personId = checkUuid(input.personId, 'input.personId');
      requireResponsible(ctx.caller, 'COMMUNITY_REHAB', input.startedOn);
      const residence = inputUnit(input.residenceUnitCode, 'input.residenceUnitCode', ['COMMUNE'], input.startedOn);
      checkActsOn(ctx.caller, residence.path, EPISODE_NAME);
      await requirePersonInScope(manager, ctx.caller, personId, 'input.personId');
      const providerId = checkUuid(input.serviceProviderId, 'input.serviceProviderId');
      const provider = await manager.getRepository(ServiceProviderEntity).findOneBy({ id: providerId });
      if (!provider || !inSubtree(residence.path, provider.ownerUnitPath)) {
        throw badInput(
          {
            vi: `Không có đơn vị cung cấp dịch vụ ${providerId} đăng ký phục vụ ${residence.name}`,
            en: `No service provider ${providerId} is registered to serve ${residence.code}`,
          },
          'input.serviceProviderId',
        );
      }
      checkNotFuture(input.startedOn, 'input.startedOn');
      if (!usableOn(provider, input.startedOn)) {
        throw badInput(
          {
            vi: `${provider.name} chưa được công bố hoặc đã bị rút khỏi danh sách vào ngày ${input.startedOn}`,
            en: `${provider.name} is not published, or was withdrawn, on ${input.startedOn}`,
          },
          'input.serviceProviderId',
        );
      }
      checkNotBefore(input.startedOn, provider.registeredOn, 'input.startedOn', {
        vi: 'ngày đăng ký của đơn vị cung cấp dịch vụ',
        en: "the provider's registration",
      });
      const term = await voluntaryTerm(manager, personId, input.termMonths, input.startedOn);
      return admit(manager, ctx, {
        personId,
        kind: 'VOLUNTARY_COMMUNITY',
        facilityCode: null,
        facilityOwnerPath: null,
        residenceUnitCode: residence.code,
        residenceOwnerPath: residence.path,
        admittedOn: input.startedOn,
        plannedEndOn: addMonths(input.startedOn, term),
        termMonths: term,
        daysHeld: 0,
        dossierId: null,
        serviceProviderId: provider.id,
        communitySetting: input.setting ?? null,
      });
    }),

  advanceRehabPhase: (_parent, { id, expectedVersion, phase, on }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const e = await lockEpisode(manager, ctx.caller, id, expectedVersion);
      nextEpisodeStatus(e.kind, e.status, 'ADVANCE_PHASE');
      checkPhaseAdvance(e.phase, phase);
      checkActDate(on, e.phaseSince ?? e.admittedOn, 'on', {
        vi: 'ngày bắt đầu giai đoạn hiện tại',
        en: 'the start of the current phase',
      });
      return transition(manager, ctx, e, 'ADVANCE_PHASE', on, { phase, phaseSince: on }, null, { from: e.phase, to: phase });
    }),

  grantLeave: (_parent, { id, expectedVersion, input }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const e = await lockEpisode(manager, ctx.caller, id, expectedVersion);
      nextEpisodeStatus(e.kind, e.status, 'GRANT_LEAVE');
      checkActDate(input.startsOn, e.admittedOn, 'input.startsOn');
      checkNotBefore(input.dueOn, input.startsOn, 'input.dueOn', { vi: 'ngày bắt đầu phép', en: 'the start of the leave' });
      const note = optionalText(input.note, 'input.note', { vi: 'ghi chú', en: 'note' }, 2000);
      return transition(
        manager,
        ctx,
        e,
        'GRANT_LEAVE',
        input.startsOn,
        { leaveReason: input.reason, leaveNote: note, leaveStartedOn: input.startsOn, leaveDueOn: input.dueOn },
        note,
        { reason: input.reason, dueOn: input.dueOn },
      );
    }),

  returnFromLeave: (_parent, { id, expectedVersion, returnedOn }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const e = await lockEpisode(manager, ctx.caller, id, expectedVersion);
      nextEpisodeStatus(e.kind, e.status, 'RETURN_FROM_LEAVE');
      checkActDate(returnedOn, e.leaveStartedOn ?? e.admittedOn, 'returnedOn', {
        vi: 'ngày bắt đầu phép',
        en: 'the start of the leave',
      });
      const daysLate = e.leaveDueOn ? Math.max(0, daysBetween(e.leaveDueOn, returnedOn)) : 0;
      return transition(manager, ctx, e, 'RETURN_FROM_LEAVE', returnedOn, CLEAR_LEAVE, null, { dueOn: e.leaveDueOn, daysLate });
    }),

  recordEscape: (_parent, { id, expectedVersion, escapedOn, note }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const e = await lockEpisode(manager, ctx.caller, id, expectedVersion);
      nextEpisodeStatus(e.kind, e.status, 'ESCAPE');
      checkActDate(escapedOn, e.admittedOn, 'escapedOn');
      const text = optionalText(note, 'note', { vi: 'ghi chú', en: 'note' }, 2000);
      const updated = await transition(
        manager,
        ctx,
        e,
        'ESCAPE',
        escapedOn,
        { abscondedReason: 'ESCAPED', abscondedSince: escapedOn },
        text,
      );
      await notifyPolice(manager, 'rehab.absconded', {
        personId: e.personId,
        episodeId: e.id,
        facilityCode: e.facilityCode ?? '',
        reason: 'ESCAPED',
        since: escapedOn,
      });
      return updated;
    }),

  markLeaveAbsconded: (_parent, { id, expectedVersion, asOf }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const e = await lockEpisode(manager, ctx.caller, id, expectedVersion);
      nextEpisodeStatus(e.kind, e.status, 'MARK_LEAVE_OVERDUE');
      const on = asOf ?? todayInHanoi();
      checkNotFuture(on, 'asOf');
      const due = e.leaveDueOn ?? on;
      if (due >= on) {
        throw notAllowed(
          {
            vi: `Phép chưa quá hạn: hạn trở lại là ngày ${due}`,
            en: `The leave is not overdue: it is due on ${due}`,
          },
          'asOf',
        );
      }
      const since = addDays(due, 1);
      const updated = await transition(
        manager,
        ctx,
        e,
        'MARK_LEAVE_OVERDUE',
        since,
        { ...CLEAR_LEAVE, abscondedReason: 'LEAVE_OVERDUE', abscondedSince: since },
        null,
        { dueOn: due, markedOn: on },
      );
      await notifyPolice(manager, 'rehab.absconded', {
        personId: e.personId,
        episodeId: e.id,
        facilityCode: e.facilityCode ?? '',
        reason: 'LEAVE_OVERDUE',
        since,
      });
      return updated;
    }),

  returnAfterEscape: (_parent, { id, expectedVersion, returnedOn }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const e = await lockEpisode(manager, ctx.caller, id, expectedVersion);
      nextEpisodeStatus(e.kind, e.status, 'RETURN_AFTER_ESCAPE');
      const since = e.abscondedSince ?? e.admittedOn;
      checkActDate(returnedOn, since, 'returnedOn', { vi: 'ngày bỏ trốn', en: 'the escape' });
      // Time absconded does not count toward a compulsory term: the planned end moves by as many days.
      const daysAbsconded = daysBetween(since, returnedOn);
      const plannedEndOn = e.kind === 'COMPULSORY' ? addDays(e.plannedEndOn, daysAbsconded) : e.plannedEndOn;
      const updated = await transition(
        manager,
        ctx,
        e,
        'RETURN_AFTER_ESCAPE',
        returnedOn,
        { ...CLEAR_ABSCONDED, plannedEndOn },
        null,
        { since, daysAbsconded, plannedEndOn },
      );
      await notifyPolice(manager, 'rehab.returned', { personId: e.personId, episodeId: e.id, returnedOn });
      return updated;
    }),

  transferRehabEpisode: (_parent, { id, expectedVersion, toFacilityCode, transferredOn }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const e = await lockEpisode(manager, ctx.caller, id, expectedVersion);
      nextEpisodeStatus(e.kind, e.status, 'TRANSFER');
      if (toFacilityCode === e.facilityCode) {
        throw badInput(
          { vi: 'Cơ sở chuyển đến trùng cơ sở hiện tại', en: 'The person is already at that facility' },
          'toFacilityCode',
        );
      }
      const to = await inputFacility(manager, toFacilityCode, 'toFacilityCode', e.kind === 'COMPULSORY');
      const unit = inputUnit(to.code, 'toFacilityCode', ['FACILITY'], transferredOn);
      checkActDate(transferredOn, e.admittedOn, 'transferredOn');
      await checkLicensedOn(manager, to, transferredOn, 'toFacilityCode');
      // The old facility's care ends the day before the transfer, the new one's starts on it.
      if (e.facilityCode !== null) {
        await notifyPolice(manager, 'care.facility', {
          periods: [
            {
              personId: e.personId,
              recordId: e.id,
              careUnitCode: e.facilityCode,
              startedOn: e.admittedOn,
              endedOn: addDays(transferredOn, -1),
            },
            { personId: e.personId, recordId: e.id, careUnitCode: to.code, startedOn: transferredOn, endedOn: null },
          ],
        });
      }
      return transition(
        manager,
        ctx,
        e,
        'TRANSFER',
        transferredOn,
        // The areas are the old facility's: the new one places the resident again.
        { facilityCode: to.code, facilityOwnerPath: unit.path, areaId: null },
        null,
        { from: e.facilityCode, to: to.code },
      );
    }),

  completeRehabEpisode: (_parent, { id, expectedVersion, completedOn, certificateNumber }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const e = await lockEpisode(manager, ctx.caller, id, expectedVersion);
      nextEpisodeStatus(e.kind, e.status, 'COMPLETE');
      checkActDate(completedOn, e.admittedOn, 'completedOn');
      const certificate = requiredText(
        certificateNumber,
        'certificateNumber',
        { vi: 'số giấy chứng nhận', en: 'certificate number' },
        64,
      );
      const updated = await transition(
        manager,
        ctx,
        e,
        'COMPLETE',
        completedOn,
        { endedOn: completedOn, certificateNumber: certificate },
        null,
        { certificateNumber: certificate },
      );
      // The commune's post-rehab management starts awaiting its chairman's decision.
      const caseId = randomUUID();
      await manager
        .createQueryBuilder()
        .insert()
        .into(PostRehabCaseEntity)
        .values({
          id: caseId,
          personId: e.personId,
          episodeId: e.id,
          status: 'AWAITING_DECISION',
          residenceUnitCode: e.residenceUnitCode,
          ownerUnitPath: e.residenceOwnerPath,
          openedOn: completedOn,
          supporterIds: [],
        })
        .updateEntity(false)
        .execute();
      await recordEvent(manager, ctx.caller, {
        entityType: 'POST_REHAB',
        entityId: caseId,
        personId: e.personId,
        action: 'OPEN',
        fromStatus: null,
        toStatus: 'AWAITING_DECISION',
        occurredOn: completedOn,
        details: { episodeId: e.id },
      });
      await ctx.audit.change(manager, 'PostRehabCase', ['openedOn', 'status'], e.personId);
      await notifyPolice(manager, 'rehab.completed', {
        personId: e.personId,
        episodeId: e.id,
        facilityCode: e.facilityCode,
        completedOn,
        certificateNumber: certificate,
      });
      await endFacilityCare(manager, e, completedOn);
      return updated;
    }),

  terminateRehabEpisode: (_parent, { id, expectedVersion, terminatedOn, reason }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const e = await lockEpisode(manager, ctx.caller, id, expectedVersion);
      nextEpisodeStatus(e.kind, e.status, 'TERMINATE');
      checkActDate(terminatedOn, e.admittedOn, 'terminatedOn');
      const text = requiredText(reason, 'reason', { vi: 'lý do chấm dứt', en: 'reason' }, 2000);
      await endFacilityCare(manager, e, terminatedOn);
      return transition(
        manager,
        ctx,
        e,
        'TERMINATE',
        terminatedOn,
        { ...CLEAR_LEAVE, ...CLEAR_ABSCONDED, endedOn: terminatedOn, terminationReason: text },
        text,
      );
    }),
};
