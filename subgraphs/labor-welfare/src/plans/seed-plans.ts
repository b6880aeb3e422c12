import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from 'typeorm';
import { DATA_DIR, DISTRICT_TARGETS_FILE, FACILITY_TARGETS_FILE, HANOI_CODE } from '@rehab/shared-schema';
import type { PlanEntity } from '../entities/Plan';
import { demoPlanId, yearPlanId } from './ids';
import { hanoiDefinitionId, loadDefinition, type TableDefinition } from './definition';
import { importPlanTable } from './import';
import { parseCsv } from '@rehab/shared-schema';

export const HANOI_2022_TITLE = 'Kế hoạch năm 2022 (Thành phố Hà Nội)';
export const DEMO_2026_TITLE = 'Kế hoạch 2026 (dữ liệu minh hoạ)';
export const hanoi2022PlanId = (): string => yearPlanId(HANOI_CODE, 2022);
export const demo2026PlanId = (): string => demoPlanId(HANOI_CODE, 2026);

/** Share of the 2022 targets the demo plan asks of the (smaller) demo population (3,000 persons by default). */
const DEMO_SCALE = 0.35;

/**
 * City-wide targets of the demo plan that the published tables do not carry, as a total
 * row: the plans' headline shares in percent (above 80% of managed people treated, Lào
 * Cai's 70% in maintenance, 100% of completions managed) and methadone patients (Hà Nội's
 * 6,500 scaled to the demo population).
 */
const DEMO_CITY_TARGETS = `unit,RECORDS_IN_TREATMENT_SHARE,METHADONE_MAINTENANCE_SHARE,COMPLETIONS_UNDER_MANAGEMENT_SHARE,METHADONE_MAINTAINED
Toàn thành phố,80,70,100,650
`;

async function insertPlan(manager: EntityManager, id: string, year: number, title: string): Promise<PlanEntity> {
  await manager.query('INSERT INTO plan (id, province_code, unit_code, plan_year, title) VALUES ($1, $2, $2, $3, $4)', [
    id,
    HANOI_CODE,
    year,
    title,
  ]);
  const [plan] = await manager.query<PlanEntity[]>(
    'SELECT id, province_code AS "provinceCode", unit_code AS "unitCode", plan_year AS year, title FROM plan WHERE id = $1',
    [id],
  );
  if (!plan) throw new Error('plan not inserted');
  return plan;
}

/** An illustrative table: the 2022 table with every number scaled (at least 1), totals recomputed from their parts. */
function demoTable(csv: string): string {
  const { header, rows } = parseCsv(csv);
  const totalAt = header.cells.findIndex((h) => h.startsWith('models_total'));
  const lines = rows.map(({ cells }) => {
    const scaled = cells.map((c, i) =>
      i === 0 || c.trim() === '' ? c : String(Math.max(1, Math.round(Number(c) * DEMO_SCALE))),
    );
    if (totalAt > 0) scaled[totalAt] = String(Number(scaled[totalAt - 2]) + Number(scaled[totalAt - 1]));
    return scaled.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',');
  });
  return [header.cells.join(','), ...lines].join('\n');
}

/**
 * Seeds Hà Nội's 2022 plan from the published CSVs (through the import, as an officer
 * would) and a clearly labelled demo plan for 2026 whose targets are scaled down to the
 * demo population, so the dashboard shows targets against actuals.
 */
export async function seedPlans(manager: EntityManager, dir: string = DATA_DIR): Promise<void> {
  const district = readFileSync(join(dir, DISTRICT_TARGETS_FILE), 'utf8');
  const facility = readFileSync(join(dir, FACILITY_TARGETS_FILE), 'utf8');
  const definitionOf = async (kind: 'DISTRICT' | 'FACILITY'): Promise<TableDefinition> => {
    const definition = await loadDefinition(manager, hanoiDefinitionId(kind));
    if (!definition) throw new Error(`the migration did not load the Hà Nội ${kind} table`);
    return definition;
  };
  const districts = await definitionOf('DISTRICT');
  const facilities = await definitionOf('FACILITY');
  const text = (csv: string) => ({ format: 'TEXT' as const, text: csv });
  const real = await insertPlan(manager, hanoi2022PlanId(), 2022, HANOI_2022_TITLE);
  await importPlanTable(manager, real, districts, text(district));
  await importPlanTable(manager, real, facilities, text(facility));
  const demo = await insertPlan(manager, demo2026PlanId(), 2026, DEMO_2026_TITLE);
  await importPlanTable(manager, demo, districts, text(demoTable(district)));
  await importPlanTable(manager, demo, facilities, text(demoTable(facility)));
  await importPlanTable(manager, demo, districts, text(DEMO_CITY_TARGETS));
}
