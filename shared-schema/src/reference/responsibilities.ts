import type { Agency, Role } from '../access/roles';
import type { UnitLevel } from './unit-types';

/**
 * Who acts at each step of the path, with the dates each arrangement is in force. The
 * agency that owns a step changed by law (rehab moved from labour-welfare to Public
 * Security on 1 March 2025; districts ended on 30 June 2025), while the records and the
 * API stay in the subgraph that has always kept them: a step is allowed to the roles
 * this table names on the step's date, not to a role written into code.
 */
export type ResponsibilityStep =
  | 'DRUG_USER_MANAGEMENT_DECISION'
  | 'DOSSIER_DRAFTING'
  | 'DOSSIER_SUBMISSION'
  | 'DOSSIER_REVIEW'
  | 'DOSSIER_FRONT_OPINION'
  | 'COURT_DECISION'
  | 'INTERIM_MEASURE'
  | 'FACILITY_OPERATION'
  | 'COMMUNITY_REHAB'
  | 'COMMUNITY_REHAB_PROVIDERS'
  | 'POST_REHAB_MANAGEMENT'
  | 'REHAB_STATE_MANAGEMENT'
  | 'ELECTRONIC_MONITORING_ORDER'
  | 'RESIDENT_EXTRACTION_REQUEST'
  | 'FACILITY_LICENSING';

export interface ResponsibilityRecord {
  step: ResponsibilityStep;
  /** Who acts, in the words of the law: "Trưởng Công an cấp xã". */
  actor: { vi: string; en: string };
  agency: Agency;
  role: Role;
  /** The level of the acting officer's unit. */
  unitLevel: UnitLevel;
  effectiveFrom: string;
  effectiveTo: string | null;
  legalBasis: string;
}

export const STEP_LABEL: Readonly<Record<ResponsibilityStep, { vi: string; en: string }>> = {
  DRUG_USER_MANAGEMENT_DECISION: {
    vi: 'quyết định quản lý người sử dụng trái phép chất ma túy',
    en: 'decide the management of a drug user',
  },
  DOSSIER_DRAFTING: { vi: 'lập hồ sơ đề nghị đưa vào cơ sở cai nghiện bắt buộc', en: 'draft a compulsory-rehab dossier' },
  DOSSIER_SUBMISSION: { vi: 'gửi hồ sơ đề nghị đưa vào cơ sở cai nghiện bắt buộc', en: 'submit a compulsory-rehab dossier' },
  DOSSIER_REVIEW: { vi: 'kiểm tra hồ sơ và chuyển Tòa án', en: 'check the dossier and forward it to the court' },
  DOSSIER_FRONT_OPINION: {
    vi: 'cho ý kiến về hồ sơ đề nghị đưa vào cơ sở cai nghiện bắt buộc',
    en: 'give an opinion on a compulsory-rehab dossier',
  },
  COURT_DECISION: {
    vi: 'xem xét, quyết định áp dụng biện pháp đưa vào cơ sở cai nghiện bắt buộc',
    en: 'decide on compulsory rehab',
  },
  INTERIM_MEASURE: {
    vi: 'áp dụng biện pháp trong thời gian lập hồ sơ',
    en: 'set the interim measure while the dossier is processed',
  },
  FACILITY_OPERATION: {
    vi: 'tiếp nhận, quản lý người cai nghiện tại cơ sở cai nghiện công lập',
    en: 'admit and manage residents of a public rehab facility',
  },
  COMMUNITY_REHAB: {
    vi: 'tổ chức cai nghiện tự nguyện tại gia đình, cộng đồng',
    en: 'organise voluntary rehab at home or in the community',
  },
  COMMUNITY_REHAB_PROVIDERS: {
    vi: 'tiếp nhận đăng ký, công bố cơ sở cai nghiện tự nguyện tại cộng đồng',
    en: 'register and publish voluntary community-rehab providers',
  },
  POST_REHAB_MANAGEMENT: {
    vi: 'quyết định và tổ chức quản lý sau cai nghiện tại nơi cư trú',
    en: 'decide and run post-rehab management at the residence',
  },
  REHAB_STATE_MANAGEMENT: {
    vi: 'quản lý nhà nước về cai nghiện: kế hoạch, chỉ tiêu, định mức cán bộ',
    en: 'state management of rehab: plans, targets, staffing',
  },
  ELECTRONIC_MONITORING_ORDER: { vi: 'quyết định áp dụng giám sát điện tử', en: 'order electronic monitoring' },
  RESIDENT_EXTRACTION_REQUEST: {
    vi: 'đề nghị trích xuất người đang cai nghiện tại cơ sở để phục vụ điều tra, truy tố, xét xử',
    en: 'ask a facility to hand over a resident to investigate, prosecute or try a case',
  },
  FACILITY_LICENSING: {
    vi: 'cấp, gia hạn, thu hồi giấy phép hoạt động cai nghiện ma túy tự nguyện của cơ sở ngoài công lập',
    en: 'grant, renew and revoke the licences of private voluntary rehab facilities',
  },
};

const LAW_2008 = 'Luật Phòng, chống ma túy 2000 (sửa đổi 2008); Luật Xử lý vi phạm hành chính 2012; Nghị định 221/2013/NĐ-CP';
const LAW_2021 = 'Luật Phòng, chống ma túy 2021; Nghị định 116/2021/NĐ-CP';
const DECREE_02 =
  'Nghị định 02/2025/NĐ-CP (chuyển quản lý nhà nước về cai nghiện sang Bộ Công an, từ 01/3/2025); Thông tư liên tịch 03/2025/TTLT-BCA-TANDTC-VKSNDTC';
const COURTS_2025 = 'Luật Tổ chức Tòa án nhân dân (sửa đổi 2025): Tòa án nhân dân khu vực thay Tòa án cấp huyện từ 01/7/2025';
const DECREE_184 = 'Nghị định 184/2025/NĐ-CP (phân định thẩm quyền khi chính quyền địa phương hai cấp, từ 01/7/2025)';
const FRONT_LAW =
  'Luật Mặt trận Tổ quốc Việt Nam 2015 (giám sát, phản biện xã hội); Luật Phòng, chống ma túy 2021 (trách nhiệm của Mặt trận Tổ quốc Việt Nam)';
const LAW_2025 = 'Luật sửa đổi Luật Phòng, chống ma túy (120/2025/QH15), hiệu lực 01/7/2026';

const FROM_2009 = '2009-01-01';
const FROM_COURTS = '2014-01-01';
const BEFORE_POLICE = '2025-02-28';
const POLICE_FROM = '2025-03-01';
const DISTRICTS_END = '2025-06-30';
const TWO_TIER_FROM = '2025-07-01';
const LAW_120_FROM = '2026-07-01';

type Row = Omit<ResponsibilityRecord, 'actor'> & { actorVi: string; actorEn: string };

const ROWS: readonly Row[] = [
  {
    step: 'DRUG_USER_MANAGEMENT_DECISION',
    actorVi: 'Chủ tịch UBND cấp xã',
    actorEn: "Chair of the commune people's committee",
    agency: 'commune',
    role: 'commune_official',
    unitLevel: 'COMMUNE',
    effectiveFrom: '2022-01-01',
    effectiveTo: null,
    legalBasis: LAW_2021,
  },

  {
    step: 'DOSSIER_DRAFTING',
    actorVi: 'Chủ tịch UBND cấp xã',
    actorEn: "Chair of the commune people's committee",
    agency: 'commune',
    role: 'commune_official',
    unitLevel: 'COMMUNE',
    effectiveFrom: FROM_2009,
    effectiveTo: BEFORE_POLICE,
    legalBasis: LAW_2021,
  },
  {
    step: 'DOSSIER_DRAFTING',
    actorVi: 'Công an cấp xã (giúp Chủ tịch UBND xã)',
    actorEn: 'Commune police (for the commune chair)',
    agency: 'police',
    role: 'police_officer',
    unitLevel: 'COMMUNE',
    effectiveFrom: FROM_2009,
    effectiveTo: BEFORE_POLICE,
    legalBasis: LAW_2021,
  },
  {
    step: 'DOSSIER_DRAFTING',
    actorVi: 'Trưởng Công an cấp xã',
    actorEn: 'Head of commune police',
    agency: 'police',
    role: 'police_officer',
    unitLevel: 'COMMUNE',
    effectiveFrom: POLICE_FROM,
    effectiveTo: null,
    legalBasis: DECREE_02,
  },
  {
    step: 'DOSSIER_DRAFTING',
    actorVi: 'Phòng Cảnh sát điều tra tội phạm về ma túy Công an tỉnh (người do mình phát hiện)',
    actorEn: 'Provincial drug-crime police (people it detected)',
    agency: 'police',
    role: 'police_officer',
    unitLevel: 'PROVINCE',
    effectiveFrom: POLICE_FROM,
    effectiveTo: null,
    legalBasis: DECREE_02,
  },
  {
    step: 'DOSSIER_SUBMISSION',
    actorVi: 'Chủ tịch UBND cấp xã',
    actorEn: "Chair of the commune people's committee",
    agency: 'commune',
    role: 'commune_official',
    unitLevel: 'COMMUNE',
    effectiveFrom: FROM_2009,
    effectiveTo: BEFORE_POLICE,
    legalBasis: LAW_2021,
  },
  {
    step: 'DOSSIER_SUBMISSION',
    actorVi: 'Trưởng Công an cấp xã',
    actorEn: 'Head of commune police',
    agency: 'police',
    role: 'police_officer',
    unitLevel: 'COMMUNE',
    effectiveFrom: POLICE_FROM,
    effectiveTo: null,
    legalBasis: DECREE_02,
  },
  {
    step: 'DOSSIER_SUBMISSION',
    actorVi: 'Phòng Cảnh sát điều tra tội phạm về ma túy Công an tỉnh (người do mình phát hiện)',
    actorEn: 'Provincial drug-crime police (people it detected)',
    agency: 'police',
    role: 'police_officer',
    unitLevel: 'PROVINCE',
    effectiveFrom: POLICE_FROM,
    effectiveTo: null,
    legalBasis: DECREE_02,
  },
  {
    step: 'DOSSIER_REVIEW',
    actorVi: 'Phòng Lao động - Thương binh và Xã hội cấp huyện',
    actorEn: 'District labour office',
    agency: 'labor-welfare',
    role: 'labour_officer',
    unitLevel: 'DISTRICT',
    effectiveFrom: FROM_2009,
    effectiveTo: BEFORE_POLICE,
    legalBasis: LAW_2021,
  },
  {
    step: 'COURT_DECISION',
    actorVi: 'Tòa án nhân dân cấp huyện',
    actorEn: "District people's court",
    agency: 'court',
    role: 'court_clerk',
    unitLevel: 'DISTRICT',
    effectiveFrom: FROM_COURTS,
    effectiveTo: DISTRICTS_END,
    legalBasis: LAW_2008,
  },
  {
    step: 'COURT_DECISION',
    actorVi: 'Tòa án nhân dân khu vực',
    actorEn: "Regional people's court",
    agency: 'court',
    role: 'court_clerk',
    unitLevel: 'COURT',
    effectiveFrom: TWO_TIER_FROM,
    effectiveTo: null,
    legalBasis: COURTS_2025,
  },
  {
    step: 'INTERIM_MEASURE',
    actorVi: 'Chủ tịch UBND cấp xã',
    actorEn: "Chair of the commune people's committee",
    agency: 'commune',
    role: 'commune_official',
    unitLevel: 'COMMUNE',
    effectiveFrom: FROM_2009,
    effectiveTo: BEFORE_POLICE,
    legalBasis: LAW_2021,
  },
  {
    step: 'INTERIM_MEASURE',
    actorVi: 'Phòng Lao động - Thương binh và Xã hội cấp huyện',
    actorEn: 'District labour office',
    agency: 'labor-welfare',
    role: 'labour_officer',
    unitLevel: 'DISTRICT',
    effectiveFrom: FROM_2009,
    effectiveTo: BEFORE_POLICE,
    legalBasis: LAW_2021,
  },
  {
    step: 'INTERIM_MEASURE',
    actorVi: 'Trưởng Công an cấp xã',
    actorEn: 'Head of commune police',
    agency: 'police',
    role: 'police_officer',
    unitLevel: 'COMMUNE',
    effectiveFrom: POLICE_FROM,
    effectiveTo: null,
    legalBasis: DECREE_02,
  },

  {
    step: 'FACILITY_OPERATION',
    actorVi: 'Cơ sở cai nghiện ma túy công lập (ngành Lao động - Thương binh và Xã hội)',
    actorEn: 'Public rehab facility (labour-welfare)',
    agency: 'labor-welfare',
    role: 'facility_staff',
    unitLevel: 'FACILITY',
    effectiveFrom: FROM_2009,
    effectiveTo: BEFORE_POLICE,
    legalBasis: LAW_2021,
  },
  {
    step: 'FACILITY_OPERATION',
    actorVi: 'Cơ sở cai nghiện ma túy công lập thuộc Công an tỉnh',
    actorEn: 'Public rehab facility of the provincial police',
    agency: 'police',
    role: 'facility_staff',
    unitLevel: 'FACILITY',
    effectiveFrom: POLICE_FROM,
    effectiveTo: null,
    legalBasis: DECREE_02,
  },
  {
    step: 'COMMUNITY_REHAB',
    actorVi: 'Chủ tịch UBND cấp xã',
    actorEn: "Chair of the commune people's committee",
    agency: 'commune',
    role: 'commune_official',
    unitLevel: 'COMMUNE',
    effectiveFrom: FROM_2009,
    effectiveTo: null,
    legalBasis: LAW_2021,
  },
  {
    step: 'COMMUNITY_REHAB_PROVIDERS',
    actorVi: 'Chủ tịch UBND cấp huyện (Phòng Lao động - Thương binh và Xã hội)',
    actorEn: 'District chair (district labour office)',
    agency: 'labor-welfare',
    role: 'labour_officer',
    unitLevel: 'DISTRICT',
    effectiveFrom: '2022-01-01',
    effectiveTo: DISTRICTS_END,
    legalBasis: LAW_2021,
  },
  {
    step: 'COMMUNITY_REHAB_PROVIDERS',
    actorVi: 'Giám đốc Công an cấp tỉnh',
    actorEn: 'Provincial police director',
    agency: 'police',
    role: 'police_officer',
    unitLevel: 'PROVINCE',
    effectiveFrom: TWO_TIER_FROM,
    effectiveTo: null,
    legalBasis: DECREE_184,
  },
  {
    step: 'POST_REHAB_MANAGEMENT',
    actorVi: 'Chủ tịch UBND cấp xã',
    actorEn: "Chair of the commune people's committee",
    agency: 'commune',
    role: 'commune_official',
    unitLevel: 'COMMUNE',
    effectiveFrom: FROM_2009,
    effectiveTo: null,
    legalBasis: LAW_2021,
  },
  {
    step: 'REHAB_STATE_MANAGEMENT',
    actorVi: 'Sở Lao động - Thương binh và Xã hội',
    actorEn: 'Provincial labour department',
    agency: 'labor-welfare',
    role: 'labour_officer',
    unitLevel: 'PROVINCE',
    effectiveFrom: FROM_2009,
    effectiveTo: BEFORE_POLICE,
    legalBasis: LAW_2021,
  },
  {
    step: 'REHAB_STATE_MANAGEMENT',
    actorVi: 'Công an cấp tỉnh (Phòng Cảnh sát điều tra tội phạm về ma túy)',
    actorEn: 'Provincial police (drug-crime investigation division)',
    agency: 'police',
    role: 'police_officer',
    unitLevel: 'PROVINCE',
    effectiveFrom: POLICE_FROM,
    effectiveTo: null,
    legalBasis: DECREE_02,
  },
  {
    step: 'REHAB_STATE_MANAGEMENT',
    actorVi: 'Ban Chỉ đạo phòng, chống ma túy cấp tỉnh',
    actorEn: 'Provincial drug-control steering committee',
    agency: 'analysis',
    role: 'supervisor',
    unitLevel: 'PROVINCE',
    effectiveFrom: FROM_2009,
    effectiveTo: null,
    legalBasis: LAW_2021,
  },
  {
    step: 'DOSSIER_FRONT_OPINION',
    actorVi: 'Ủy ban Mặt trận Tổ quốc Việt Nam cấp xã',
    actorEn: 'Commune committee of the Vietnam Fatherland Front',
    agency: 'volunteers',
    role: 'front_officer',
    unitLevel: 'COMMUNE',
    effectiveFrom: '2022-01-01',
    effectiveTo: null,
    legalBasis: FRONT_LAW,
  },
  {
    step: 'RESIDENT_EXTRACTION_REQUEST',
    actorVi: 'Cơ quan điều tra thuộc Công an cấp tỉnh',
    actorEn: 'Investigation agency of the provincial police',
    agency: 'police',
    role: 'police_officer',
    unitLevel: 'PROVINCE',
    effectiveFrom: '2022-01-01',
    effectiveTo: null,
    legalBasis: LAW_2021,
  },
  {
    step: 'FACILITY_LICENSING',
    actorVi: 'Giám đốc Sở Lao động - Thương binh và Xã hội',
    actorEn: 'Director of the provincial labour department',
    agency: 'labor-welfare',
    role: 'labour_officer',
    unitLevel: 'PROVINCE',
    effectiveFrom: '2022-01-01',
    effectiveTo: BEFORE_POLICE,
    legalBasis: LAW_2021,
  },
  {
    step: 'FACILITY_LICENSING',
    actorVi: 'Giám đốc Công an cấp tỉnh',
    actorEn: 'Provincial police director',
    agency: 'police',
    role: 'police_officer',
    unitLevel: 'PROVINCE',
    effectiveFrom: POLICE_FROM,
    effectiveTo: null,
    legalBasis: DECREE_02,
  },
  {
    step: 'ELECTRONIC_MONITORING_ORDER',
    actorVi: 'Trưởng Công an cấp xã',
    actorEn: 'Head of commune police',
    agency: 'police',
    role: 'police_officer',
    unitLevel: 'COMMUNE',
    effectiveFrom: LAW_120_FROM,
    effectiveTo: null,
    legalBasis: LAW_2025,
  },
];

export const RESPONSIBILITIES: readonly ResponsibilityRecord[] = ROWS.map(({ actorVi, actorEn, ...r }) => ({
  ...r,
  actor: { vi: actorVi, en: actorEn },
}));

const inForce = (r: Pick<ResponsibilityRecord, 'effectiveFrom' | 'effectiveTo'>, on: string) =>
  r.effectiveFrom <= on && (r.effectiveTo === null || on <= r.effectiveTo);

/** The arrangements for `step` in force on `on`. */
export function responsibleFor(
  step: ResponsibilityStep,
  on: string,
  rows: readonly ResponsibilityRecord[] = RESPONSIBILITIES,
): ResponsibilityRecord[] {
  return rows.filter((r) => r.step === step && inForce(r, on));
}

/** Every arrangement in force on `on`. */
export function responsibilitiesOn(on: string, rows: readonly ResponsibilityRecord[] = RESPONSIBILITIES): ResponsibilityRecord[] {
  return rows.filter((r) => inForce(r, on));
}

/** May an officer with `role` at a unit of `unitLevel` act at `step` on `on`? */
export function mayActAt(
  step: ResponsibilityStep,
  on: string,
  officer: { role: Role; unitLevel: UnitLevel },
  rows: readonly ResponsibilityRecord[] = RESPONSIBILITIES,
): boolean {
  return responsibleFor(step, on, rows).some((r) => r.role === officer.role && r.unitLevel === officer.unitLevel);
}

/** The agency in charge of `step` on `on` (the first arrangement's), e.g. who runs public rehab facilities. */
export function agencyInCharge(step: ResponsibilityStep, on: string): Agency | null {
  return responsibleFor(step, on)[0]?.agency ?? null;
}
