import { SUBGRAPH_NAMES, units, type SubgraphName } from '@rehab/shared-schema';
import type { NoticeHandler } from '../outbox/notice';
import { defineNotice, type NoticeContract } from './contract';
import { date, listOf, objectOf, oneOf, optional, positiveInteger, text, timestamp, unitCode, uuid } from './fields';

/**
 * Every notice one agency sends another. A topic is added here, once, with both ends; the
 * sender calls `sendNotice(manager, CONTRACT, payload)` and each receiver registers
 * `onNotice(CONTRACT, handler)`. test/src/notice-contracts.test.ts checks both ends.
 */

const REHAB_KINDS = ['COMPULSORY', 'VOLUNTARY_FACILITY', 'VOLUNTARY_COMMUNITY'] as const;
export const ABSCOND_REASONS = ['ESCAPED', 'LEAVE_OVERDUE'] as const;
export const SUBSTANCE_CLASSES = ['OPIOIDS', 'STIMULANTS', 'CANNABIS', 'OTHER'] as const;

const PERSON = '7f1c2a1e-8d43-4b7a-9c55-0a1b2c3d4e5f';
const RECORD = '2b9e4c6d-1a3f-4e8b-a7c2-9d0e1f2a3b4c';

export const REHAB_ADMITTED = defineNotice({
  topic: 'rehab.admitted',
  from: 'labor-welfare',
  to: ['police'],
  description:
    'A person was admitted to rehab (any form); police close the drug-user management it supersedes and count a voluntary form as a treatment registration.',
  // kind is optional: notices queued before the form was sent carry none.
  shape: {
    personId: uuid,
    episodeId: uuid,
    admittedOn: date,
    kind: optional(oneOf(REHAB_KINDS)),
    facilityCode: optional(unitCode('FACILITY')),
  },
  example: { personId: PERSON, episodeId: RECORD, admittedOn: '2026-07-15', kind: 'VOLUNTARY_FACILITY', facilityCode: 'CSCN1' },
});

export const REHAB_ABSCONDED = defineNotice({
  topic: 'rehab.absconded',
  from: 'labor-welfare',
  to: ['police'],
  description: 'A resident escaped or did not return from leave; police open a search.',
  shape: { personId: uuid, episodeId: uuid, facilityCode: unitCode('FACILITY'), reason: oneOf(ABSCOND_REASONS), since: date },
  example: { personId: PERSON, episodeId: RECORD, facilityCode: 'CSCN1', reason: 'ESCAPED', since: '2026-08-01' },
});

export const REHAB_RETURNED = defineNotice({
  topic: 'rehab.returned',
  from: 'labor-welfare',
  to: ['police'],
  description: 'An absconder is back at the facility; police close the search.',
  shape: { personId: uuid, episodeId: uuid, returnedOn: date },
  example: { personId: PERSON, episodeId: RECORD, returnedOn: '2026-08-10' },
});

export const REHAB_COMPLETED = defineNotice({
  topic: 'rehab.completed',
  from: 'labor-welfare',
  to: ['police'],
  description: 'A person completed rehab; the completion reaches the commune police worklist.',
  shape: {
    personId: uuid,
    episodeId: uuid,
    facilityCode: optional(unitCode('FACILITY')),
    completedOn: date,
    certificateNumber: text(64),
  },
  example: {
    personId: PERSON,
    episodeId: RECORD,
    facilityCode: 'CSCN1',
    completedOn: '2026-09-30',
    certificateNumber: '12/GCN-CSCN1',
  },
});

export const ADDICTION_DETERMINED = defineNotice({
  topic: 'addiction.determined',
  from: 'health',
  to: ['police'],
  description: 'A person was told they are addicted; the treatment-registration deadline runs from the informed date.',
  shape: {
    personId: uuid,
    determinationId: uuid,
    determinedOn: date,
    informedOn: date,
    substanceClasses: listOf(oneOf(SUBSTANCE_CLASSES), 1, SUBSTANCE_CLASSES.length * 4),
  },
  check: (p) =>
    p.informedOn < p.determinedOn
      ? {
          vi: `ngày thông báo ${p.informedOn} ở trước ngày kết luận ${p.determinedOn}`,
          en: `the informed date ${p.informedOn} is before the determination ${p.determinedOn}`,
        }
      : null,
  example: {
    personId: PERSON,
    determinationId: RECORD,
    determinedOn: '2026-07-20',
    informedOn: '2026-07-21',
    substanceClasses: ['OPIOIDS'],
  },
});

export const SUBSTITUTION_STARTED = defineNotice({
  topic: 'treatment.substitution-started',
  from: 'health',
  to: ['police', 'labor-welfare'],
  description:
    "A person enrolled in substitution treatment, which counts as a treatment registration (police); the residence commune's post-rehab management of the person awaits its chairman's decision (labour-welfare).",
  shape: { personId: uuid, treatmentId: uuid, enrolledOn: date },
  example: { personId: PERSON, treatmentId: RECORD, enrolledOn: '2026-07-25' },
});

/** How a substitution treatment ended: the taper completed, or a termination with its reason. */
export const SUBSTITUTION_END_REASONS = [
  'COMPLETED',
  'FORCED_PROTOCOL_VIOLATIONS',
  'FORCED_REPEATED_POSITIVE_TESTS',
  'VOLUNTARY',
  'OTHER',
] as const;

export const SUBSTITUTION_ENDED = defineNotice({
  topic: 'treatment.substitution-ended',
  from: 'health',
  to: ['labor-welfare'],
  description:
    "A person's substitution treatment stopped (not a move to another clinic); the residence commune manages the person after it, awaiting its chairman's decision.",
  shape: { personId: uuid, treatmentId: uuid, stoppedOn: date, reason: oneOf(SUBSTITUTION_END_REASONS) },
  example: { personId: PERSON, treatmentId: RECORD, stoppedOn: '2026-10-02', reason: 'VOLUNTARY' },
});

export const RELAPSE_RISK = defineNotice({
  topic: 'support.relapse-risk',
  from: 'volunteers',
  to: ['police', 'labor-welfare'],
  description: 'A volunteer observed a high relapse risk; it reaches commune police and the open post-rehab case.',
  shape: { personId: uuid, assignmentId: uuid, observedOn: date, note: optional(text(500)) },
  example: { personId: PERSON, assignmentId: RECORD, observedOn: '2026-10-02', note: 'Gặp lại nhóm bạn cũ' },
});

export const RESIDENCE_MOVED = defineNotice({
  topic: 'residence.moved',
  from: 'police',
  to: ['labor-welfare'],
  description: 'A person now lives in another commune; their open cases move with them.',
  shape: { personId: uuid, toUnitCode: unitCode('COMMUNE') },
  example: { personId: PERSON, toUnitCode: '00004' },
});

export const PERSON_MERGED = defineNotice({
  topic: 'person.merged',
  from: 'police',
  to: ['labor-welfare'],
  description: 'Police merged two registry records of one person; rows naming the duplicate move to the survivor.',
  shape: { survivorId: uuid, duplicateId: uuid },
  check: (p) =>
    p.survivorId === p.duplicateId
      ? { vi: 'không thể hợp nhất một người với chính họ', en: 'a person cannot be merged into themselves' }
      : null,
  example: { survivorId: PERSON, duplicateId: RECORD },
});

export const PERSON_UNIT_ASSIGNED_NOTICE = defineNotice({
  // Every agency keeps the assignment, so its records of the old commune follow the person: every registered subgraph but police.
  topic: 'person.unit-assigned',
  from: 'police',
  to: SUBGRAPH_NAMES.filter((name) => name !== 'police'),
  description: 'The province assigned a person of a split commune to one of its successors; their records follow.',
  shape: { personId: uuid, fromUnitPath: text(200), toUnitCode: text(20), toUnitPath: text(200), assignedOn: date },
  check: (p) => {
    const to = units().byUnitPath(p.toUnitPath);
    if (!units().isSplit(p.fromUnitPath))
      return { vi: `${p.fromUnitPath} không phải một xã đã chia tách`, en: `${p.fromUnitPath} is not a split commune` };
    return to?.code === p.toUnitCode
      ? null
      : { vi: `${p.toUnitPath} không phải mã ${p.toUnitCode}`, en: `${p.toUnitPath} is not ${p.toUnitCode}` };
  },
  example: {
    personId: PERSON,
    fromUnitPath: '01.001.00007',
    toUnitCode: '00008',
    toUnitPath: '01.00008',
    assignedOn: '2026-09-01',
  },
});

/** Most entries in one person.directory notice (a notice body is limited to 256 KiB). */
export const PERSON_DIRECTORY_BATCH = 500;

const DIRECTORY_ENTRY = objectOf(
  {
    personId: uuid,
    // The unit's code and its version's path: the code alone is ambiguous across the 2025 reform.
    unitCode: text(16),
    unitPath: text(200),
    /** Set when the record was merged into another one: the id names no living person. */
    mergedInto: optional(uuid),
    /** The registry record's version: an older entry never replaces a newer one. */
    version: positiveInteger,
    recordedAt: timestamp,
  },
  (e) =>
    units().byUnitPath(e.unitPath)?.code === e.unitCode
      ? null
      : { vi: `${e.unitPath} không phải mã ${e.unitCode}`, en: `${e.unitPath} is not ${e.unitCode}` },
);

export const PERSON_DIRECTORY = defineNotice({
  // Every agency but police keeps the directory: every registered subgraph but police.
  topic: 'person.directory',
  from: 'police',
  to: SUBGRAPH_NAMES.filter((name) => name !== 'police'),
  description:
    'Where registry persons live now (after a registration, move, assignment or merge, or the whole registry in batches); each keeper checks a first record against it.',
  shape: { persons: listOf(DIRECTORY_ENTRY, 1, PERSON_DIRECTORY_BATCH) },
  example: {
    persons: [
      {
        personId: PERSON,
        unitCode: '00004',
        unitPath: '01.00004',
        mergedInto: null,
        version: 3,
        recordedAt: '2026-11-20T03:04:05.000Z',
      },
    ],
  },
});

/** Most care periods in one care notice (the backfill announces existing care in batches of this size). */
export const CARE_RELATION_BATCH = 500;

/**
 * One period of care of a person at a unit that is not their residence (a clinic, a facility),
 * keyed by the care record and the day it started there: a later notice of the same period
 * (its end) replaces the earlier one.
 */
const carePeriod = (level: 'CLINIC' | 'FACILITY') =>
  objectOf(
    {
      personId: uuid,
      /** The care record: the substitution treatment or the rehab episode. */
      recordId: uuid,
      careUnitCode: unitCode(level),
      startedOn: date,
      /** The last day of care at the unit (inclusive); null while it lasts. */
      endedOn: optional(date),
    },
    // A period may end the day before it started (moved on on its first day: no day of care there).
    (p) =>
      p.endedOn !== null && Date.parse(p.endedOn) < Date.parse(p.startedOn) - 86_400_000
        ? {
            vi: `ngày kết thúc ${p.endedOn} trước ngày bắt đầu ${p.startedOn}`,
            en: `ends on ${p.endedOn} before it starts on ${p.startedOn}`,
          }
        : null,
  );

export const CARE_SUBSTITUTION = defineNotice({
  topic: 'care.substitution',
  from: 'health',
  to: ['police'],
  description:
    "A person's substitution treatment at a clinic started, moved to another clinic or ended; police let the clinic's health workers read the person's identity while it lasts.",
  shape: { periods: listOf(carePeriod('CLINIC'), 1, CARE_RELATION_BATCH) },
  example: { periods: [{ personId: PERSON, recordId: RECORD, careUnitCode: 'MMT001', startedOn: '2026-07-25', endedOn: null }] },
});

export const CARE_FACILITY = defineNotice({
  topic: 'care.facility',
  from: 'labor-welfare',
  to: ['police'],
  description:
    "A person was admitted to a rehab facility, transferred to another or left it (completion, termination); police let the facility's staff read the person's identity while they are a resident.",
  shape: { periods: listOf(carePeriod('FACILITY'), 1, CARE_RELATION_BATCH) },
  example: {
    periods: [{ personId: PERSON, recordId: RECORD, careUnitCode: 'CSCN1', startedOn: '2026-07-15', endedOn: '2026-09-30' }],
  },
});

/** The catalogue, by topic. */
export const NOTICE_CONTRACTS: readonly NoticeContract[] = [
  REHAB_ADMITTED,
  REHAB_ABSCONDED,
  REHAB_RETURNED,
  REHAB_COMPLETED,
  ADDICTION_DETERMINED,
  SUBSTITUTION_STARTED,
  SUBSTITUTION_ENDED,
  RELAPSE_RISK,
  RESIDENCE_MOVED,
  PERSON_MERGED,
  PERSON_UNIT_ASSIGNED_NOTICE,
  PERSON_DIRECTORY,
  CARE_SUBSTITUTION,
  CARE_FACILITY,
];

/** The contracts addressed to a subgraph. */
export function contractsTo(name: SubgraphName): readonly NoticeContract[] {
  return NOTICE_CONTRACTS.filter((c) => c.to.includes(name));
}

/** The notice handlers a subgraph serves: its own, plus the kit's common ones whose contract addresses it. */
export function receiverHandlers(
  name: SubgraphName,
  common: Readonly<Record<string, NoticeHandler>>,
  own: Readonly<Record<string, NoticeHandler>> = {},
): Record<string, NoticeHandler> {
  const addressed = new Set(contractsTo(name).map((c) => c.topic));
  return { ...Object.fromEntries(Object.entries(common).filter(([topic]) => addressed.has(topic))), ...own };
}
