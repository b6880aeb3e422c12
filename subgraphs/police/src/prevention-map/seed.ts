import type { EntityManager } from 'typeorm';
import { insertRows } from '@rehab/server-kit';
import { unitByCode } from '@rehab/shared-schema';

/** The demo's prevention map: a hotspot of Phường Ba Đình and Phường Ngọc Hà recognised drug-free. */
export async function seedPreventionMap(manager: EntityManager): Promise<void> {
  const baDinh = unitByCode('00004');
  const ngocHa = unitByCode('00008');
  if (!baDinh || !ngocHa) throw new Error('demo wards unknown');
  await insertRows(
    manager,
    'drug_hotspot',
    ['id', 'commune_code', 'owner_unit_path', 'description', 'identified_on', 'agency', 'recorded_by'],
    [
      [
        '7a000000-0000-4000-8000-000000000001',
        baDinh.code,
        baDinh.path,
        'Khu vực bãi xe ven hồ, nhóm thanh niên tụ tập về đêm',
        '2026-04-02',
        'police',
        'demo',
      ],
    ],
  );
  await insertRows(
    manager,
    'drug_free_recognition',
    ['id', 'commune_code', 'owner_unit_path', 'recognised_on', 'decision_number', 'agency', 'recorded_by'],
    [
      [
        '7a000000-0000-4000-8000-000000000101',
        ngocHa.code,
        ngocHa.path,
        '2025-12-15',
        'Quyết định công nhận (minh họa)',
        'police',
        'demo',
      ],
    ],
  );
}
