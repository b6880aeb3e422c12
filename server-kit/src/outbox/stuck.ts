import { outboxAdminFieldNames, type SubgraphName } from '@rehab/shared-schema';
import { positiveNumberFromEnv } from '../limits';
import type { Logger } from '../observability/logger';

/** Default of OUTBOX_STUCK_AFTER_SECONDS: a notice pending for ten minutes is stuck. */
export const DEFAULT_OUTBOX_STUCK_AFTER_SECONDS = 600;

/**
 * OUTBOX_STUCK_AFTER_SECONDS: how long a notice may stay undelivered before it counts as
 * stuck, both for the dispatcher's warning and for the supervisors' list (state STUCK).
 */
export function outboxStuckAfterSeconds(env: NodeJS.ProcessEnv = process.env): number {
  return positiveNumberFromEnv(env, 'OUTBOX_STUCK_AFTER_SECONDS', DEFAULT_OUTBOX_STUCK_AFTER_SECONDS);
}

/** What the dispatcher found when it looked for stuck notices. */
export interface StuckOutbox {
  source: SubgraphName;
  /** Undelivered notices older than the threshold. */
  stuck: number;
  /** Age of the oldest undelivered notice, in seconds. */
  oldestAgeSeconds: number;
  thresholdSeconds: number;
}

/** The one place the outbox warns operators about stuck notices (a log line at warn). */
export function warnStuckOutbox(state: StuckOutbox, logger: Logger): void {
  const list = outboxAdminFieldNames(state.source).list;
  logger.warn(
    { ...state, oldestAgeSeconds: Math.round(state.oldestAgeSeconds), supervisorsList: `${list}(state: STUCK)` },
    `${state.stuck} outbox notice(s) undelivered for more than ${state.thresholdSeconds} s`,
  );
}
