import { DEMO_REFERENCE_DATE, unitByCode } from '@rehab/shared-schema';
import { seededUuid } from './communication';

export const AT_RISK_COLUMNS = [
  'id',
  'full_name',
  'birth_year',
  'commune_code',
  'owner_unit_path',
  'risk_group',
  'listed_on',
  'agency',
  'note',
  'recorded_by',
];
export const SERVICE_COLUMNS = ['id', 'person_at_risk_id', 'owner_unit_path', 'kind', 'provided_on', 'agency', 'recorded_by'];

/** Phường Ba Đình's prevention list of the demo year: who, why, when listed, and the services given (month, kind, agency). */
const PEOPLE = [
  {
    name: 'Trịnh Minh Khang',
    born: 2008,
    group: 'YOUTH_AT_RISK',
    month: 2,
    note: 'Bỏ học, hay tụ tập ở quán net',
    services: [
      [3, 'RISK_SCREENING', 'volunteers'],
      [4, 'COUNSELLING', 'volunteers'],
    ],
  },
  {
    name: 'Đỗ Thị Ngọc Ánh',
    born: 1995,
    group: 'FAMILY_OF_USER',
    month: 3,
    note: null,
    services: [[5, 'LEGAL_AID', 'volunteers']],
  },
  {
    name: 'Bùi Quang Huy',
    born: 2001,
    group: 'SUSPECTED_USE',
    month: 6,
    note: 'Công an phường phát hiện qua tin báo',
    services: [[7, 'REFERRAL', 'police']],
  },
  { name: 'Chu Văn Nam', born: 2009, group: 'YOUTH_AT_RISK', month: 9, note: null, services: [] },
] as const;

/** The demo's people at risk in Phường Ba Đình, and their services before the demo date. */
export function demoPreventionRows(): { people: unknown[][]; services: unknown[][] } {
  const year = Number(DEMO_REFERENCE_DATE.slice(0, 4));
  const ward = unitByCode('00004');
  if (!ward) throw new Error('Phường Ba Đình unknown');
  const day = (month: number) => `${year}-${String(month).padStart(2, '0')}-12`;
  const people: unknown[][] = [];
  const services: unknown[][] = [];
  for (const p of PEOPLE) {
    const id = seededUuid(`person-at-risk:${p.name}`);
    people.push([id, p.name, p.born, ward.code, ward.path, p.group, day(p.month), 'volunteers', p.note, 'demo']);
    for (const [month, kind, agency] of p.services) {
      if (day(month) >= DEMO_REFERENCE_DATE) continue;
      services.push([seededUuid(`prevention-service:${id}:${month}`), id, ward.path, kind, day(month), agency, 'demo']);
    }
  }
  return { people, services };
}
