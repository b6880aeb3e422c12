import type {
  AbsconderSearchResolvers,
  DrugUserManagementResolvers,
  RehabCompletionNoticeResolvers,
  RelapseRiskReportResolvers,
  TransferNoticeResolvers,
} from '../__generated__/resolvers';
import type { Context } from '../context';
import type { PersonEntity } from '../entities/Person';
import { isOverdue } from '../rules/notices';
import { knownUnit } from './units';
import { transferNoticeLaw120 } from './law-120';

/** The person a record belongs to (records and persons share their owner unit, so it is in scope). */
async function personOf(record: { personId: string }, ctx: Context): Promise<PersonEntity> {
  const person = await ctx.loaders.personById.load(record.personId);
  if (!person) throw new Error(`Person ${record.personId} of a visible record is out of scope`);
  return person;
}

export const DrugUserManagement: DrugUserManagementResolvers = {
  person: (m, _args, ctx) => personOf(m, ctx),
  checkIns: (m, _args, ctx) => ctx.loaders.checkInsByManagement.load(m.id),
  substanceDeclarations: (m, _args, ctx) => ctx.loaders.declarationsByManagement.load(m.id),
  summonses: (m, _args, ctx) => ctx.loaders.summonsesByManagement.load(m.id),
};

export const TransferNotice: TransferNoticeResolvers = {
  // The sending commune still sees its notice after the person left its unit: null there.
  person: (n, _args, ctx) => ctx.loaders.personById.load(n.personId),
  fromUnit: (n, _args, ctx) => knownUnit(ctx, n.fromUnitCode),
  toUnit: (n, _args, ctx) => knownUnit(ctx, n.toUnitCode),
  overdue: (n, args) => isOverdue(n, args.asOf ? new Date(args.asOf) : new Date()),
  ...transferNoticeLaw120,
};

export const AbsconderSearch: AbsconderSearchResolvers = {
  person: (s, _args, ctx) => personOf(s, ctx),
  facility: (s, _args, ctx) => knownUnit(ctx, s.facilityCode),
};

export const RehabCompletionNotice: RehabCompletionNoticeResolvers = {
  person: (c, _args, ctx) => personOf(c, ctx),
  facility: (c, _args, ctx) => (c.facilityCode ? knownUnit(ctx, c.facilityCode) : null),
};

export const RelapseRiskReport: RelapseRiskReportResolvers = {
  person: (r, _args, ctx) => personOf(r, ctx),
};
