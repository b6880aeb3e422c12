import { DEMO_REFERENCE_DATE, unitByCode } from '@rehab/shared-schema';
import { nameUuid } from './seed-ids';

export const BUDGET_LINE_COLUMNS = [
  'id',
  'unit_code',
  'owner_unit_path',
  'fiscal_year',
  'source',
  'activity',
  'allocated',
  'allocated_on',
  'agency',
  'note',
  'spent',
  'recorded_by',
];
export const BUDGET_SPENDING_COLUMNS = ['id', 'budget_line_id', 'spent_on', 'amount', 'note', 'recorded_by'];

/** The demo year's funding (million VND): the city's lines by source and activity, and one of Phường Ba Đình. */
const LINES = [
  {
    unit: '01',
    source: 'PROVINCE',
    activity: 'PREVENTION',
    agency: 'police',
    allocated: 2400,
    spendings: [
      [3, 600],
      [8, 700],
    ],
  },
  {
    unit: '01',
    source: 'CENTRAL_PROGRAMME',
    activity: 'POST_REHAB',
    agency: 'labor-welfare',
    allocated: 1800,
    spendings: [[6, 900]],
  },
  {
    unit: '01',
    source: 'PROVINCE',
    activity: 'TRAINING',
    agency: 'police',
    allocated: 450,
    spendings: [
      [3, 120],
      [9, 180],
    ],
  },
  { unit: '00004', source: 'COMMUNE', activity: 'COMMUNICATION', agency: 'commune', allocated: 60, spendings: [[5, 25]] },
] as const;

/** The demo's budget lines and their spendings, before the demo date. */
export function demoBudgetRows(): { lines: unknown[][]; spendings: unknown[][] } {
  const year = Number(DEMO_REFERENCE_DATE.slice(0, 4));
  const lines: unknown[][] = [];
  const spendings: unknown[][] = [];
  for (const l of LINES) {
    const unit = unitByCode(l.unit);
    if (!unit) throw new Error(`Demo budget unit ${l.unit} unknown`);
    const id = nameUuid(`budget:${l.unit}:${l.source}:${l.activity}`);
    let spent = 0;
    for (const [month, amount] of l.spendings) {
      const spentOn = `${year}-${String(month).padStart(2, '0')}-20`;
      if (spentOn >= DEMO_REFERENCE_DATE) continue;
      spent += amount;
      spendings.push([nameUuid(`budget-spending:${id}:${month}`), id, spentOn, amount, null, 'demo']);
    }
    lines.push([
      id,
      unit.code,
      unit.path,
      year,
      l.source,
      l.activity,
      l.allocated,
      `${year - 1}-12-20`,
      l.agency,
      null,
      spent,
      'demo',
    ]);
  }
  return { lines, spendings };
}
