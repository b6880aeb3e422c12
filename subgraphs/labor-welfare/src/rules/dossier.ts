import type { Bilingual } from '@rehab/server-kit';
import { DOSSIER_NAME, illegalTransition } from './errors';

/**
 * The compulsory-rehab dossier (hồ sơ đề nghị áp dụng biện pháp đưa vào cơ sở cai nghiện
 * bắt buộc): compiled at the commune, checked by the district labour office, decided by
 * the court, closed by the admission.
 */
export const DOSSIER_STATUSES = [
  'DRAFTED',
  'SUBMITTED',
  'RETURNED_FOR_CORRECTION',
  'FORWARDED_TO_COURT',
  'APPROVED',
  'REJECTED',
  'POSTPONED',
  'EXEMPTED',
  'ADMITTED',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

export const DOSSIER_ACTIONS = [
  'EDIT',
  'SUBMIT',
  'RETURN_FOR_CORRECTION',
  'FORWARD_TO_COURT',
  'APPROVE',
  'REJECT',
  'POSTPONE',
  'EXEMPT',
  'SET_INTERIM_MEASURE',
  'ESCORT',
  'ADMIT',
  'RECORD_FRONT_OPINION',
] as const;
export type DossierAction = (typeof DOSSIER_ACTIONS)[number];

/** Dossiers still in progress (a person has at most one; the database checks it too). */
export const PENDING_DOSSIER_STATUSES: readonly DossierStatus[] = [
  'DRAFTED',
  'SUBMITTED',
  'RETURNED_FOR_CORRECTION',
  'FORWARDED_TO_COURT',
  'POSTPONED',
  'APPROVED',
];

const COURT: readonly DossierStatus[] = ['FORWARDED_TO_COURT', 'POSTPONED'];

/** Dossiers the commune's Fatherland Front committee may give its opinion on: sent, not yet decided. */
export const FRONT_REVIEW: readonly DossierStatus[] = ['SUBMITTED', ...COURT];

/** from-states → to-state; 'SAME' keeps the status (an edit or a side record). */
const TRANSITIONS: Record<DossierAction, { from: readonly DossierStatus[]; to: DossierStatus | 'SAME' }> = {
  EDIT: { from: ['DRAFTED', 'RETURNED_FOR_CORRECTION'], to: 'SAME' },
  SUBMIT: { from: ['DRAFTED', 'RETURNED_FOR_CORRECTION'], to: 'SUBMITTED' },
  RETURN_FOR_CORRECTION: { from: ['SUBMITTED'], to: 'RETURNED_FOR_CORRECTION' },
  FORWARD_TO_COURT: { from: ['SUBMITTED'], to: 'FORWARDED_TO_COURT' },
  APPROVE: { from: COURT, to: 'APPROVED' },
  REJECT: { from: COURT, to: 'REJECTED' },
  POSTPONE: { from: ['FORWARDED_TO_COURT'], to: 'POSTPONED' },
  EXEMPT: { from: COURT, to: 'EXEMPTED' },
  SET_INTERIM_MEASURE: { from: PENDING_DOSSIER_STATUSES, to: 'SAME' },
  ESCORT: { from: ['APPROVED'], to: 'SAME' },
  ADMIT: { from: ['APPROVED'], to: 'ADMITTED' },
  // The Front gives its opinion while the dossier waits for the court: after it was sent, before a decision.
  RECORD_FRONT_OPINION: { from: FRONT_REVIEW, to: 'SAME' },
};

export const DOSSIER_STATUS_LABEL: Record<DossierStatus, Bilingual> = {
  DRAFTED: { vi: 'đang lập', en: 'being drafted' },
  SUBMITTED: { vi: 'đã gửi phòng Lao động', en: 'submitted to the district labour office' },
  RETURNED_FOR_CORRECTION: { vi: 'bị trả lại để bổ sung', en: 'returned for correction' },
  FORWARDED_TO_COURT: { vi: 'đã chuyển Tòa án', en: 'forwarded to the court' },
  APPROVED: { vi: 'Tòa án đã quyết định đưa vào cơ sở', en: 'approved by the court' },
  REJECTED: { vi: 'Tòa án không chấp nhận', en: 'rejected by the court' },
  POSTPONED: { vi: 'hoãn chấp hành', en: 'postponed' },
  EXEMPTED: { vi: 'miễn chấp hành', en: 'exempted' },
  ADMITTED: { vi: 'đã tiếp nhận vào cơ sở', en: 'admitted to a facility' },
};

export const DOSSIER_ACTION_LABEL: Record<DossierAction, Bilingual> = {
  EDIT: { vi: 'sửa hồ sơ', en: 'edit the dossier' },
  SUBMIT: { vi: 'gửi hồ sơ', en: 'submit the dossier' },
  RETURN_FOR_CORRECTION: { vi: 'trả hồ sơ để bổ sung', en: 'return the dossier for correction' },
  FORWARD_TO_COURT: { vi: 'chuyển hồ sơ sang Tòa án', en: 'forward the dossier to the court' },
  APPROVE: { vi: 'ghi quyết định đưa vào cơ sở cai nghiện bắt buộc', en: 'record an approval' },
  REJECT: { vi: 'ghi quyết định không chấp nhận', en: 'record a rejection' },
  POSTPONE: { vi: 'ghi quyết định hoãn', en: 'record a postponement' },
  EXEMPT: { vi: 'ghi quyết định miễn', en: 'record an exemption' },
  SET_INTERIM_MEASURE: { vi: 'áp dụng biện pháp trong thời gian chờ', en: 'set the interim measure' },
  ESCORT: { vi: 'ghi việc áp giải', en: 'record the escort' },
  ADMIT: { vi: 'tiếp nhận vào cơ sở', en: 'admit the person' },
  RECORD_FRONT_OPINION: { vi: 'ghi ý kiến của Mặt trận Tổ quốc', en: "record the Fatherland Front's opinion" },
};

/** The status after `action`, or a typed ILLEGAL_TRANSITION error. */
export function nextDossierStatus(from: DossierStatus, action: DossierAction): DossierStatus {
  const transition = TRANSITIONS[action];
  if (!transition.from.includes(from))
    throw illegalTransition(DOSSIER_ACTION_LABEL[action], DOSSIER_STATUS_LABEL[from], DOSSIER_NAME);
  return transition.to === 'SAME' ? from : transition.to;
}

export function isDossierActionAllowed(from: DossierStatus, action: DossierAction): boolean {
  return TRANSITIONS[action].from.includes(from);
}

export type CourtOutcome = 'APPROVED' | 'REJECTED' | 'POSTPONED' | 'EXEMPTED';

export const COURT_ACTION: Record<CourtOutcome, DossierAction> = {
  APPROVED: 'APPROVE',
  REJECTED: 'REJECT',
  POSTPONED: 'POSTPONE',
  EXEMPTED: 'EXEMPT',
};
