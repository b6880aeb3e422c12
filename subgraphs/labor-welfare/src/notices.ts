import type { EntityManager } from 'typeorm';
import { enqueueNotice } from '@rehab/server-kit';
import type { RehabKind } from '@rehab/shared-schema';
import type { AbscondReason } from './entities/RehabEpisode';

/** Notices labour-welfare sends to police (through its outbox, in the transaction of the change). */
export interface RehabAdmittedNotice {
  personId: string;
  episodeId: string;
  admittedOn: string;
  kind: RehabKind;
  facilityCode: string | null;
}

export interface RehabAbscondedNotice {
  personId: string;
  episodeId: string;
  facilityCode: string;
  reason: AbscondReason;
  since: string;
}

export interface RehabReturnedNotice {
  personId: string;
  episodeId: string;
  returnedOn: string;
}

export interface RehabCompletedNotice {
  personId: string;
  episodeId: string;
  facilityCode: string | null;
  completedOn: string;
  certificateNumber: string;
}

export interface PoliceNotices {
  'rehab.admitted': RehabAdmittedNotice;
  'rehab.absconded': RehabAbscondedNotice;
  'rehab.returned': RehabReturnedNotice;
  'rehab.completed': RehabCompletedNotice;
}

/** Queues a notice to police; call inside the transaction of the change it reports. */
export function notifyPolice<T extends keyof PoliceNotices>(manager: EntityManager, topic: T, payload: PoliceNotices[T]): Promise<string> {
  return enqueueNotice(manager, 'labor-welfare', { destination: 'police', topic, payload });
}
