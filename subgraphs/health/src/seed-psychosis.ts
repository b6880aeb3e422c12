import { SeededRandom, addDays, demoUnitOn, todayInHanoi, type DemoPerson } from '@rehab/shared-schema';

export const PSYCHOSIS_COLUMNS = [
  'id',
  'person_id',
  'diagnosed_on',
  'substance_classes',
  'severity',
  'risk_to_others',
  'care',
  'care_facility',
  'status',
  'ended_on',
  'end_reason',
  'residence_unit_path',
  'owner_unit_path',
  'recorded_by',
];

/** Fixed seed of the psychosis records' ids (a stream of its own, so the other rows keep theirs). */
const HEALTH_PSYCHOSIS_SEED = 3507;
const SEVERITIES = ['MILD', 'MODERATE', 'SEVERE'] as const;

/**
 * About one user of stimulants in eight among the people determined addicted was found
 * psychotic the day they were found using (chosen by the person id): a severe case at risk of
 * harming others is treated as an inpatient, the others at the health station or by the
 * family; most recovered three months later.
 */
export function psychosisRows(population: readonly DemoPerson[]): unknown[][] {
  const rng = new SeededRandom(HEALTH_PSYCHOSIS_SEED);
  const today = todayInHanoi();
  return population
    .filter((p) => p.determination?.substanceClasses.includes('STIMULANTS') && parseInt(p.id.slice(-2), 16) % 8 === 3)
    .map((p) => {
      const digit = parseInt(p.id.slice(-3, -2), 16);
      const severity = SEVERITIES[digit % 3] ?? 'MODERATE';
      const severe = severity === 'SEVERE';
      const residence = demoUnitOn(p, p.detectedOn).unitPath;
      const endedOn = addDays(p.detectedOn, 90);
      const ended = digit % 4 !== 0 && endedOn <= today;
      return [
        rng.uuid(),
        p.id,
        p.detectedOn,
        ['STIMULANTS'],
        severity,
        severe,
        severe ? 'INPATIENT_PSYCHIATRIC' : digit % 2 === 0 ? 'OUTPATIENT' : 'FAMILY_CARE',
        severe ? 'Bệnh viện Tâm thần của tỉnh, thành phố' : null,
        ended ? 'ENDED' : 'UNDER_CARE',
        ended ? endedOn : null,
        ended ? 'RECOVERED' : null,
        residence,
        residence.split('.')[0],
        'demo',
      ];
    });
}
