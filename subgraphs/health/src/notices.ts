import type { EntityManager } from 'typeorm';
import { enqueueNotice } from '@rehab/server-kit';
import type { SubstanceClass } from '@rehab/shared-schema';

/** Notices health sends to police (through its outbox, in the transaction of the change). */
export interface AddictionDeterminedNotice {
  personId: string;
  determinationId: string;
  /** The conclusion's date (the examination). */
  determinedOn: string;
  /** The day the person was told: the treatment-registration deadline runs from it. */
  informedOn: string;
  substanceClasses: SubstanceClass[];
}

export interface SubstitutionStartedNotice {
  personId: string;
  treatmentId: string;
  enrolledOn: string;
}

export interface HealthPoliceNotices {
  'addiction.determined': AddictionDeterminedNotice;
  'treatment.substitution-started': SubstitutionStartedNotice;
}

/** Queues a notice to police; call inside the transaction of the change it reports. */
export function notifyPolice<T extends keyof HealthPoliceNotices>(manager: EntityManager, topic: T, payload: HealthPoliceNotices[T]): Promise<string> {
  return enqueueNotice(manager, 'health', { destination: 'police', topic, payload });
}
