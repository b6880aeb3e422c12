/** Kinds of mass organisations (đoàn thể), in display order, with their Vietnamese names. */
export const MASS_ORGANISATION_KINDS = [
  'FATHERLAND_FRONT',
  'WOMENS_UNION',
  'VETERANS_ASSOCIATION',
  'FARMERS_ASSOCIATION',
  'YOUTH_UNION',
  'LABOUR_FEDERATION',
  'SOCIAL_WORK_VOLUNTEER_TEAM',
] as const;
export type MassOrganisationKind = (typeof MASS_ORGANISATION_KINDS)[number];

export const MASS_ORGANISATION_KIND_NAMES: Readonly<Record<MassOrganisationKind, string>> = {
  FATHERLAND_FRONT: 'Mặt trận Tổ quốc',
  WOMENS_UNION: 'Hội Liên hiệp Phụ nữ',
  VETERANS_ASSOCIATION: 'Hội Cựu chiến binh',
  FARMERS_ASSOCIATION: 'Hội Nông dân',
  YOUTH_UNION: 'Đoàn Thanh niên',
  LABOUR_FEDERATION: 'Liên đoàn Lao động',
  SOCIAL_WORK_VOLUNTEER_TEAM: 'Đội công tác xã hội tình nguyện',
};

/** Short codes used to build organisation codes (e.g. HLHPN-01 for the Hà Nội Women's Union). */
export const MASS_ORGANISATION_KIND_CODES: Readonly<Record<MassOrganisationKind, string>> = {
  FATHERLAND_FRONT: 'MTTQ',
  WOMENS_UNION: 'HLHPN',
  VETERANS_ASSOCIATION: 'HCCB',
  FARMERS_ASSOCIATION: 'HND',
  YOUTH_UNION: 'DTN',
  LABOUR_FEDERATION: 'LDLD',
  SOCIAL_WORK_VOLUNTEER_TEAM: 'DCTXH',
};

/** Each member or volunteer directly helps 1–2 people (docs/domain.md, "The person's path", step 8). */
export const DEFAULT_MAX_ACTIVE_ASSIGNMENTS = 2;

export const ASSIGNMENT_REASONS = ['POST_REHAB_MANAGEMENT', 'DRUG_USER_MANAGEMENT'] as const;
export type AssignmentReason = (typeof ASSIGNMENT_REASONS)[number];

/** Sorts organisations by kind (display order), then by code. */
export function byKindThenCode<T extends { kind: MassOrganisationKind; code: string }>(a: T, b: T): number {
  const kind = MASS_ORGANISATION_KINDS.indexOf(a.kind) - MASS_ORGANISATION_KINDS.indexOf(b.kind);
  return kind !== 0 ? kind : a.code.localeCompare(b.code);
}

export const ASSIGNMENT_END_REASONS = ['ENDED', 'VOLUNTEER_LEFT', 'REASSIGNED'] as const;
export type AssignmentEndReason = (typeof ASSIGNMENT_END_REASONS)[number];

/** What a chapter of each kind of organisation is called at commune level. */
export const CHAPTER_PREFIXES: Readonly<Record<MassOrganisationKind, string>> = {
  FATHERLAND_FRONT: 'Ban công tác Mặt trận',
  WOMENS_UNION: 'Chi hội Phụ nữ',
  VETERANS_ASSOCIATION: 'Chi hội Cựu chiến binh',
  FARMERS_ASSOCIATION: 'Chi hội Nông dân',
  YOUTH_UNION: 'Chi đoàn Thanh niên',
  LABOUR_FEDERATION: 'Công đoàn cơ sở',
  SOCIAL_WORK_VOLUNTEER_TEAM: 'Đội công tác xã hội tình nguyện',
};

/** The usual name of an organisation's chapter in a commune, e.g. "Chi hội Phụ nữ Phường Phúc Xá". */
export function chapterName(kind: MassOrganisationKind, unitName: string): string {
  return `${CHAPTER_PREFIXES[kind]} ${unitName}`;
}
