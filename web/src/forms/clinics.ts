import { gql, type TypedDocumentNode } from '@apollo/client';
import { skipToken, useQuery } from '@apollo/client/react';
import type { PickerClinicsQuery, PickerClinicsQueryVariables } from '../__generated__/operations';

const CLINICS: TypedDocumentNode<PickerClinicsQuery, PickerClinicsQueryVariables> = gql`
  query PickerClinics {
    clinics {
      code
      name
      unit {
        path
      }
    }
  }
`;

export interface ClinicOption {
  value: string;
  label: string;
}

/**
 * Substitution treatment clinics to choose from: those of the province of `near` (a clinic's
 * code, or the officer's unit code) first, then the others, each group by name. Nothing is
 * asked for (and undefined returned) unless `wanted`.
 */
export function useClinicOptions(near: string, wanted = true): ClinicOption[] | undefined {
  const { data } = useQuery(CLINICS, wanted ? {} : skipToken);
  if (!data) return undefined;
  const province = (data.clinics.find((c) => c.code === near)?.unit.path ?? near).split('.')[0];
  const elsewhere = (path: string): number => (path.split('.')[0] === province ? 0 : 1);
  return [...data.clinics]
    .sort((a, b) => elsewhere(a.unit.path) - elsewhere(b.unit.path) || a.name.localeCompare(b.name, 'vi'))
    .map((c) => ({ value: c.code, label: c.name }));
}
