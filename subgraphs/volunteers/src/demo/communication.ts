import { createHash } from 'node:crypto';
import { DEMO_REFERENCE_DATE, unitByCode } from '@rehab/shared-schema';

export const COMMUNICATION_COLUMNS = [
  'id',
  'unit_code',
  'owner_unit_path',
  'kind',
  'held_on',
  'title',
  'agency',
  'audience',
  'copies',
  'recorded_by',
];

/** A name-based UUID: the same on every seed. */
export function seededUuid(name: string): string {
  const h = createHash('sha1').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** What a commune holds each quarter of the demo year: a forum of the Front, a police talk, health's leaflets. */
const QUARTERLY = [
  {
    month: 1,
    kind: 'FORUM',
    agency: 'volunteers',
    title: 'Diễn đàn “Thanh niên nói không với ma túy”',
    audience: 150,
    copies: null,
  },
  {
    month: 2,
    kind: 'TALK',
    agency: 'police',
    title: 'Nói chuyện chuyên đề về tác hại của ma túy tổng hợp',
    audience: 80,
    copies: null,
  },
  { month: 3, kind: 'LEAFLET', agency: 'health', title: 'Phát tờ rơi về điều trị methadone', audience: 400, copies: 400 },
] as const;

/**
 * The demo's communication activities: each commune with a chapter holds the three above in
 * every quarter before the demo date, and the city broadcasts once a quarter.
 */
export function demoCommunicationRows(communeCodes: readonly string[]): unknown[][] {
  const year = Number(DEMO_REFERENCE_DATE.slice(0, 4));
  const rows: unknown[][] = [];
  for (let quarter = 0; quarter < 4; quarter++) {
    for (const code of [...communeCodes, '01']) {
      const unit = unitByCode(code);
      if (!unit) continue;
      const activities =
        code === '01'
          ? [
              {
                month: 2,
                kind: 'BROADCAST',
                agency: 'police',
                title: 'Chuyên mục phòng, chống ma túy trên Đài Phát thanh và Truyền hình Hà Nội',
                audience: 20000,
                copies: null,
              },
            ]
          : QUARTERLY;
      for (const a of activities) {
        const heldOn = `${year}-${String(quarter * 3 + a.month).padStart(2, '0')}-15`;
        if (heldOn >= DEMO_REFERENCE_DATE) continue;
        const id = seededUuid(`communication:${code}:${heldOn}:${a.kind}`);
        rows.push([id, unit.code, unit.path, a.kind, heldOn, a.title, a.agency, a.audience, a.copies, 'demo']);
      }
    }
  }
  return rows;
}
