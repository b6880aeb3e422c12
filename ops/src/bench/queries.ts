/** The README's Person-360 query, as every benchmark and the profile send it. */
export const PERSON_360 = `query($n: IdentificationNumber!) { personByIdentificationNumber(number: $n) {
  id fullName dateOfBirth currentResidence { addressLine unit { name } }
  rehabEpisodes { kind status admittedOn facility { name } }
  addictionDeterminations { examinedOn addicted substanceClasses }
  substitutionTreatment { phase clinic { name } }
  supportAssignments { startedOn volunteer { fullName organisation { name } } } } }`;
