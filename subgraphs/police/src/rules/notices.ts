import { stateMachine } from './state-machine';
import { deadlineAfter, type RuleDuration } from './legal-time';

/**
 * Transfer notices (di biến động) and rehab completion notices both wait for the
 * receiving commune to acknowledge them, once.
 */
export const NOTICE_STATES = ['AWAITING', 'ACKNOWLEDGED'] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];

export const NOTICE_ACTIONS = ['ACKNOWLEDGE'] as const;
export type NoticeAction = (typeof NOTICE_ACTIONS)[number];

const table = { AWAITING: { ACKNOWLEDGE: 'ACKNOWLEDGED' }, ACKNOWLEDGED: {} } as const;
const states = {
  AWAITING: { vi: 'chờ tiếp nhận', en: 'awaiting acknowledgement' },
  ACKNOWLEDGED: { vi: 'đã tiếp nhận', en: 'acknowledged' },
};
const actions = { ACKNOWLEDGE: { vi: 'xác nhận tiếp nhận', en: 'acknowledge it' } };

export const transferNoticeMachine = stateMachine<NoticeState, NoticeAction>(NOTICE_STATES, NOTICE_ACTIONS, table, {
  entity: { vi: 'thông báo thay đổi nơi cư trú', en: 'transfer notice' },
  states,
  actions,
});

export const completionNoticeMachine = stateMachine<NoticeState, NoticeAction>(NOTICE_STATES, NOTICE_ACTIONS, table, {
  entity: { vi: 'thông báo hoàn thành cai nghiện', en: 'rehab completion notice' },
  states,
  actions,
});

export const noticeState = (acknowledgedAt: Date | null): NoticeState => (acknowledgedAt ? 'ACKNOWLEDGED' : 'AWAITING');

/**
 * When the receiving commune must acknowledge a move: the RESIDENCE_CHANGE_NOTICE rule in
 * force on the day of the move, counted from when the notice was sent; no rule in force
 * (before the 2025 law took effect), no deadline.
 */
export function transferDueAt(sentAt: Date, rule: RuleDuration | null): Date | null {
  return rule ? deadlineAfter(sentAt, rule) : null;
}

/** Overdue: a deadline passed before `asOf` without an acknowledgement. */
export function isOverdue(notice: { dueAt: Date | null; acknowledgedAt: Date | null }, asOf: Date): boolean {
  return notice.acknowledgedAt === null && notice.dueAt !== null && notice.dueAt.getTime() < asOf.getTime();
}
