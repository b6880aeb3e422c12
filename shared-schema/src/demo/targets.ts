import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HANOI_CODE, bareUnitName, units } from '../reference/units';
import { unitNameKey } from '../reference/lineage';

/** Hà Nội's 2022 plan targets (appendices I and II), as published, in shared-schema/data. */
export const DATA_DIR = join(__dirname, '..', '..', 'data');
export const DISTRICT_TARGETS_FILE = 'hanoi-2022-district-targets.csv';
export const FACILITY_TARGETS_FILE = 'hanoi-2022-facility-targets.csv';

export interface TargetRow {
  unitCode: string;
  unitName: string;
  indicator: string;
  value: number;
}

/**
 * Column → indicator code (the codes of ./indicators/catalogue.ts). The plan import in
 * labor-welfare (src/plans/columns.ts) generalises these headers over the year.
 */
export const INDICATOR_COLUMNS: Readonly<Record<string, string>> = {
  compulsory_rehab_dossiers: 'COMPULSORY_DOSSIERS',
  post_rehab_management: 'POST_REHAB_MANAGEMENT',
  reintegration_support: 'REINTEGRATION_SUPPORT',
  models_maintained_from_2021: 'POST_REHAB_MODELS_MAINTAINED',
  models_new_2022: 'POST_REHAB_MODELS_NEW',
  models_total_2022: 'POST_REHAB_MODELS_TOTAL',
  compulsory_admissions: 'FACILITY_ADMISSIONS',
  voluntary_mobilisation: 'VOLUNTARY_MOBILISED',
  vocational_training: 'FACILITY_VOCATIONAL_TRAINING',
};

/** The 2022 plan was set on the districts and facilities of that year. */
const PLAN_DATE = '2022-01-01';

function unitCodeByName(name: string): string {
  const unit = units()
    .childrenOf(HANOI_CODE, PLAN_DATE, ['DISTRICT', 'FACILITY'])
    .find(
      (u) =>
        unitNameKey(u.name) === unitNameKey(name) ||
        (u.level === 'DISTRICT' && unitNameKey(bareUnitName(u.name)) === unitNameKey(name)),
    );
  if (!unit) throw new Error(`Unknown unit in plan table: ${name}`);
  return unit.code;
}

/** Parses a plan table: first column the unit name, other columns indicators; empty = no target. */
export function parseTargetsCsv(text: string): TargetRow[] {
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const columns = (header ?? '').split(',').slice(1);
  const rows: TargetRow[] = [];
  for (const line of lines) {
    const [unitName = '', ...cells] = line.split(',');
    const unitCode = unitCodeByName(unitName.trim());
    cells.forEach((cell, i) => {
      const indicator = INDICATOR_COLUMNS[columns[i] ?? ''];
      if (indicator && cell.trim() !== '') rows.push({ unitCode, unitName: unitName.trim(), indicator, value: Number(cell) });
    });
  }
  return rows;
}

export function hanoi2022Targets(dir: string = DATA_DIR): TargetRow[] {
  return [DISTRICT_TARGETS_FILE, FACILITY_TARGETS_FILE].flatMap((file) => parseTargetsCsv(readFileSync(join(dir, file), 'utf8')));
}
