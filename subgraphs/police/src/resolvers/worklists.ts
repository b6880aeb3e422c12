import { isIsoDate, pathScope } from '@rehab/server-kit';
import { domainError } from '@rehab/server-kit';
import type {
  QueryAbsconderSearchesArgs,
  QueryDrugUserManagementsEndingArgs,
  QueryRehabCompletionNoticesArgs,
  QueryTransferNoticesAwaitingAcknowledgementArgs,
} from '../__generated__/resolvers';
import type { Context } from '../context';
import { AbsconderSearchEntity } from '../entities/AbsconderSearch';
import { DrugUserManagementEntity } from '../entities/DrugUserManagement';
import { RehabCompletionNoticeEntity } from '../entities/RehabCompletionNotice';
import { RelapseRiskReportEntity } from '../entities/RelapseRiskReport';
import { TransferNoticeEntity } from '../entities/TransferNotice';
import { addDays } from '@rehab/shared-schema';
import { today } from '../rules/legal-time';
import {
  keysetPage,
  type AbsconderSearchConnectionParent,
  type DrugUserManagementConnectionParent,
  type RehabCompletionNoticeConnectionParent,
  type TransferNoticeConnectionParent,
} from './connections';

const isInstant = (v: string): boolean => !Number.isNaN(Date.parse(v));

/**
 * Notices of moves INTO the caller's unit sent by asOf (default now) and not yet
 * acknowledged; overdueOnly keeps those past their deadline at asOf. Oldest first.
 */
export function transferNoticesAwaitingAcknowledgement(
  args: QueryTransferNoticesAwaitingAcknowledgementArgs,
  ctx: Context,
): Promise<TransferNoticeConnectionParent> {
  const asOf = args.asOf ? new Date(args.asOf) : new Date();
  const scope = pathScope('n.to_unit_path', ctx.caller);
  const query = ctx.db
    .getRepository(TransferNoticeEntity)
    .createQueryBuilder('n')
    .where(scope.sql, scope.params)
    .andWhere('n.acknowledged_at IS NULL')
    .andWhere('n.sent_at <= :asOf', { asOf });
  if (args.overdueOnly) query.andWhere('n.due_at IS NOT NULL AND n.due_at < :asOf', { asOf });
  return keysetPage(query, {
    first: args.first,
    after: args.after,
    sortSql: 'n.sent_at',
    sortType: 'timestamptz',
    idSql: 'n.id',
    sortOf: (n) => n.sentAt.toISOString(),
    validSort: isInstant,
  });
}

/** Searches of persons of the caller's unit that began by asOf (default today), oldest first. */
export function absconderSearches(args: QueryAbsconderSearchesArgs, ctx: Context): Promise<AbsconderSearchConnectionParent> {
  const scope = pathScope('s.owner_unit_path', ctx.caller, { personColumn: 's.person_id' });
  const query = ctx.db
    .getRepository(AbsconderSearchEntity)
    .createQueryBuilder('s')
    .where(scope.sql, scope.params)
    .andWhere('s.since <= :asOf', { asOf: args.asOf ?? today() });
  if (args.status) query.andWhere('s.status = :status', { status: args.status });
  return keysetPage(query, {
    first: args.first,
    after: args.after,
    sortSql: 's.since',
    sortType: 'date',
    idSql: 's.id',
    sortOf: (s) => s.since,
    validSort: isIsoDate,
  });
}

/** The longest look-ahead of the ending-periods worklist (a year). */
const MAX_WITHIN_DAYS = 366;

/** Active managements whose period ends by asOf + withinDays (overdue ones included), earliest end first. */
export function drugUserManagementsEnding(
  args: QueryDrugUserManagementsEndingArgs,
  ctx: Context,
): Promise<DrugUserManagementConnectionParent> {
  const within = args.withinDays ?? 30;
  if (!Number.isInteger(within) || within < 0 || within > MAX_WITHIN_DAYS) {
    throw domainError(
      'BAD_USER_INPUT',
      { vi: `Số ngày phải từ 0 đến ${MAX_WITHIN_DAYS}`, en: `withinDays must be 0 to ${MAX_WITHIN_DAYS}` },
      { field: 'withinDays' },
    );
  }
  const until = addDays(args.asOf ?? today(), within);
  const scope = pathScope('m.owner_unit_path', ctx.caller, { personColumn: 'm.person_id' });
  const query = ctx.db
    .getRepository(DrugUserManagementEntity)
    .createQueryBuilder('m')
    .where(scope.sql, scope.params)
    .andWhere("m.status = 'ACTIVE'")
    .andWhere('m.period_ends_on <= :until', { until });
  return keysetPage(query, {
    first: args.first,
    after: args.after,
    sortSql: 'm.period_ends_on',
    sortType: 'date',
    idSql: 'm.id',
    sortOf: (m) => m.periodEndsOn ?? '',
    validSort: isIsoDate,
  });
}

/** Completion notices of persons of the caller's unit, by completion date. */
export function rehabCompletionNotices(
  args: QueryRehabCompletionNoticesArgs,
  ctx: Context,
): Promise<RehabCompletionNoticeConnectionParent> {
  const scope = pathScope('c.owner_unit_path', ctx.caller);
  const query = ctx.db.getRepository(RehabCompletionNoticeEntity).createQueryBuilder('c').where(scope.sql, scope.params);
  if (args.acknowledged === true) query.andWhere('c.acknowledged_at IS NOT NULL');
  if (args.acknowledged === false) query.andWhere('c.acknowledged_at IS NULL');
  return keysetPage(query, {
    first: args.first,
    after: args.after,
    sortSql: 'c.completed_on',
    sortType: 'date',
    idSql: 'c.id',
    sortOf: (c) => c.completedOn,
    validSort: isIsoDate,
  });
}

/** Relapse-risk reports of persons of the caller's unit observed on or after `since` (default 30 days ago), newest first. */
export async function relapseRiskReports(args: { since?: string | null }, ctx: Context): Promise<RelapseRiskReportEntity[]> {
  const scope = pathScope('r.owner_unit_path', ctx.caller);
  const since = args.since ?? addDays(today(), -30);
  const rows = await ctx.db
    .getRepository(RelapseRiskReportEntity)
    .createQueryBuilder('r')
    .where(scope.sql, scope.params)
    .andWhere('r.observed_on >= :since', { since })
    .orderBy('r.observed_on', 'DESC')
    .addOrderBy('r.received_at', 'DESC')
    .addOrderBy('r.id', 'ASC')
    .getMany();
  // Root worklist, not below Person: the read of each person's report is audited here.
  for (const r of rows) ctx.audit.read('RelapseRiskReport', 'observedOn', r.personId);
  return rows;
}
