import { domainError, isIsoDate, pathScope, type ConnectionParent } from '@rehab/server-kit';
import { todayInHanoi } from '@rehab/shared-schema';
import type {
  ElectronicMonitoringOrderResolvers,
  MonitoringAlertResolvers,
  QueryMonitoringAlertsAwaitingAcknowledgementArgs,
  QuerySummonsesAwaitingOutcomeArgs,
  SummonsResolvers,
  TransferNoticeResolvers,
} from '../__generated__/resolvers';
import type { Context } from '../context';
import type { PersonEntity } from '../entities/Person';
import { MonitoringAlertEntity } from '../entities/MonitoringAlert';
import { SummonsEntity } from '../entities/Summons';
import { presentationStatus, wasRecordedLate } from '../rules/law-120';
import { keysetPage } from './connections';

export type SummonsConnectionParent = ConnectionParent<SummonsEntity>;
export type MonitoringAlertConnectionParent = ConnectionParent<MonitoringAlertEntity>;

const isInstant = (v: string): boolean => !Number.isNaN(Date.parse(v));

async function personOf(record: { personId: string }, ctx: Context): Promise<PersonEntity> {
  const person = await ctx.loaders.personById.load(record.personId);
  if (!person) throw new Error(`Person ${record.personId} of a visible record is out of scope`);
  return person;
}

/** Summonses of the caller's unit whose appearance date is before asOf (default today) with no outcome, oldest first. */
export function summonsesAwaitingOutcome(
  args: QuerySummonsesAwaitingOutcomeArgs,
  ctx: Context,
): Promise<SummonsConnectionParent> {
  const asOf = args.asOf ?? todayInHanoi();
  const scope = pathScope('s.owner_unit_path', ctx.caller, { personColumn: 's.person_id' });
  const query = ctx.db
    .getRepository(SummonsEntity)
    .createQueryBuilder('s')
    .where(scope.sql, scope.params)
    .andWhere('s.outcome IS NULL')
    .andWhere('s.appear_on < :asOf', { asOf });
  return keysetPage(query, {
    first: args.first,
    after: args.after,
    sortSql: 's.appear_on',
    sortType: 'date',
    idSql: 's.id',
    sortOf: (s) => s.appearOn,
    validSort: isIsoDate,
  });
}

/** Unacknowledged device alerts of persons of the caller's unit, oldest event first. */
export function monitoringAlertsAwaitingAcknowledgement(
  args: QueryMonitoringAlertsAwaitingAcknowledgementArgs,
  ctx: Context,
): Promise<MonitoringAlertConnectionParent> {
  const scope = pathScope('a.owner_unit_path', ctx.caller, { personColumn: 'a.person_id' });
  const query = ctx.db
    .getRepository(MonitoringAlertEntity)
    .createQueryBuilder('a')
    .where(scope.sql, scope.params)
    .andWhere('a.acknowledged_at IS NULL');
  return keysetPage(query, {
    first: args.first,
    after: args.after,
    sortSql: 'a.occurred_at',
    sortType: 'timestamptz',
    idSql: 'a.id',
    sortOf: (a) => a.occurredAt.toISOString(),
    validSort: isInstant,
  });
}

function instant(value: string | null | undefined, field: string): Date {
  if (value === null || value === undefined) return new Date();
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw domainError('BAD_USER_INPUT', { vi: `Thời điểm không hợp lệ: ${value}`, en: `Invalid time: ${value}` }, { field });
  }
  return date;
}

export const Summons: SummonsResolvers = {
  person: (s, _args, ctx) => personOf(s, ctx),
};

export const MonitoringAlert: MonitoringAlertResolvers = {
  person: (a, _args, ctx) => personOf(a, ctx),
};

export const ElectronicMonitoringOrder: ElectronicMonitoringOrderResolvers = {
  person: (o, _args, ctx) => personOf(o, ctx),
  alerts: (o, _args, ctx) => ctx.loaders.alertsByOrder.load(o.id),
};

/** Law 120 fields of a move (the rest of TransferNotice is in records.ts). */
export const transferNoticeLaw120: TransferNoticeResolvers = {
  handOverDueAt: (n) => n.dueAt?.toISOString() ?? null,
  recordedLate: (n) => wasRecordedLate(n),
  presentationStatus: (n, args) => presentationStatus(n, instant(args.asOf, 'asOf')),
};
