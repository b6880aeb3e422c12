import { todayInHanoi } from '@rehab/shared-schema';
import { CRITERIA_IN_FORCE_FROM } from '../rules/addiction';
import { badInput, requirePastDate, requireText } from './common';

/**
 * The day a request was made: today, or an earlier day for a request made on paper and
 * entered late (with the reason), not before the criteria recorded here were in force.
 */
export function requestDay(
  day: string | null | undefined,
  reason: string | null | undefined,
): { requestedOn: string; lateEntryReason: string | null } {
  const today = todayInHanoi();
  const requestedOn = day == null ? today : requirePastDate(day, 'requestedOn');
  if (requestedOn < CRITERIA_IN_FORCE_FROM) {
    throw badInput(
      'requestedOn',
      `Đề nghị trước ngày ${CRITERIA_IN_FORCE_FROM} (Thông tư 18/2021/TT-BYT có hiệu lực) không nhập được: kết quả khám khi đó theo tiêu chí cũ`,
      `A request before ${CRITERIA_IN_FORCE_FROM} (when Circular 18/2021/TT-BYT took effect) cannot be entered: it was examined under the earlier criteria`,
    );
  }
  const text = reason?.trim() ? requireText(reason, 'lateEntryReason', 1000) : null;
  if (requestedOn < today && !text) {
    throw badInput(
      'lateEntryReason',
      'Đề nghị lập trên giấy từ ngày trước phải ghi lý do nhập muộn',
      'A request made earlier on paper needs the reason it is entered late',
    );
  }
  if (requestedOn === today && text) {
    throw badInput('lateEntryReason', 'Đề nghị lập hôm nay không phải nhập muộn', 'A request made today is not a late entry');
  }
  return { requestedOn, lateEntryReason: text };
}
