import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMINISTRATIVE_UNITS, bareDistrictName } from '../reference/units';

/**
 * Hà Nội's 2022 plan targets (appendices I and II), as published. A copy of
 * ../shared/data lives in shared-schema/data so a clone runs on its own; a test
 * checks the copy against ../shared/data when that folder is present.
 */
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

function unitCodeByName(name: string): string {
  const unit = ADMINISTRATIVE_UNITS.find((u) => u.name === name
    || (u.level === 'DISTRICT' && bareDistrictName(u.name) === name));
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
  return [DISTRICT_TARGETS_FILE, FACILITY_TARGETS_FILE]
    .flatMap((file) => parseTargetsCsv(readFileSync(join(dir, file), 'utf8')));
}
