import { outboxAdminFieldNames, type SubgraphName } from '@rehab/shared-schema';
import { positiveNumberFromEnv } from '../limits';

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

/** The one place the outbox warns operators about stuck notices (a log line). */
export function warnStuckOutbox(state: StuckOutbox): void {
  console.warn(
    `[outbox ${state.source}] ${state.stuck} notice(s) undelivered for more than ${state.thresholdSeconds} s; ` +
      `the oldest for ${Math.round(state.oldestAgeSeconds)} s (supervisors: ${outboxAdminFieldNames(state.source).list}(state: STUCK))`,
  );
}
