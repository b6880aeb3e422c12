import type { Bilingual } from '@rehab/server-kit';
import { POST_REHAB_NAME, illegalTransition } from './errors';

/** Post-rehab management at the place of residence (quản lý sau cai nghiện). */
export const POST_REHAB_STATUSES = ['AWAITING_DECISION', 'UNDER_MANAGEMENT', 'RELAPSED', 'COMPLETED'] as const;
export type PostRehabStatus = (typeof POST_REHAB_STATUSES)[number];

/** What a case follows: a completed rehab episode, an enrolment in substitution treatment, or its end. */
export const POST_REHAB_BASES = ['REHAB_COMPLETED', 'ON_SUBSTITUTION', 'AFTER_SUBSTITUTION'] as const;
export type PostRehabBasis = (typeof POST_REHAB_BASES)[number];

export const POST_REHAB_ACTIONS = ['DECIDE', 'ASSIGN_SUPPORTERS', 'RELAPSE', 'RECORD_DRUG_USE', 'COMPLETE'] as const;
export type PostRehabAction = (typeof POST_REHAB_ACTIONS)[number];

export const OPEN_POST_REHAB_STATUSES: readonly PostRehabStatus[] = ['AWAITING_DECISION', 'UNDER_MANAGEMENT'];

const TRANSITIONS: Record<PostRehabAction, { from: readonly PostRehabStatus[]; to: PostRehabStatus | 'SAME' }> = {
  DECIDE: { from: ['AWAITING_DECISION'], to: 'UNDER_MANAGEMENT' },
  ASSIGN_SUPPORTERS: { from: ['UNDER_MANAGEMENT'], to: 'SAME' },
  RELAPSE: { from: OPEN_POST_REHAB_STATUSES, to: 'RELAPSED' },
  // Use without a relapse into addiction: the management goes on, the use is on its record.
  RECORD_DRUG_USE: { from: ['UNDER_MANAGEMENT'], to: 'SAME' },
  COMPLETE: { from: ['UNDER_MANAGEMENT'], to: 'COMPLETED' },
};

export const POST_REHAB_STATUS_LABEL: Record<PostRehabStatus, Bilingual> = {
  AWAITING_DECISION: { vi: 'chờ quyết định quản lý', en: 'awaiting the decision' },
  UNDER_MANAGEMENT: { vi: 'đang quản lý', en: 'under management' },
  RELAPSED: { vi: 'đã tái nghiện', en: 'relapsed' },
  COMPLETED: { vi: 'đã hoàn thành', en: 'completed' },
};

export const POST_REHAB_ACTION_LABEL: Record<PostRehabAction, Bilingual> = {
  DECIDE: { vi: 'ra quyết định quản lý sau cai nghiện', en: 'record the management decision' },
  ASSIGN_SUPPORTERS: { vi: 'phân công người hỗ trợ', en: 'assign supporters' },
  RELAPSE: { vi: 'ghi nhận tái nghiện', en: 'record a relapse' },
  RECORD_DRUG_USE: { vi: 'ghi nhận sử dụng trái phép chất ma túy', en: 'record drug use' },
  COMPLETE: { vi: 'xác nhận hoàn thành', en: 'certify completion' },
};

/** How a use during post-rehab management came to be known. */
export const DRUG_USE_EVIDENCE = ['POSITIVE_TEST', 'CAUGHT_USING', 'SELF_REPORTED'] as const;
export type DrugUseEvidence = (typeof DRUG_USE_EVIDENCE)[number];

export function nextPostRehabStatus(from: PostRehabStatus, action: PostRehabAction): PostRehabStatus {
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(from))
    throw illegalTransition(POST_REHAB_ACTION_LABEL[action], POST_REHAB_STATUS_LABEL[from], POST_REHAB_NAME);
  return transition.to === 'SAME' ? from : transition.to;
}

export function isPostRehabActionAllowed(from: PostRehabStatus, action: PostRehabAction): boolean {
  return TRANSITIONS[action].from.includes(from);
}
