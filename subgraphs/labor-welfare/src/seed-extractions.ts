import { addDays } from '@rehab/shared-schema';

export const EXTRACTION_COLUMNS = [
  'id',
  'episode_id',
  'person_id',
  'facility_code',
  'facility_owner_path',
  'requesting_unit_code',
  'requesting_unit_path',
  'requesting_agency',
  'document_number',
  'purpose',
  'requested_on',
  'expected_return_on',
  'status',
  'handed_over_on',
  'returned_on',
  'cancel_reason',
  'recorded_by',
];

const AGENCY: Readonly<Record<string, string>> = {
  '01': 'Cơ quan Cảnh sát điều tra Công an thành phố Hà Nội',
  '15': 'Cơ quan Cảnh sát điều tra Công an tỉnh Lào Cai',
};

/**
 * The demo's extractions (trích xuất) of residents now at a facility: about one in four was
 * asked for by the province's investigation agency a month after admission — returned, still
 * out, awaiting hand-over or withdrawn, by the episode id (not the random stream, so the other
 * demo rows stay as they were).
 */
export function demoExtraction(
  episode: { id: string; personId: string; facilityCode: string; facilityPath: string; admittedOn: string },
  ref: string,
  id: string,
): unknown[] | null {
  const digit = parseInt(episode.id.slice(-2, -1), 16);
  const requestedOn = addDays(episode.admittedOn, 30);
  if (digit > 3 || requestedOn > addDays(ref, -20)) return null;
  const province = episode.facilityPath.split('.')[0] ?? '';
  const status = (['RETURNED', 'OUT', 'REQUESTED', 'CANCELLED'] as const)[digit] ?? 'RETURNED';
  const handedOverOn = status === 'RETURNED' || status === 'OUT' ? addDays(requestedOn, 2) : null;
  return [
    id,
    episode.id,
    episode.personId,
    episode.facilityCode,
    episode.facilityPath,
    province,
    province,
    AGENCY[province] ?? 'Cơ quan Cảnh sát điều tra Công an tỉnh',
    `${100 + digit}/CV-PC04`,
    'Lấy lời khai phục vụ điều tra vụ án mua bán trái phép chất ma túy',
    requestedOn,
    addDays(requestedOn, 10),
    status,
    handedOverOn,
    status === 'RETURNED' ? addDays(requestedOn, 9) : null,
    status === 'CANCELLED' ? 'Vụ án đã tạm đình chỉ điều tra' : null,
    'demo',
  ];
}
