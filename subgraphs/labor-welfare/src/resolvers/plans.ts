import {
  actsOn,
  checkUuid,
  cursorParts,
  domainError,
  encodeCursor,
  mayReadIndicators,
  pageSize,
  recordNotFound,
  requireResponsible,
  requireUnit,
} from '@rehab/server-kit';
import {
  indicatorByCode,
  todayInHanoi,
  unitAt,
  unitByCode,
  units,
  type AdministrativeUnitRecord,
  type Caller,
  type LocalizedText,
} from '@rehab/shared-schema';
import type { EntityManager } from 'typeorm';
import { planDate } from '../plans/dates';
import {
  checkDefinition,
  checkMeasure,
  DEFAULT_TOTAL_ROW_NAMES,
  definitionVersions,
  hanoiDefinitionId,
  listDefinitions,
  loadDefinition,
  loadMeasures,
  type DefinitionInput,
  type PlanMeasureRecord,
  type TableDefinition,
} from '../plans/definition';
import type {
  MutationResolvers,
  PlanColumnRelationResolvers,
  PlanImportProblemResolvers,
  PlanImportResultResolvers,
  PlanMeasureResolvers,
  PlanMeasureTargetResolvers,
  PlanResolvers,
  PlanTableColumnResolvers,
  PlanTableDefinitionInput,
  PlanTableDefinitionResolvers,
  PlanTargetResolvers,
  QueryResolvers,
} from '../__generated__/resolvers';
import type { Context } from '../context';
import { PlanEntity } from '../entities/Plan';
import { PlanTargetEntity } from '../entities/PlanTarget';
import type { PlanTargetConnectionView } from '../indicators/views';
import { measureTargets } from '../plans/measure-targets';
import { checkDefinitionFits, importPlanTable, type PlanFile } from '../plans/import';
import { checkPlanYear } from '../rules/plan';
import { unitOf } from './unit';

export const PLAN_NAME = { vi: 'kế hoạch', en: 'plan' };

/** The plan with this id, or NOT_FOUND (plans are not scoped: every officer may read them). */
export async function planOrNotFound(ctx: Context, id: string, field = 'plan'): Promise<PlanEntity> {
  const plan = await ctx.loaders.planById.load(checkUuid(id, field));
  if (!plan) throw recordNotFound(PLAN_NAME, id, field);
  return plan;
}

export function unitOrBadInput(code: string, field: string): AdministrativeUnitRecord {
  const unit = unitByCode(code);
  if (!unit)
    throw domainError(
      'BAD_USER_INPUT',
      { vi: `Không có đơn vị hành chính mã ${code}`, en: `No administrative unit with code ${code}` },
      { field },
    );
  return unit;
}

/**
 * Plans and table definitions are made and filled by province-level officers of the agency
 * that runs rehab that day (the labour department until 28 February 2025, the provincial
 * police since), or a supervisor, for units their own unit covers (a province's officer for
 * its districts and communes, and for those of the provinces merged into it).
 */
function checkPlanner(caller: Caller, unitPath: string): void {
  requireResponsible(caller, 'REHAB_STATE_MANAGEMENT', todayInHanoi());
  if (!actsOn(caller, unitPath)) {
    throw domainError('FORBIDDEN', {
      vi: 'Chỉ cán bộ cấp tỉnh, thành phố quản lý đơn vị này được lập kế hoạch, bảng chỉ tiêu và nhập chỉ tiêu',
      en: 'Only province-level officers whose province covers this unit may create plans and tables and import targets',
    });
  }
}

const text = (t: LocalizedText, locale: string | null | undefined): string => (locale === 'EN' ? t.en : t.vi);

function targetCursor(after: string): [string, string] {
  return cursorParts(after, 2) as [string, string];
}

async function targetsPage(
  ctx: Context,
  plan: PlanEntity,
  args: { first?: number | null; after?: string | null; unitCode?: string | null; indicatorCode?: string | null },
): Promise<PlanTargetConnectionView> {
  const size = pageSize(args.first, 50);
  const query = ctx.db.getRepository(PlanTargetEntity).createQueryBuilder('t').where('t.plan_id = :planId', { planId: plan.id });
  if (args.unitCode) {
    const path = unitOrBadInput(args.unitCode, 'unitCode').path;
    query.andWhere('(t.unit_path = :path OR t.unit_path LIKE :like)', { path, like: `${path}.%` });
  }
  if (args.indicatorCode) query.andWhere('t.indicator_code = :code', { code: args.indicatorCode });
  const totalCount = await query.clone().getCount();
  if (args.after) {
    const [path, code] = targetCursor(args.after);
    query.andWhere('(t.unit_path, t.indicator_code) > (:afterPath, :afterCode)', { afterPath: path, afterCode: code });
  }
  const rows = await query
    .orderBy('t.unit_path', 'ASC')
    .addOrderBy('t.indicator_code', 'ASC')
    .limit(size + 1)
    .getMany();
  const nodes = rows.slice(0, size);
  const last = nodes[nodes.length - 1];
  return {
    nodes,
    totalCount,
    hasNextPage: rows.length > size,
    endCursor: last ? encodeCursor(JSON.stringify([last.unitPath, last.indicator])) : null,
  };
}

export const Plan: PlanResolvers = {
  __resolveReference: (ref, ctx) => ctx.loaders.planById.load(ref.id),
  province: (plan, _args, ctx) => unitOf(plan.provinceCode, ctx, unitAt(plan.provinceCode, planDate(plan.year))?.path),
  unit: (plan, _args, ctx) => unitOf(plan.unitCode, ctx, unitAt(plan.unitCode, planDate(plan.year))?.path),
  targets: (plan, args, ctx) => targetsPage(ctx, plan, args),
  targetOnlyMeasures: async (plan, { unit: code }, ctx) => {
    const unit = unitAt(code, planDate(plan.year)) ?? unitOrBadInput(code, 'unit');
    if (!mayReadIndicators(ctx.caller, unit.path)) {
      throw domainError(
        'FORBIDDEN',
        {
          vi: `Bạn chỉ xem được chỉ tiêu của đơn vị mình và các đơn vị trực thuộc (${unit.name} nằm ngoài phạm vi)`,
          en: `You may read the targets of your own unit and the units beneath it (${unit.name} is outside)`,
        },
        { field: 'unit' },
      );
    }
    return measureTargets(ctx.db, plan.id, unit);
  },
};

export const PlanMeasureTarget: PlanMeasureTargetResolvers = {
  actual: () => null,
};

export const PlanTargetExtra: Pick<PlanTargetResolvers, 'id' | 'plan'> = {
  id: (t) => String(t.id),
  plan: async (t, _args, ctx) => {
    const plan = await ctx.loaders.planById.load(t.planId);
    if (!plan) throw new Error(`target ${t.id} has no plan`);
    return plan;
  },
};

export const planQueries: Pick<
  QueryResolvers,
  'plans' | 'plan' | 'planTableDefinitions' | 'planTableDefinition' | 'planMeasures'
> = {
  plans: async (_parent, { year, provinceCode, unitCode }, ctx) => {
    const query = ctx.db.getRepository(PlanEntity).createQueryBuilder('p');
    if (year !== null && year !== undefined) {
      checkPlanYear(year);
      query.andWhere('p.plan_year = :year', { year });
    }
    if (provinceCode) query.andWhere('p.province_code = :provinceCode', { provinceCode });
    if (unitCode) query.andWhere('p.unit_code = :unitCode', { unitCode });
    const plans = await query.orderBy('p.plan_year', 'DESC').addOrderBy('p.title', 'ASC').getMany();
    for (const p of plans) ctx.loaders.planById.prime(p.id, p);
    return plans;
  },
  plan: async (_parent, { id }, ctx) => ctx.loaders.planById.load(checkUuid(id, 'id')),
  planTableDefinitions: async (_parent, { unitCode }, ctx) =>
    listDefinitions(ctx.db, unitCode ? [unitOrBadInput(unitCode, 'unitCode').code] : null),
  planTableDefinition: async (_parent, { id, version }, ctx) => loadDefinition(ctx.db, checkUuid(id, 'id'), version),
  planMeasures: async (_parent, _args, ctx) => [...(await loadMeasures(ctx.db)).values()],
};

const DEFINITION_NAME = { vi: 'bảng chỉ tiêu', en: 'plan table definition' };

/** The input as a definition, with the target-only measures it defines inline (checked). */
function definitionInput(
  input: PlanTableDefinitionInput,
  unitCode: string,
): {
  definition: DefinitionInput;
  newMeasures: PlanMeasureRecord[];
} {
  const newMeasures: PlanMeasureRecord[] = [];
  const columns = input.columns.map((c, i) => {
    const field = `input.columns.${i}`;
    if ((c.indicatorCode ? 1 : 0) + (c.measure ? 1 : 0) !== 1) {
      throw domainError(
        'BAD_USER_INPUT',
        {
          vi: `Cột "${c.header}" phải ghi đúng một trong: mã chỉ số (indicatorCode) hoặc chỉ tiêu riêng (measure)`,
          en: `The column "${c.header}" must give exactly one of an indicator code (indicatorCode) and a target-only measure (measure)`,
        },
        { field },
      );
    }
    if (c.indicatorCode && !indicatorByCode(c.indicatorCode)) {
      throw domainError(
        'BAD_USER_INPUT',
        {
          vi: `Cột "${c.header}": không có chỉ số mã ${c.indicatorCode} trong danh mục`,
          en: `Column "${c.header}": the catalogue has no indicator ${c.indicatorCode}`,
        },
        { field: `${field}.indicatorCode` },
      );
    }
    if (c.measure) {
      const m: PlanMeasureRecord = {
        code: c.measure.code.trim(),
        unitCode,
        measure: c.measure.measure ?? 'COUNT',
        name: { vi: c.measure.nameVi.trim(), en: c.measure.nameEn.trim() },
        definition: { vi: c.measure.definitionVi.trim(), en: c.measure.definitionEn.trim() },
      };
      checkMeasure(m, `${field}.measure`);
      newMeasures.push(m);
    }
    return {
      header: c.header.trim(),
      variants: (c.headerVariants ?? []).map((v) => v.trim()).filter((v) => v !== ''),
      label: { vi: c.labelVi.trim(), en: c.labelEn.trim() },
      measure: c.indicatorCode ?? c.measure?.code.trim() ?? '',
    };
  });
  return {
    definition: {
      name: input.name.trim(),
      rows: input.rows,
      columns,
      relations: (input.relations ?? []).map((r) => ({
        kind: r.kind,
        column: r.column.trim(),
        parts: r.parts.map((p) => p.trim()),
      })),
      totalRowNames: (input.totalRowNames ?? DEFAULT_TOTAL_ROW_NAMES).map((n) => n.trim()).filter((n) => n !== ''),
      unitsAddUp: input.unitsAddUp ?? true,
    },
    newMeasures,
  };
}

/**
 * Stores the target-only measures a definition names: a new code is created for the unit;
 * a code another unit defined is a CONFLICT; the unit's own code takes the texts given.
 */
async function saveMeasures(manager: EntityManager, measures: readonly PlanMeasureRecord[]): Promise<void> {
  for (const m of measures) {
    const rows = await manager.query<{ unit_code: string }[]>(
      `INSERT INTO plan_measure (code, unit_code, measure, name_vi, name_en, definition_vi, definition_en)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (code) DO UPDATE SET name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en,
        definition_vi = EXCLUDED.definition_vi, definition_en = EXCLUDED.definition_en, measure = EXCLUDED.measure,
        version = plan_measure.version + 1
        WHERE plan_measure.unit_code = EXCLUDED.unit_code AND (plan_measure.name_vi, plan_measure.name_en, plan_measure.definition_vi,
          plan_measure.definition_en, plan_measure.measure) IS DISTINCT FROM (EXCLUDED.name_vi, EXCLUDED.name_en,
          EXCLUDED.definition_vi, EXCLUDED.definition_en, EXCLUDED.measure)
      RETURNING unit_code`,
      [m.code, m.unitCode, m.measure, m.name.vi, m.name.en, m.definition.vi, m.definition.en],
    );
    if (rows.length > 0) continue;
    const [owner] = await manager.query<{ unit_code: string }[]>('SELECT unit_code FROM plan_measure WHERE code = $1', [m.code]);
    if (owner && owner.unit_code !== m.unitCode) {
      throw domainError(
        'CONFLICT',
        {
          vi: `Mã chỉ tiêu ${m.code} đã được đơn vị ${owner.unit_code} định nghĩa`,
          en: `The measure code ${m.code} is already defined by the unit ${owner.unit_code}`,
        },
        { field: 'input.columns' },
      );
    }
  }
}

/** Checks an input, stores its measures and a version of the definition; answers the stored version. */
async function saveDefinition(
  ctx: Context,
  input: PlanTableDefinitionInput,
  existing: TableDefinition | null,
): Promise<TableDefinition> {
  const unit = requireUnit(
    input.unitCode,
    'input.unitCode',
    ['PROVINCE', 'DISTRICT', 'COMMUNE'],
    unitByCode(input.unitCode)?.validFrom,
  );
  if (existing && existing.unitCode !== unit.code) {
    throw domainError(
      'BAD_USER_INPUT',
      { vi: 'Không đổi được đơn vị của bảng; hãy tạo bảng mới', en: "A table's unit cannot change; create a new table" },
      { field: 'input.unitCode' },
    );
  }
  checkPlanner(ctx.caller, (units().current(unit.code) ?? unit).path);
  const { definition, newMeasures } = definitionInput(input, unit.code);
  const id = await ctx.db.transaction(async (manager) => {
    await saveMeasures(manager, newMeasures);
    checkDefinition(definition, await loadMeasures(manager));
    let definitionId: string;
    let version: number;
    if (existing) {
      const [row] = await manager.query<{ latest_version: number }[]>(
        'UPDATE plan_table_definition SET latest_version = latest_version + 1 WHERE id = $1 RETURNING latest_version',
        [existing.id],
      );
      definitionId = existing.id;
      version = row?.latest_version ?? existing.latestVersion + 1;
    } else {
      const [row] = await manager.query<{ id: string }[]>(
        'INSERT INTO plan_table_definition (id, unit_code) VALUES (gen_random_uuid(), $1) RETURNING id',
        [unit.code],
      );
      if (!row) throw new Error('definition not inserted');
      definitionId = row.id;
      version = 1;
    }
    await manager.query(
      `INSERT INTO plan_table_version (definition_id, version, name, row_kind, columns, relations, total_row_names, units_add_up, created_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        definitionId,
        version,
        definition.name,
        definition.rows,
        JSON.stringify(definition.columns),
        JSON.stringify(definition.relations),
        JSON.stringify(definition.totalRowNames),
        definition.unitsAddUp,
        ctx.caller.username,
      ],
    );
    await ctx.audit.change(manager, 'PlanTableDefinition', ['name', 'columns', 'relations', 'rows'], null);
    return definitionId;
  });
  const saved = await loadDefinition(ctx.db, id);
  if (!saved) throw new Error(`definition ${id} not stored`);
  return saved;
}

async function definitionOrNotFound(ctx: Context, id: string, version: number | null | undefined, field: string) {
  const definition = await loadDefinition(ctx.db, checkUuid(id, field), version);
  if (!definition) throw recordNotFound(DEFINITION_NAME, version ? `${id} v${version}` : id, field);
  return definition;
}

/** The file of an import: `csv` (text) or `file` (base64), exactly one. */
function importFile(
  csv: string | null | undefined,
  file: { format: 'CSV' | 'XLSX'; base64: string } | null | undefined,
): PlanFile {
  if ((csv !== null && csv !== undefined) === (file !== null && file !== undefined)) {
    throw domainError(
      'BAD_USER_INPUT',
      { vi: 'Cần đúng một tệp: csv hoặc file', en: 'Give exactly one file: csv or file' },
      { field: 'file' },
    );
  }
  return file ? { format: file.format, base64: file.base64 } : { format: 'TEXT', text: csv ?? '' };
}

export const planMutations: Pick<
  MutationResolvers,
  'createPlan' | 'importPlanTargets' | 'createPlanTableDefinition' | 'updatePlanTableDefinition'
> = {
  createPlan: async (_parent, { input }, ctx) => {
    checkPlanYear(input.year);
    if ((input.unitCode ? 1 : 0) + (input.provinceCode ? 1 : 0) !== 1) {
      throw domainError(
        'BAD_USER_INPUT',
        { vi: 'Cần đúng một trong: unitCode hoặc provinceCode', en: 'Give exactly one of unitCode and provinceCode' },
        { field: 'unitCode' },
      );
    }
    // The unit as it was when the plan's year began (code 15 is Yên Bái in 2024, Lào Cai in 2026; districts end on 30 June 2025).
    const unit = input.provinceCode
      ? requireUnit(input.provinceCode, 'provinceCode', ['PROVINCE'], planDate(input.year))
      : requireUnit(input.unitCode ?? '', 'unitCode', ['PROVINCE', 'DISTRICT', 'COMMUNE'], planDate(input.year));
    const province = unit.level === 'PROVINCE' ? unit : unitAt(unit.path.split('.')[0] ?? '', planDate(input.year));
    if (!province) throw new Error(`unit ${unit.code} has no province on ${planDate(input.year)}`);
    const title = input.title.trim();
    if (title.length === 0 || title.length > 300) {
      throw domainError(
        'BAD_USER_INPUT',
        { vi: 'Tên kế hoạch phải có từ 1 đến 300 ký tự', en: 'The plan title must have 1 to 300 characters' },
        { field: 'title' },
      );
    }
    checkPlanner(ctx.caller, unit.path);
    const id = await ctx.db.transaction(async (manager) => {
      const rows = await manager.query<{ id: string }[]>(
        `INSERT INTO plan (id, province_code, unit_code, plan_year, title) VALUES (gen_random_uuid(), $1, $2, $3, $4)
        ON CONFLICT ON CONSTRAINT plan_unique_title DO NOTHING RETURNING id`,
        [province.code, unit.code, input.year, title],
      );
      if (!rows[0]) {
        throw domainError(
          'CONFLICT',
          { vi: `Đã có kế hoạch "${title}" năm ${input.year}`, en: `A plan "${title}" of ${input.year} already exists` },
          { field: 'title' },
        );
      }
      await ctx.audit.change(manager, 'Plan', ['provinceCode', 'unitCode', 'title', 'year'], null);
      return rows[0].id;
    });
    return planOrNotFound(ctx, id, 'id');
  },
  importPlanTargets: async (_parent, { plan: planId, definition: definitionId, definitionVersion, table, csv, file }, ctx) => {
    const plan = await planOrNotFound(ctx, planId);
    checkPlanner(ctx.caller, (unitAt(plan.unitCode, planDate(plan.year)) ?? unitOrBadInput(plan.unitCode, 'plan')).path);
    if ((definitionId ? 1 : 0) + (table ? 1 : 0) !== 1) {
      throw domainError(
        'BAD_USER_INPUT',
        { vi: 'Cần đúng một trong: definition hoặc table', en: 'Give exactly one of definition and table' },
        { field: 'definition' },
      );
    }
    const definition = await definitionOrNotFound(
      ctx,
      definitionId ?? hanoiDefinitionId(table ?? 'DISTRICT'),
      definitionVersion,
      'definition',
    );
    checkDefinitionFits(definition, plan);
    const source = importFile(csv, file);
    return ctx.db.transaction(async (manager) => {
      const outcome = await importPlanTable(manager, plan, definition, source, ctx.caller.username);
      // Audited when something changed (the same file again changes nothing, audits nothing).
      if (!outcome.nothingChanged) await ctx.audit.change(manager, 'PlanTarget', ['target'], null);
      return outcome;
    });
  },
  createPlanTableDefinition: async (_parent, { input }, ctx) => saveDefinition(ctx, input, null),
  updatePlanTableDefinition: async (_parent, { id, input }, ctx) =>
    saveDefinition(ctx, input, await definitionOrNotFound(ctx, id, null, 'id')),
};

export const PlanTableDefinition: PlanTableDefinitionResolvers = {
  unit: (d, _args, ctx) => unitOf(d.unitCode, ctx),
  createdAt: (d) => d.createdAt.toISOString(),
  versions: (d, _args, ctx) => definitionVersions(ctx.db, d.id),
};

export const PlanTableColumn: PlanTableColumnResolvers = {
  headerVariants: (c) => c.variants,
  label: (c, { locale }) => text(c.label, locale),
  measure: async (c, _args, ctx) => {
    const indicator = indicatorByCode(c.measure);
    if (indicator) {
      return {
        code: indicator.code,
        unitCode: '',
        measure: indicator.measure,
        name: indicator.name,
        definition: indicator.definition,
      };
    }
    const measure = (await loadMeasures(ctx.db, [c.measure])).get(c.measure);
    if (!measure) throw new Error(`column ${c.header} measures an unknown ${c.measure}`);
    return measure;
  },
};

export const PlanColumnRelation: PlanColumnRelationResolvers = {};

export const PlanMeasure: PlanMeasureResolvers = {
  name: (m, { locale }) => text(m.name, locale),
  definition: (m, { locale }) => text(m.definition, locale),
  targetOnly: (m) => !indicatorByCode(m.code),
  indicator: (m) => indicatorByCode(m.code) ?? null,
  unit: (m, _args, ctx) => (indicatorByCode(m.code) ? null : unitOf(m.unitCode, ctx)),
};

export const PlanImportResultExtra: Pick<PlanImportResultResolvers, 'definition'> = {
  definition: (r) => r.definition,
};

export const PlanImportProblemExtra: Pick<PlanImportProblemResolvers, 'closestUnits'> = {
  closestUnits: (p) => p.closest,
};
