import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { lockProgrammeRecord, programmeUnit, requireUnit, unitSubtree, type RecordName } from '@rehab/server-kit';
import type { Caller } from '@rehab/shared-schema';
import type { BudgetLineInput, BudgetLineResolvers, MutationResolvers, QueryResolvers } from '../__generated__/resolvers';
import { BudgetLineEntity, BudgetSpendingEntity } from '../entities/BudgetLine';
import { badInput, checkNotFuture, optionalText } from '../rules/errors';
import { inTransaction } from './support';
import { unitOf } from '../resolvers/unit';

const LINE: RecordName = { vi: 'dòng kinh phí', en: 'budget line' };
const MAX_LISTED = 200;
/** A line or a spending: a whole number of million VND, up to ten million million (10,000 billion VND). */
const MAX_AMOUNT = 10_000_000;

function amountOf(value: number, field: string): number {
  if (!Number.isInteger(value) || value <= 0 || value > MAX_AMOUNT) {
    throw badInput(
      {
        vi: 'Số tiền (triệu đồng) phải là số nguyên dương, tối đa 10.000.000',
        en: 'Amounts (million VND) must be whole numbers from 1 to 10,000,000',
      },
      field,
    );
  }
  return value;
}

function yearOf(value: number): number {
  if (!Number.isInteger(value) || value < 2000 || value > 2100) {
    throw badInput({ vi: 'Năm ngân sách không hợp lệ', en: 'Invalid fiscal year' }, 'input.fiscalYear');
  }
  return value;
}

function fieldsOf(caller: Caller, input: BudgetLineInput) {
  const unit = programmeUnit(caller, input.unitCode, 'input.unitCode', input.allocatedOn, LINE);
  checkNotFuture(input.allocatedOn, 'input.allocatedOn');
  const fiscalYear = yearOf(input.fiscalYear);
  // A year's estimate is decided in the year before it at the earliest.
  if (Number(input.allocatedOn.slice(0, 4)) < fiscalYear - 1) {
    throw badInput(
      { vi: 'Kinh phí được giao từ năm trước năm ngân sách', en: 'Allocated in the year before the fiscal year at the earliest' },
      'input.allocatedOn',
    );
  }
  return {
    unitCode: unit.code,
    ownerUnitPath: unit.path,
    fiscalYear,
    source: input.source,
    activity: input.activity,
    allocated: amountOf(input.allocated, 'input.allocated'),
    allocatedOn: input.allocatedOn,
    note: optionalText(input.note, 'input.note', { vi: 'ghi chú', en: 'note' }, 1000),
  };
}

const AUDITED = ['activity', 'allocated', 'allocatedOn', 'fiscalYear', 'source', 'unit'];

/** The lines with their spendings, in one query for all of them. */
async function withSpendings(manager: EntityManager, lines: BudgetLineEntity[]): Promise<BudgetLineEntity[]> {
  const ids = lines.map((l) => l.id);
  const spendings =
    ids.length === 0
      ? []
      : await manager
          .getRepository(BudgetSpendingEntity)
          .createQueryBuilder('s')
          .where('s.budget_line_id IN (:...ids)', { ids })
          .orderBy('s.spent_on', 'ASC')
          .addOrderBy('s.id', 'ASC')
          .getMany();
  const byLine = new Map<string, BudgetSpendingEntity[]>();
  for (const s of spendings) byLine.set(s.budgetLineId, [...(byLine.get(s.budgetLineId) ?? []), s]);
  for (const line of lines) line.spendings = byLine.get(line.id) ?? [];
  return lines;
}

const reload = async (manager: EntityManager, id: string) => {
  const [line] = await withSpendings(manager, [await manager.getRepository(BudgetLineEntity).findOneByOrFail({ id })]);
  return line as BudgetLineEntity;
};

const lockLine = (manager: EntityManager, caller: Caller, id: string, expectedVersion: number) =>
  lockProgrammeRecord(manager, caller, { entity: BudgetLineEntity, name: LINE, id, expectedVersion, sameAgency: true });

export const budgetMutations: Pick<MutationResolvers, 'recordBudgetLine' | 'updateBudgetLine' | 'recordBudgetSpending'> = {
  recordBudgetLine: (_parent, { input }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const id = randomUUID();
      await manager.getRepository(BudgetLineEntity).insert({
        id,
        ...fieldsOf(ctx.caller, input),
        agency: ctx.caller.agency,
        spent: 0,
        recordedBy: ctx.caller.username,
        version: 1,
      });
      await ctx.audit.change(manager, 'BudgetLine', AUDITED, null);
      return reload(manager, id);
    }),

  updateBudgetLine: (_parent, { id, expectedVersion, input }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const row = await lockLine(manager, ctx.caller, id, expectedVersion);
      const fields = fieldsOf(ctx.caller, input);
      if (row.spent > 0 && fields.fiscalYear !== row.fiscalYear) {
        throw badInput(
          { vi: 'Đã có chi tiêu: không đổi năm ngân sách', en: 'Spending recorded: the fiscal year stays' },
          'input.fiscalYear',
        );
      }
      if (fields.allocated < row.spent) {
        throw badInput(
          {
            vi: `Kinh phí giao không thể thấp hơn số đã chi (${row.spent} triệu đồng)`,
            en: `The allocation cannot fall below what was spent (${row.spent} million VND)`,
          },
          'input.allocated',
        );
      }
      await manager.getRepository(BudgetLineEntity).update({ id: row.id }, { ...fields, version: row.version + 1 });
      await ctx.audit.change(manager, 'BudgetLine', AUDITED, null);
      return reload(manager, row.id);
    }),

  recordBudgetSpending: (_parent, { id, expectedVersion, input }, ctx) =>
    inTransaction(ctx, async (manager) => {
      const row = await lockLine(manager, ctx.caller, id, expectedVersion);
      checkNotFuture(input.spentOn, 'input.spentOn');
      if (Number(input.spentOn.slice(0, 4)) !== row.fiscalYear) {
        throw badInput(
          { vi: `Ngày chi phải trong năm ngân sách ${row.fiscalYear}`, en: `Spent within the fiscal year ${row.fiscalYear}` },
          'input.spentOn',
        );
      }
      const amount = amountOf(input.amount, 'input.amount');
      if (row.spent + amount > row.allocated) {
        throw badInput(
          {
            vi: `Vượt kinh phí được giao: còn ${row.allocated - row.spent} triệu đồng`,
            en: `Beyond the allocation: ${row.allocated - row.spent} million VND left`,
          },
          'input.amount',
        );
      }
      await manager.getRepository(BudgetSpendingEntity).insert({
        id: randomUUID(),
        budgetLineId: row.id,
        spentOn: input.spentOn,
        amount,
        note: optionalText(input.note, 'input.note', { vi: 'nội dung chi', en: 'note' }, 1000),
        recordedBy: ctx.caller.username,
      });
      await manager
        .getRepository(BudgetLineEntity)
        .update({ id: row.id }, { spent: row.spent + amount, version: row.version + 1 });
      await ctx.audit.change(manager, 'BudgetSpending', ['amount', 'spentOn'], null);
      return reload(manager, row.id);
    }),
};

/** Public finance (ngân sách được công khai): anyone reads any unit's lines. */
export const budgetQueries: Pick<QueryResolvers, 'budgetLines'> = {
  budgetLines: async (_parent, { unitCode, fiscalYear }, ctx) => {
    const unit = requireUnit(unitCode, 'unitCode', ['COMMUNE', 'PROVINCE']);
    const within = unitSubtree('b.owner_unit_path', unit.path);
    const lines = await ctx.db
      .getRepository(BudgetLineEntity)
      .createQueryBuilder('b')
      .where(within.sql, within.params)
      .andWhere('b.fiscal_year = :year', { year: fiscalYear })
      .orderBy('b.activity', 'ASC')
      .addOrderBy('b.source', 'ASC')
      .addOrderBy('b.id', 'ASC')
      .limit(MAX_LISTED)
      .getMany();
    return withSpendings(ctx.db.manager, lines);
  },
};

export const BudgetLine: BudgetLineResolvers = {
  unit: (b, _args, ctx) => unitOf(b.unitCode, ctx),
  spendings: async (b, _args, ctx) => b.spendings ?? (await withSpendings(ctx.db.manager, [b]))[0]?.spendings ?? [],
};
