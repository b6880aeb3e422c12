import { DEMO_REFERENCE_DATE, unitByCode } from '@rehab/shared-schema';
import { nameUuid } from './seed-ids';

export const TRAINING_COLUMNS = [
  'id',
  'unit_code',
  'owner_unit_path',
  'title',
  'agency',
  'started_on',
  'ended_on',
  'participants',
  'total_participants',
  'recorded_by',
];

const COURSES = [
  {
    unit: '01',
    month: 3,
    agency: 'police',
    title: 'Tập huấn nghiệp vụ lập hồ sơ cai nghiện bắt buộc',
    groups: { POLICE: 90, COMMUNE: 40 },
  },
  {
    unit: '01',
    month: 6,
    agency: 'health',
    title: 'Tập huấn xác định tình trạng nghiện ma túy',
    groups: { HEALTH: 45, FACILITY: 15 },
  },
  {
    unit: '01',
    month: 9,
    agency: 'police',
    title: 'Tập huấn quản lý sau cai nghiện theo Luật 120/2025',
    groups: { POLICE: 120, COMMUNE: 60, MASS_ORGANISATIONS: 30 },
  },
  {
    unit: '00004',
    month: 4,
    agency: 'commune',
    title: 'Bồi dưỡng kỹ năng hỗ trợ người cai nghiện tại cộng đồng',
    groups: { COMMUNE: 12, MASS_ORGANISATIONS: 18 },
  },
] as const;

/** The demo year's training courses: three for the city's officers, one for Phường Ba Đình's. */
export function demoTrainingRows(): unknown[][] {
  const year = DEMO_REFERENCE_DATE.slice(0, 4);
  return COURSES.map((c) => {
    const unit = unitByCode(c.unit);
    if (!unit) throw new Error(`Demo training unit ${c.unit} unknown`);
    const month = String(c.month).padStart(2, '0');
    const participants = Object.entries(c.groups).map(([group, count]) => ({ group, count }));
    const total = participants.reduce((sum, p) => sum + p.count, 0);
    return [
      nameUuid(`training:${c.unit}:${month}`),
      unit.code,
      unit.path,
      c.title,
      c.agency,
      `${year}-${month}-10`,
      `${year}-${month}-12`,
      JSON.stringify(participants),
      total,
      'demo',
    ];
  });
}
