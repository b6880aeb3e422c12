import { addDays, daysBetween } from '@rehab/shared-schema';
import type { CaregiverRelationship, PlanSupporter, PlannedPhase } from './entities/CommunityRehabPlan';
import type { CommunityRehabSetting } from './entities/RehabEpisode';

export const PLAN_COLUMNS = [
  'episode_id',
  'revision',
  'prepared_on',
  'goals',
  'caregiver_name',
  'caregiver_relationship',
  'caregiver_phone',
  'supporters',
  'phases',
  'prepared_by',
];

const CAREGIVERS: [string, CaregiverRelationship][] = [
  ['Nguyễn Thị Lan', 'PARENT'],
  ['Trần Thị Hoa', 'SPOUSE'],
  ['Lê Văn Hùng', 'SIBLING'],
  ['Phạm Văn Minh', 'PARENT'],
];

const SUPPORTERS: PlanSupporter[] = [
  { fullName: 'Đỗ Văn Thắng', role: 'COMMUNE_POLICE', organisation: 'Công an xã, phường', phone: null },
  { fullName: 'Vũ Thị Mai', role: 'MASS_ORGANISATION', organisation: 'Hội Liên hiệp Phụ nữ', phone: null },
  { fullName: 'Hoàng Văn Sơn', role: 'VILLAGE_HEAD', organisation: 'Tổ dân phố', phone: null },
  { fullName: 'Bùi Thị Thu', role: 'HEALTH_WORKER', organisation: 'Trạm y tế xã, phường', phone: null },
];

const ACTIVITIES: Record<PlannedPhase['phase'], string> = {
  INTAKE_CLASSIFICATION: 'Tiếp nhận, đánh giá tình trạng nghiện và sức khỏe, phân loại',
  DETOX: 'Điều trị cắt cơn, giải độc tại trạm y tế xã, phường',
  EDUCATION_BEHAVIOUR: 'Tư vấn cá nhân hằng tuần, sinh hoạt nhóm, giáo dục pháp luật',
  VOCATIONAL_LABOUR_THERAPY: 'Học nghề, lao động trị liệu tại địa phương',
  REINTEGRATION_PREPARATION: 'Giới thiệu việc làm, hỗ trợ vay vốn, kết nối tình nguyện viên',
};

/**
 * The demo's individual plan of a rehab at home/community, drawn up two days after the start:
 * three rehabs in four have one (the rest wait on the commune's worklist), at home with a
 * family caregiver, with labour therapy for one in two. Drawn from the episode id, not the
 * random stream, so the other demo rows stay as they were. Names are the demo's, not real people.
 */
export function demoCommunityPlan(
  episodeId: string,
  admittedOn: string,
  plannedEndOn: string,
  setting: CommunityRehabSetting,
  ref: string,
): unknown[] | null {
  const digit = parseInt(episodeId.slice(-2, -1), 16);
  const preparedOn = addDays(admittedOn, 2);
  if (digit >= 12 || preparedOn > ref) return null;
  const total = Math.max(60, daysBetween(admittedOn, plannedEndOn));
  const at = (share: number) => addDays(admittedOn, Math.max(1, Math.floor(total * share)));
  const phases: PlannedPhase[] = [
    { phase: 'INTAKE_CLASSIFICATION', startsOn: admittedOn, activities: ACTIVITIES.INTAKE_CLASSIFICATION },
    { phase: 'DETOX', startsOn: addDays(admittedOn, 5), activities: ACTIVITIES.DETOX },
    { phase: 'EDUCATION_BEHAVIOUR', startsOn: at(0.1), activities: ACTIVITIES.EDUCATION_BEHAVIOUR },
    ...(digit % 2 === 0
      ? [{ phase: 'VOCATIONAL_LABOUR_THERAPY' as const, startsOn: at(0.4), activities: ACTIVITIES.VOCATIONAL_LABOUR_THERAPY }]
      : []),
    { phase: 'REINTEGRATION_PREPARATION', startsOn: at(0.8), activities: ACTIVITIES.REINTEGRATION_PREPARATION },
  ];
  const caregiver = setting === 'HOME' ? (CAREGIVERS[digit % CAREGIVERS.length] ?? null) : null;
  const supporters = [SUPPORTERS[digit % SUPPORTERS.length], SUPPORTERS[(digit + 1) % SUPPORTERS.length]];
  return [
    episodeId,
    1,
    preparedOn,
    'Không sử dụng ma túy; ổn định việc làm và quan hệ gia đình',
    caregiver?.[0] ?? null,
    caregiver?.[1] ?? null,
    null,
    JSON.stringify(supporters),
    JSON.stringify(phases),
    'demo',
  ];
}
