import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { insertRows } from '@rehab/server-kit';
import type { Agency, Role } from '@rehab/shared-schema';
import { hashPassword } from './passwords';

/** Password of every demo account (demo data only; listed in the README). */
export const DEMO_PASSWORD = 'CaiNghien@2026';

export interface DemoAccount {
  username: string;
  displayName: string;
  agency: Agency;
  role: Role;
  unitCode: string;
}

/**
 * Today's demo accounts (December 2026): ward police and the ward chairman of Phường Ba Đình,
 * the provincial police drug division that runs rehab since 1 March 2025, a rehab facility of
 * the provincial police, a regional court, a clinic, a volunteer, the ward's Fatherland Front committee, the analyst and supervisor,
 * the same in Lào Cai (the second demo province); and two accounts of Quận Ba Đình, which
 * ended with the district tier on 30 June 2025, to read the past.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'congan.hanoi', displayName: 'Trần Quốc Khánh', agency: 'police', role: 'police_officer', unitCode: '01' },
  { username: 'congan.phuongbadinh', displayName: 'Lê Minh Tuấn', agency: 'police', role: 'police_officer', unitCode: '00004' },
  { username: 'ubnd.phuongbadinh', displayName: 'Phạm Thị Hồng', agency: 'commune', role: 'commune_official', unitCode: '00004' },
  { username: 'congan.phuongngocha', displayName: 'Võ Đình Phúc', agency: 'police', role: 'police_officer', unitCode: '00008' },
  { username: 'cscn1', displayName: 'Hoàng Văn Nam', agency: 'police', role: 'facility_staff', unitCode: 'CSCN1' },
  { username: 'toaan.kv1', displayName: 'Bùi Thị Mai', agency: 'court', role: 'court_clerk', unitCode: 'TAKV-HN01' },
  { username: 'laodong.hanoi', displayName: 'Đỗ Thị Lan', agency: 'labor-welfare', role: 'labour_officer', unitCode: '01' },
  { username: 'yte.hanoi', displayName: 'Ngô Thị Hương', agency: 'health', role: 'health_worker', unitCode: '01' },
  { username: 'yte.mmt001', displayName: 'Đặng Minh Hiếu', agency: 'health', role: 'health_worker', unitCode: 'MMT001' },
  { username: 'tnv.phuongbadinh', displayName: 'Trịnh Thị Thu', agency: 'volunteers', role: 'volunteer', unitCode: '00004' },
  { username: 'mttq.phuongbadinh', displayName: 'Đinh Văn Hải', agency: 'volunteers', role: 'front_officer', unitCode: '00004' },
  { username: 'phantich.hanoi', displayName: 'Lý Quang Huy', agency: 'analysis', role: 'analyst', unitCode: '01' },
  { username: 'giamsat.hanoi', displayName: 'Dương Văn Bình', agency: 'analysis', role: 'supervisor', unitCode: '01' },
  { username: 'congan.laocai', displayName: 'Hoàng Văn Sơn', agency: 'police', role: 'police_officer', unitCode: '15' },
  { username: 'congan.phuonglaocai', displayName: 'Lò Văn Thắng', agency: 'police', role: 'police_officer', unitCode: '02647' },
  { username: 'ubnd.phuonglaocai', displayName: 'Giàng Thị Mai', agency: 'commune', role: 'commune_official', unitCode: '02647' },
  { username: 'laodong.badinh', displayName: 'Vũ Đức Long', agency: 'labor-welfare', role: 'labour_officer', unitCode: '001' },
  { username: 'toaan.badinh', displayName: 'Nguyễn Thị Hà', agency: 'court', role: 'court_clerk', unitCode: '001' },
];

export async function isIdentityEmpty(db: DataSource): Promise<boolean> {
  const [{ count }] = await db.query<[{ count: number }]>('SELECT count(*)::int AS count FROM officer_account');
  return count === 0;
}

/**
 * Creates the demo officer accounts. They share the published DEMO_PASSWORD, so one
 * scrypt hash (about a second of CPU) serves them all; real accounts get their own.
 */
export async function seedIdentity(db: DataSource, accounts: readonly DemoAccount[] = DEMO_ACCOUNTS): Promise<void> {
  const hash = await hashPassword(DEMO_PASSWORD);
  await insertRows(
    db.manager,
    'officer_account',
    ['id', 'username', 'display_name', 'password_hash', 'agency', 'role', 'unit_code'],
    accounts.map((a) => [randomUUID(), a.username, a.displayName, hash, a.agency, a.role, a.unitCode]),
  );
}
