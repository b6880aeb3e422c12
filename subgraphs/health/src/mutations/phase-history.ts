import type { EntityManager } from 'typeorm';
import type { TreatmentPhase } from '@rehab/shared-schema';

/**
 * Records that an enrolment entered `phase` on `since` (substitution_treatment_phase), in the
 * transaction of the change: the indicators of a period read the phase of its last day from
 * this history, never the current phase.
 */
export async function recordPhase(
  manager: EntityManager,
  treatmentId: string,
  phase: TreatmentPhase,
  since: string,
  username: string,
): Promise<void> {
  await manager.query(
    `INSERT INTO substitution_treatment_phase (treatment_id, phase, since, source, recorded_by)
    VALUES ($1, $2, $3, 'RECORDED', $4)`,
    [treatmentId, phase, since, username],
  );
}

/** The day the enrolment's current phase started by the history (null when none is recorded). */
export async function currentPhaseSince(manager: EntityManager, treatmentId: string): Promise<string | null> {
  const rows = await manager.query<{ since: string }[]>(
    `SELECT to_char(since, 'YYYY-MM-DD') AS since FROM substitution_treatment_phase
    WHERE treatment_id = $1 ORDER BY since DESC, id DESC LIMIT 1`,
    [treatmentId],
  );
  return rows[0]?.since ?? null;
}
