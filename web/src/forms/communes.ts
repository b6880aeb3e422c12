import { gql, type TypedDocumentNode } from '@apollo/client';
import { skipToken, useQuery } from '@apollo/client/react';
import type { UnitOption } from '../units';
import type {
  PickerCommunesQuery,
  PickerCommunesQueryVariables,
  PickerProvincesQuery,
  PickerProvincesQueryVariables,
} from '../__generated__/operations';

const PROVINCES: TypedDocumentNode<PickerProvincesQuery, PickerProvincesQueryVariables> = gql`
  query PickerProvinces {
    administrativeUnits(levels: [PROVINCE]) {
      code
      name
    }
  }
`;

const COMMUNES: TypedDocumentNode<PickerCommunesQuery, PickerCommunesQueryVariables> = gql`
  query PickerCommunes($parentCode: ID!) {
    administrativeUnits(parentCode: $parentCode, levels: [COMMUNE]) {
      code
      name
    }
  }
`;

/** Today's provinces (34 since 1 July 2025). */
export function useProvinces(): UnitOption[] | undefined {
  return useQuery(PROVINCES).data?.administrativeUnits;
}

/** Today's communes, wards and special zones of a province; nothing before one is chosen. */
export function useCommunes(provinceCode: string | null): UnitOption[] | undefined {
  return useQuery(COMMUNES, provinceCode ? { variables: { parentCode: provinceCode } } : skipToken).data?.administrativeUnits;
}

export const unitOptions = (units: readonly UnitOption[] | undefined): { value: string; label: string }[] =>
  (units ?? []).map((u) => ({ value: u.code, label: u.name }));
