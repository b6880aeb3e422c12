import { gql, type TypedDocumentNode } from '@apollo/client';
import { skipToken, useQuery } from '@apollo/client/react';
import { useI18n } from '../i18n';
import { dateField, type Step } from './StepMenu';
import type {
  FacilityAreasQuery,
  FacilityAreasQueryVariables,
  PlaceResidentInAreaMutation,
  PlaceResidentInAreaMutationVariables,
} from '../__generated__/operations';

export const FACILITY_AREAS: TypedDocumentNode<FacilityAreasQuery, FacilityAreasQueryVariables> = gql`
  query FacilityAreas($code: ID!) {
    facility(code: $code) {
      code
      admitsMinors
      residentsWithoutArea
      areas {
        id
        name
        kind
        capacity
        occupancy
        overCapacity
        version
      }
    }
  }
`;

const PLACE: TypedDocumentNode<PlaceResidentInAreaMutation, PlaceResidentInAreaMutationVariables> = gql`
  mutation PlaceResidentInArea($id: ID!, $expectedVersion: Int!, $areaId: ID!, $placedOn: Date) {
    placeResidentInArea(id: $id, expectedVersion: $expectedVersion, areaId: $areaId, placedOn: $placedOn) {
      id
      version
      area {
        id
        name
      }
    }
  }
`;

/** Xếp khu: the facility's areas to choose from, with their places taken (the current one left out). */
export function useAreaStep(episode: {
  status: string | null;
  facility?: { code: string } | null;
  area?: { id: string } | null;
}): Step | null {
  const { t, label } = useI18n();
  const code = episode.facility?.code;
  const open = episode.status === 'ADMITTED' || episode.status === 'ON_LEAVE';
  const { data } = useQuery(FACILITY_AREAS, code && open ? { variables: { code } } : skipToken);
  const areas = (data?.facility?.areas ?? []).filter((a) => a.id !== episode.area?.id);
  if (!open || areas.length === 0) return null;
  return {
    key: 'place-in-area',
    label: t('area.place'),
    mutation: PLACE,
    fields: [
      {
        name: 'areaId',
        label: t('area.area'),
        kind: 'select',
        required: true,
        placeholder: t('form.choosePlaceholder'),
        options: areas.map((a) => ({
          value: a.id,
          label: t('area.option', {
            name: a.name,
            kind: label('facilityAreaKind', a.kind),
            occupancy: String(a.occupancy),
            capacity: String(a.capacity),
          }),
        })),
        hint: t('area.hint'),
      },
      dateField('placedOn', t('area.placedOn')),
    ],
    variables: (v) => ({ areaId: v.areaId ?? '', placedOn: v.placedOn ?? null }),
  };
}
