import { randomUUID } from 'node:crypto';
import {
  domainError,
  lockProgrammeRecord,
  pathScope,
  programmeUnit,
  requireUnit,
  unitSubtree,
  type RecordName,
} from '@rehab/server-kit';
import { addDays, todayInHanoi } from '@rehab/shared-schema';
import type { ComplaintResolvers, MutationResolvers, QueryResolvers } from '../__generated__/resolvers';
import { ComplaintEntity } from '../entities/Complaint';
import { badInput, checkNotBefore, checkNotFuture, optionalText, requiredText } from '../rules/errors';
import { inTransaction } from './support';
import { unitOf } from '../resolvers/unit';

const COMPLAINT: RecordName = { vi: 'đơn khiếu nại, tố cáo', en: 'complaint' };
const MAX_LISTED = 200;
/** The longest time limit of the laws on complaints and denunciations, extensions included. */
const MAX_DAYS = 90;

export type ComplaintStatus = 'OPEN' | 'OVERDUE' | 'RESOLVED';

export function complaintStatus(c: Pick<ComplaintEntity, 'resolvedOn' | 'dueOn'>, today: string): ComplaintStatus {
  if (c.resolvedOn !== null) return 'RESOLVED';
  return c.dueOn < today ? 'OVERDUE' : 'OPEN';
}

const AUDITED = ['complainantContact', 'complainantName', 'dueOn', 'kind', 'receivedOn', 'subject', 'summary', 'unit'];

export const complaintMutations: Pick<MutationResolvers, 'recordComplaint' | 'resolveComplaint'> = {
  recordComplaint: (_parent, { input }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const unit = programmeUnit(ctx.caller, input.unitCode, 'input.unitCode', input.receivedOn, COMPLAINT, [
        'COMMUNE',
        'PROVINCE',
        'FACILITY',
      ]);
      checkNotFuture(input.receivedOn, 'input.receivedOn');
      checkNotBefore(input.dueOn, input.receivedOn, 'input.dueOn', { vi: 'ngày nhận đơn', en: 'the day received' });
      if (input.dueOn > addDays(input.receivedOn, MAX_DAYS)) {
        throw badInput(
          { vi: 'Thời hạn giải quyết tối đa 90 ngày kể từ ngày nhận đơn', en: 'The time limit is at most 90 days from receipt' },
          'input.dueOn',
        );
      }
      const id = randomUUID();
      await manager.getRepository(ComplaintEntity).insert({
        id,
        kind: input.kind,
        unitCode: unit.code,
        ownerUnitPath: unit.path,
        agency: ctx.caller.agency,
        receivedOn: input.receivedOn,
        subject: input.subject,
        summary: requiredText(input.summary, 'input.summary', { vi: 'nội dung đơn', en: 'summary' }, 4000),
        complainantName: requiredText(
          input.complainantName,
          'input.complainantName',
          { vi: 'họ tên người khiếu nại, tố cáo', en: "complainant's name" },
          200,
        ),
        complainantContact: optionalText(
          input.complainantContact,
          'input.complainantContact',
          { vi: 'địa chỉ liên hệ', en: 'contact' },
          300,
        ),
        dueOn: input.dueOn,
        resolvedOn: null,
        outcome: null,
        resolution: null,
        recordedBy: ctx.caller.username,
        version: 1,
      });
      await ctx.audit.change(manager, 'Complaint', AUDITED, id);
      return manager.getRepository(ComplaintEntity).findOneByOrFail({ id });
    }),

  resolveComplaint: (_parent, { id, expectedVersion, resolvedOn, outcome, resolution }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const row = await lockProgrammeRecord(manager, ctx.caller, {
        entity: ComplaintEntity,
        name: COMPLAINT,
        id,
        expectedVersion,
        sameAgency: false,
      });
      if (row.resolvedOn !== null) {
        throw domainError('ILLEGAL_TRANSITION', {
          vi: `Đơn đã được giải quyết ngày ${row.resolvedOn}`,
          en: `Already settled on ${row.resolvedOn}`,
        });
      }
      checkNotFuture(resolvedOn, 'resolvedOn');
      checkNotBefore(resolvedOn, row.receivedOn, 'resolvedOn', { vi: 'ngày nhận đơn', en: 'the day received' });
      const text = requiredText(resolution, 'resolution', { vi: 'kết quả giải quyết', en: 'resolution' }, 4000);
      await manager
        .getRepository(ComplaintEntity)
        .update({ id: row.id }, { resolvedOn, outcome, resolution: text, version: row.version + 1 });
      await ctx.audit.change(manager, 'Complaint', ['outcome', 'resolution', 'resolvedOn'], row.id);
      return manager.getRepository(ComplaintEntity).findOneByOrFail({ id: row.id });
    }),
};

/** The complaints of the units the officer sees (handlers only, by the matrix). */
export const complaintQueries: Pick<QueryResolvers, 'complaints'> = {
  complaints: (_parent, { unitCode, openOnly }, ctx) => {
    const unit = requireUnit(unitCode, 'unitCode', ['PROVINCE', 'COMMUNE', 'FACILITY']);
    // Of the unit's subtree, those within the officer's scope (a commune's officer asking for the province sees their commune's).
    const within = unitSubtree('c.owner_unit_path', unit.path);
    const scope = pathScope('c.owner_unit_path', ctx.caller);
    const query = ctx.db
      .getRepository(ComplaintEntity)
      .createQueryBuilder('c')
      .where(within.sql, within.params)
      .andWhere(scope.sql, scope.params);
    if (openOnly) query.andWhere('c.resolved_on IS NULL');
    return query.orderBy('c.received_on', 'DESC').addOrderBy('c.id', 'ASC').limit(MAX_LISTED).getMany();
  },
};

export const Complaint: ComplaintResolvers = {
  unit: (c, _args, ctx) => unitOf(c.unitCode, ctx),
  status: (c) => complaintStatus(c, todayInHanoi()),
};
