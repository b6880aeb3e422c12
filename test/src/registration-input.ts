import { makeIdentificationNumber } from '@rehab/shared-schema';

/** A RegisterPersonInput for a test's own person: a valid number from `serial`, living in `unitCode` (Phường Ba Đình). */
export function registrationInput(
  fullName: string,
  serial: number,
  dateOfBirth: string,
  unitCode = '00004',
): Record<string, unknown> {
  const residence = { unitCode, addressLine: 'Số 5 phố Thử' };
  return {
    identificationNumber: makeIdentificationNumber('001', dateOfBirth, 'MALE', serial),
    fullName,
    dateOfBirth,
    sex: 'MALE',
    ethnicity: 'Kinh',
    permanentResidence: residence,
    currentResidence: residence,
  };
}
