import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { domainError, notifyUnit, pageSize, pathScope, requireResponsible } from '@rehab/server-kit';
import { todayInHanoi, type Caller } from '@rehab/shared-schema';
import type { MutationResolvers, QueryResolvers } from '../__generated__/resolvers';
import type { Context } from '../context';
import { RehabEpisodeEntity } from '../entities/RehabEpisode';
import { ResidentExtractionEntity, type ExtractionStatus } from '../entities/ResidentExtraction';
import { EPISODE_NAME, checkNotBefore, checkNotFuture, recordNotFound, requiredText, type RecordName } from '../rules/errors';
import { episodeScope } from '../scope';
import { applyChanges, checkUuid, checkVersion, inTransaction, lockForChange, recordEvent } from './support';

/** Topics of the inbox: the facility is asked; the requesting police are told of the hand-over and the return. */
export const EXTRACTION_TOPICS = {
  requested: 'rehab.extraction-requested',
  cancelled: 'rehab.extraction-cancelled',
  handedOver: 'rehab.extraction-handed-over',
  returned: 'rehab.extraction-returned',
} as const;

const EXTRACTION: RecordName = { vi: 'yêu cầu trích xuất', en: 'extraction request' };
const OPEN: readonly ExtractionStatus[] = ['REQUESTED', 'OUT'];

const STATUS_LABEL: Record<ExtractionStatus, { vi: string; en: string }> = {
  REQUESTED: { vi: 'chờ bàn giao', en: 'awaiting hand-over' },
  OUT: { vi: 'đang trích xuất', en: 'out' },
  RETURNED: { vi: 'đã trả về cơ sở', en: 'returned' },
  CANCELLED: { vi: 'đã hủy', en: 'cancelled' },
};

function notInStatus(x: ResidentExtractionEntity, action: { vi: string; en: string }): Error {
  const label = STATUS_LABEL[x.status];
  return domainError('ILLEGAL_TRANSITION', {
    vi: `Không thể ${action.vi}: yêu cầu trích xuất đang ở trạng thái “${label.vi}”`,
    en: `Cannot ${action.en}: the extraction request is ${label.en}`,
  });
}

/** The episode the request names: visible to the caller (else NOT_FOUND), at a facility and in it now. */
async function lockEpisodeAtFacility(manager: EntityManager, caller: Caller, id: string): Promise<RehabEpisodeEntity> {
  const scope = episodeScope('e', caller);
  const episode = await manager
    .getRepository(RehabEpisodeEntity)
    .createQueryBuilder('e')
    .setLock('pessimistic_write')
    .where('e.id = :id', { id })
    .andWhere(scope.sql, scope.params)
    .getOne();
  if (!episode) throw recordNotFound(EPISODE_NAME, id, 'episodeId');
  if (episode.facilityCode === null || episode.facilityOwnerPath === null || episode.status !== 'ADMITTED') {
    throw domainError(
      'ILLEGAL_TRANSITION',
      {
        vi: 'Chỉ trích xuất được người đang ở cơ sở cai nghiện (không về phép, không bỏ trốn, chưa kết thúc)',
        en: 'Only a resident now at a facility (not on leave, absconded or ended) can be taken out',
      },
      { field: 'episodeId' },
    );
  }
  return episode;
}

function lockExtraction(
  manager: EntityManager,
  caller: Caller,
  id: string,
  expectedVersion: number,
  acting: 'facility' | 'requester',
): Promise<ResidentExtractionEntity> {
  checkVersion(expectedVersion);
  return lockForChange(manager, caller, {
    entity: ResidentExtractionEntity,
    name: EXTRACTION,
    key: { column: 'id', value: checkUuid(id, 'id') },
    expectedVersion,
    paths: (x) => [x.facilityOwnerPath, x.requestingUnitPath],
    actingPath: (x) => (acting === 'facility' ? x.facilityOwnerPath : x.requestingUnitPath),
  });
}

async function change(
  manager: EntityManager,
  ctx: Context,
  x: ResidentExtractionEntity,
  changes: Partial<ResidentExtractionEntity>,
  action: string,
  occurredOn: string,
  note: string | null = null,
): Promise<ResidentExtractionEntity> {
  const updated = await applyChanges(manager, ResidentExtractionEntity, x, 'id', changes);
  await recordEvent(manager, ctx.caller, {
    entityType: 'EPISODE',
    entityId: x.episodeId,
    personId: x.personId,
    action,
    fromStatus: 'ADMITTED',
    toStatus: 'ADMITTED',
    occurredOn,
    note,
    details: { extractionId: x.id, requestingAgency: x.requestingAgency, documentNumber: x.documentNumber },
  });
  await ctx.audit.change(manager, 'ResidentExtraction', Object.keys(changes).sort(), x.personId);
  return updated;
}

const tellFacility = (manager: EntityManager, x: ResidentExtractionEntity, topic: string, on: string) =>
  notifyUnit(manager, {
    topic,
    source: 'labor-welfare',
    unitPath: x.facilityOwnerPath,
    audience: ['facility_staff'],
    personId: x.personId,
    occurredOn: on,
  });

const tellRequester = (manager: EntityManager, x: ResidentExtractionEntity, topic: string, on: string) =>
  notifyUnit(manager, {
    topic,
    source: 'labor-welfare',
    unitPath: x.requestingUnitPath,
    audience: ['police_officer'],
    personId: x.personId,
    occurredOn: on,
  });

export const extractionMutations: Pick<
  MutationResolvers,
  'requestResidentExtraction' | 'cancelResidentExtraction' | 'recordExtractionHandover' | 'recordExtractionReturn'
> = {
  requestResidentExtraction: (_parent, { episodeId, input }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const requestedOn = input.requestedOn ?? todayInHanoi();
      requireResponsible(ctx.caller, 'RESIDENT_EXTRACTION_REQUEST', requestedOn);
      // The record first: an episode the caller may not see is NOT_FOUND whatever the input says.
      const e = await lockEpisodeAtFacility(manager, ctx.caller, checkUuid(episodeId, 'episodeId'));
      checkNotFuture(requestedOn, 'input.requestedOn');
      const agency = requiredText(
        input.requestingAgency,
        'input.requestingAgency',
        { vi: 'cơ quan đề nghị', en: 'requesting agency' },
        200,
      );
      const documentNumber = requiredText(
        input.documentNumber,
        'input.documentNumber',
        { vi: 'số văn bản', en: 'document number' },
        64,
      );
      const purpose = requiredText(input.purpose, 'input.purpose', { vi: 'mục đích trích xuất', en: 'purpose' }, 2000);
      checkNotBefore(input.expectedReturnOn, requestedOn, 'input.expectedReturnOn', { vi: 'ngày đề nghị', en: 'the request' });
      checkNotBefore(requestedOn, e.admittedOn, 'input.requestedOn', { vi: 'ngày tiếp nhận vào cơ sở', en: 'the admission' });
      const open = await manager
        .getRepository(ResidentExtractionEntity)
        .createQueryBuilder('x')
        .where('x.episode_id = :id AND x.status IN (:...open)', { id: e.id, open: OPEN })
        .getExists();
      if (open) {
        throw domainError('ILLEGAL_TRANSITION', {
          vi: 'Người này đang có một yêu cầu trích xuất chưa kết thúc',
          en: 'This resident already has an extraction request under way',
        });
      }
      const x: ResidentExtractionEntity = {
        id: randomUUID(),
        episodeId: e.id,
        personId: e.personId,
        facilityCode: e.facilityCode ?? '',
        facilityOwnerPath: e.facilityOwnerPath ?? '',
        requestingUnitCode: ctx.caller.unitCode,
        requestingUnitPath: ctx.caller.unitPath,
        requestingAgency: agency,
        documentNumber,
        purpose,
        requestedOn,
        expectedReturnOn: input.expectedReturnOn,
        status: 'REQUESTED',
        handedOverOn: null,
        returnedOn: null,
        cancelReason: null,
        recordedBy: ctx.caller.username,
        version: 1,
      };
      await manager.createQueryBuilder().insert().into(ResidentExtractionEntity).values(x).updateEntity(false).execute();
      await recordEvent(manager, ctx.caller, {
        entityType: 'EPISODE',
        entityId: e.id,
        personId: e.personId,
        action: 'REQUEST_EXTRACTION',
        fromStatus: e.status,
        toStatus: e.status,
        occurredOn: requestedOn,
        note: purpose,
        details: { extractionId: x.id, requestingAgency: agency, documentNumber, expectedReturnOn: input.expectedReturnOn },
      });
      await ctx.audit.change(
        manager,
        'ResidentExtraction',
        ['documentNumber', 'expectedReturnOn', 'purpose', 'status'],
        e.personId,
      );
      await tellFacility(manager, x, EXTRACTION_TOPICS.requested, requestedOn);
      return manager.getRepository(ResidentExtractionEntity).findOneByOrFail({ id: x.id });
    }),

  cancelResidentExtraction: (_parent, { id, expectedVersion, reason }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const x = await lockExtraction(manager, ctx.caller, id, expectedVersion, 'requester');
      if (x.status !== 'REQUESTED') throw notInStatus(x, { vi: 'hủy yêu cầu', en: 'cancel the request' });
      const text = requiredText(reason, 'reason', { vi: 'lý do hủy', en: 'reason' }, 2000);
      const today = todayInHanoi();
      const updated = await change(
        manager,
        ctx,
        x,
        { status: 'CANCELLED', cancelReason: text },
        'CANCEL_EXTRACTION',
        today,
        text,
      );
      await tellFacility(manager, x, EXTRACTION_TOPICS.cancelled, today);
      return updated;
    }),

  recordExtractionHandover: (_parent, { id, expectedVersion, handedOverOn }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const x = await lockExtraction(manager, ctx.caller, id, expectedVersion, 'facility');
      requireResponsible(ctx.caller, 'FACILITY_OPERATION', handedOverOn);
      if (x.status !== 'REQUESTED') throw notInStatus(x, { vi: 'bàn giao người được trích xuất', en: 'hand the resident over' });
      checkNotFuture(handedOverOn, 'handedOverOn');
      checkNotBefore(handedOverOn, x.requestedOn, 'handedOverOn', { vi: 'ngày đề nghị trích xuất', en: 'the request' });
      const [episode] = await manager.query<{ status: string }[]>('SELECT status FROM rehab_episode WHERE id = $1 FOR UPDATE', [
        x.episodeId,
      ]);
      if (episode?.status !== 'ADMITTED') {
        throw domainError('ILLEGAL_TRANSITION', {
          vi: 'Người này không còn ở cơ sở (về phép, bỏ trốn hoặc đã kết thúc): không thể bàn giao',
          en: 'The resident is no longer at the facility (on leave, absconded or ended): cannot hand over',
        });
      }
      const updated = await change(manager, ctx, x, { status: 'OUT', handedOverOn }, 'EXTRACTION_HANDOVER', handedOverOn);
      await tellRequester(manager, x, EXTRACTION_TOPICS.handedOver, handedOverOn);
      return updated;
    }),

  recordExtractionReturn: (_parent, { id, expectedVersion, returnedOn }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const x = await lockExtraction(manager, ctx.caller, id, expectedVersion, 'facility');
      requireResponsible(ctx.caller, 'FACILITY_OPERATION', returnedOn);
      if (x.status !== 'OUT') throw notInStatus(x, { vi: 'ghi nhận trả về cơ sở', en: 'record the return' });
      checkNotFuture(returnedOn, 'returnedOn');
      checkNotBefore(returnedOn, x.handedOverOn ?? x.requestedOn, 'returnedOn', { vi: 'ngày bàn giao', en: 'the hand-over' });
      const updated = await change(manager, ctx, x, { status: 'RETURNED', returnedOn }, 'EXTRACTION_RETURN', returnedOn);
      await tellRequester(manager, x, EXTRACTION_TOPICS.returned, returnedOn);
      return updated;
    }),
};

export const extractionQueries: Pick<QueryResolvers, 'residentExtractions'> = {
  residentExtractions: (_parent, { statuses, first }, ctx) => {
    const wanted = statuses && statuses.length > 0 ? statuses : OPEN;
    const scope = pathScope(['x.facility_owner_path', 'x.requesting_unit_path'], ctx.caller, { personColumn: 'x.person_id' });
    return ctx.db
      .getRepository(ResidentExtractionEntity)
      .createQueryBuilder('x')
      .where('x.status IN (:...wanted)', { wanted })
      .andWhere(scope.sql, scope.params)
      .orderBy('x.requested_on', 'ASC')
      .addOrderBy('x.id', 'ASC')
      .take(pageSize(first, 100))
      .getMany();
  },
};

/** Whether an extraction out of the facility is past its expected return (today in Hà Nội by default). */
export function isOverdue(x: ResidentExtractionEntity, asOf: string = todayInHanoi()): boolean {
  return x.status === 'OUT' && x.expectedReturnOn < asOf;
}
