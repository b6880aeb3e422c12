import type { Bilingual } from '@rehab/server-kit';
import type { RehabKind, RehabStatus } from '@rehab/shared-schema';
import { EPISODE_NAME, illegalTransition, notAllowed } from './errors';

/** A rehab episode's life: admitted → (leave, escape, transfer)* → completed or terminated. */
export const EPISODE_ACTIONS = [
  'ADVANCE_PHASE',
  'GRANT_LEAVE',
  'RETURN_FROM_LEAVE',
  'ESCAPE',
  'MARK_LEAVE_OVERDUE',
  'RETURN_AFTER_ESCAPE',
  'TRANSFER',
  'COMPLETE',
  'TERMINATE',
  'SET_PLAN',
  'PLACE_IN_AREA',
] as const;
export type EpisodeAction = (typeof EPISODE_ACTIONS)[number];

export const EPISODE_STATUSES: readonly RehabStatus[] = ['ADMITTED', 'ON_LEAVE', 'ABSCONDED', 'COMPLETED', 'TERMINATED'];
export const OPEN_EPISODE_STATUSES: readonly RehabStatus[] = ['ADMITTED', 'ON_LEAVE', 'ABSCONDED'];
export const REHAB_KINDS: readonly RehabKind[] = ['COMPULSORY', 'VOLUNTARY_FACILITY', 'VOLUNTARY_COMMUNITY'];

/** Which kinds of rehab an action applies to: a facility's, rehab at home/community, or both. */
type ActionScope = 'ALL' | 'FACILITY' | 'COMMUNITY';

const TRANSITIONS: Record<EpisodeAction, { from: readonly RehabStatus[]; to: RehabStatus | 'SAME'; only: ActionScope }> = {
  ADVANCE_PHASE: { from: ['ADMITTED'], to: 'SAME', only: 'ALL' },
  GRANT_LEAVE: { from: ['ADMITTED'], to: 'ON_LEAVE', only: 'FACILITY' },
  RETURN_FROM_LEAVE: { from: ['ON_LEAVE'], to: 'ADMITTED', only: 'FACILITY' },
  ESCAPE: { from: ['ADMITTED'], to: 'ABSCONDED', only: 'FACILITY' },
  MARK_LEAVE_OVERDUE: { from: ['ON_LEAVE'], to: 'ABSCONDED', only: 'FACILITY' },
  RETURN_AFTER_ESCAPE: { from: ['ABSCONDED'], to: 'ADMITTED', only: 'FACILITY' },
  TRANSFER: { from: ['ADMITTED'], to: 'SAME', only: 'FACILITY' },
  COMPLETE: { from: ['ADMITTED'], to: 'COMPLETED', only: 'ALL' },
  TERMINATE: { from: OPEN_EPISODE_STATUSES, to: 'TERMINATED', only: 'ALL' },
  SET_PLAN: { from: ['ADMITTED'], to: 'SAME', only: 'COMMUNITY' },
  PLACE_IN_AREA: { from: ['ADMITTED', 'ON_LEAVE'], to: 'SAME', only: 'FACILITY' },
};

function appliesTo(only: ActionScope, kind: RehabKind): boolean {
  return only === 'ALL' || (only === 'COMMUNITY') === (kind === 'VOLUNTARY_COMMUNITY');
}

export const EPISODE_STATUS_LABEL: Record<RehabStatus, Bilingual> = {
  ADMITTED: { vi: 'đang cai nghiện', en: 'in rehab' },
  ON_LEAVE: { vi: 'đang về phép', en: 'on leave' },
  ABSCONDED: { vi: 'bỏ trốn', en: 'absconded' },
  COMPLETED: { vi: 'đã hoàn thành', en: 'completed' },
  TERMINATED: { vi: 'đã chấm dứt', en: 'terminated' },
};

export const EPISODE_ACTION_LABEL: Record<EpisodeAction, Bilingual> = {
  ADVANCE_PHASE: { vi: 'chuyển giai đoạn', en: 'advance the phase' },
  GRANT_LEAVE: { vi: 'cho về phép', en: 'grant leave' },
  RETURN_FROM_LEAVE: { vi: 'ghi nhận trở lại sau phép', en: 'record the return from leave' },
  ESCAPE: { vi: 'ghi nhận bỏ trốn', en: 'record an escape' },
  MARK_LEAVE_OVERDUE: { vi: 'ghi nhận quá hạn phép là bỏ trốn', en: 'mark an overdue leave as absconded' },
  RETURN_AFTER_ESCAPE: { vi: 'ghi nhận trở lại sau bỏ trốn', en: 'record the return after an escape' },
  TRANSFER: { vi: 'chuyển cơ sở', en: 'transfer to another facility' },
  COMPLETE: { vi: 'ghi nhận hoàn thành', en: 'complete the episode' },
  TERMINATE: { vi: 'chấm dứt trước hạn', en: 'terminate the episode early' },
  SET_PLAN: { vi: 'lập kế hoạch cai nghiện cá nhân', en: 'set the individual rehab plan' },
  PLACE_IN_AREA: { vi: 'xếp khu', en: 'place in an area' },
};

const KIND_LABEL: Record<RehabKind, Bilingual> = {
  COMPULSORY: { vi: 'cai nghiện bắt buộc', en: 'compulsory rehab' },
  VOLUNTARY_FACILITY: { vi: 'cai nghiện tự nguyện tại cơ sở', en: 'voluntary rehab at a facility' },
  VOLUNTARY_COMMUNITY: { vi: 'cai nghiện tự nguyện tại gia đình, cộng đồng', en: 'voluntary rehab at home/community' },
};

/** The status after `action` on an episode of `kind`, or a typed ILLEGAL_TRANSITION error. */
export function nextEpisodeStatus(kind: RehabKind, from: RehabStatus, action: EpisodeAction): RehabStatus {
  const transition = TRANSITIONS[action];
  if (!appliesTo(transition.only, kind)) {
    const label = EPISODE_ACTION_LABEL[action];
    throw notAllowed({
      vi: `Không thể ${label.vi} đối với ${KIND_LABEL[kind].vi}`,
      en: `Cannot ${label.en} in ${KIND_LABEL[kind].en}`,
    });
  }
  if (!transition.from.includes(from))
    throw illegalTransition(EPISODE_ACTION_LABEL[action], EPISODE_STATUS_LABEL[from], EPISODE_NAME);
  return transition.to === 'SAME' ? from : transition.to;
}

export function isEpisodeActionAllowed(kind: RehabKind, from: RehabStatus, action: EpisodeAction): boolean {
  const transition = TRANSITIONS[action];
  return transition.from.includes(from) && appliesTo(transition.only, kind);
}

/**
 * The five phases of rehab, in order (Luật Phòng, chống ma túy 2021, art. 29: tiếp nhận, phân loại →
 * cắt cơn → giáo dục → lao động trị liệu → tái hòa nhập). Rehab at home/community need not have
 * the labour-therapy phase.
 */
export const REHAB_PHASES = [
  'INTAKE_CLASSIFICATION',
  'DETOX',
  'EDUCATION_BEHAVIOUR',
  'VOCATIONAL_LABOUR_THERAPY',
  'REINTEGRATION_PREPARATION',
] as const;
/** The phases a rehab at home/community may leave out. */
export const OPTIONAL_COMMUNITY_PHASES: readonly RehabPhase[] = ['VOCATIONAL_LABOUR_THERAPY'];
export type RehabPhase = (typeof REHAB_PHASES)[number];

export const PHASE_LABEL: Record<RehabPhase, Bilingual> = {
  INTAKE_CLASSIFICATION: { vi: 'tiếp nhận, phân loại', en: 'intake and classification' },
  DETOX: { vi: 'cắt cơn, giải độc', en: 'detox' },
  EDUCATION_BEHAVIOUR: { vi: 'giáo dục, phục hồi hành vi', en: 'education and behaviour' },
  VOCATIONAL_LABOUR_THERAPY: { vi: 'dạy nghề, lao động trị liệu', en: 'vocational and labour therapy' },
  REINTEGRATION_PREPARATION: { vi: 'chuẩn bị tái hòa nhập cộng đồng', en: 'reintegration preparation' },
};

/**
 * Phases only move forward (a phase may be skipped, e.g. no vocational training at
 * home); moving back or staying is a typed ILLEGAL_TRANSITION error.
 */
export function checkPhaseAdvance(current: RehabPhase | null, next: RehabPhase): void {
  const from = current === null ? -1 : REHAB_PHASES.indexOf(current);
  if (REHAB_PHASES.indexOf(next) <= from) {
    throw notAllowed(
      {
        vi: `Không thể chuyển từ giai đoạn “${current ? PHASE_LABEL[current].vi : ''}” sang “${PHASE_LABEL[next].vi}”: chỉ được chuyển sang giai đoạn sau`,
        en: `Cannot move from phase ${current ?? 'none'} to ${next}: phases only move forward`,
      },
      'phase',
    );
  }
}
