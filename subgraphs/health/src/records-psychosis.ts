import type { Substance } from './rules/addiction';

export type PsychosisSeverity = 'MILD' | 'MODERATE' | 'SEVERE';
export type PsychosisCare = 'OUTPATIENT' | 'INPATIENT_PSYCHIATRIC' | 'FAMILY_CARE';
export type PsychosisEndReason = 'RECOVERED' | 'TRANSFERRED_TO_REHAB' | 'MOVED_AWAY' | 'DIED' | 'OTHER';

/** A drug-induced psychosis record as the API returns it. */
export interface PsychosisRecord {
  id: string;
  personId: string;
  diagnosedOn: string;
  substanceClasses: Substance[];
  severity: PsychosisSeverity;
  riskToOthers: boolean;
  care: PsychosisCare;
  careFacility: string | null;
  note: string | null;
  status: 'UNDER_CARE' | 'ENDED';
  endedOn: string | null;
  endReason: PsychosisEndReason | null;
  endNote: string | null;
  version: number;
}

export interface PsychosisRow {
  id: string;
  person_id: string;
  diagnosed_on: string;
  substance_classes: Substance[];
  severity: PsychosisSeverity;
  risk_to_others: boolean;
  care: PsychosisCare;
  care_facility: string | null;
  note: string | null;
  status: 'UNDER_CARE' | 'ENDED';
  ended_on: string | null;
  end_reason: PsychosisEndReason | null;
  end_note: string | null;
  version: number;
}

export const PSYCHOSIS_COLUMNS =
  'id, person_id, diagnosed_on::text AS diagnosed_on, substance_classes, severity, risk_to_others, care, care_facility, note, status, ended_on::text AS ended_on, end_reason, end_note, version';

export function toPsychosis(r: PsychosisRow): PsychosisRecord {
  return {
    id: r.id,
    personId: r.person_id,
    diagnosedOn: r.diagnosed_on,
    substanceClasses: r.substance_classes,
    severity: r.severity,
    riskToOthers: r.risk_to_others,
    care: r.care,
    careFacility: r.care_facility,
    note: r.note,
    status: r.status,
    endedOn: r.ended_on,
    endReason: r.end_reason,
    endNote: r.end_note,
    version: r.version,
  };
}
