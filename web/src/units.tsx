import { gql, type TypedDocumentNode } from '@apollo/client';
import { skipToken, useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { useI18n } from './i18n';
import type {
  ProvinceCourtsQuery,
  ProvinceCourtsQueryVariables,
  RehabFacilitiesQuery,
  RehabFacilitiesQueryVariables,
} from './__generated__/operations';

/**
 * Units as the API returns them, with their dates. A record made before the 1 July 2025
 * reform keeps its unit (a commune of a district that no longer exists): the portal shows
 * that old name, with the district it belonged to, its end date and where its territory went.
 */
export const DATED_UNIT_FRAGMENT = gql`
  fragment DatedUnit on AdministrativeUnit {
    code
    name
    path
    validTo
    parent {
      name
    }
    successors {
      whole
      unit {
        code
        name
      }
    }
  }
`;

export interface DatedUnit {
  code: string;
  name: string | null;
  path?: string | null;
  validTo?: string | null;
  parent?: { name: string } | null;
  successors?: readonly { whole: boolean; unit: { code: string; name: string } }[] | null;
}

/** "(Quận Ba Đình, đến 30/06/2025; nay thuộc Phường Ba Đình)" for a unit that has ended; empty for today's units. */
export function useFormerUnitNote(): (unit: DatedUnit) => string {
  const { t, formatDate } = useI18n();
  return (unit) => {
    if (!unit.validTo) return '';
    const successors = unit.successors ?? [];
    const names = successors.map((s) => s.unit.name).join(', ');
    const now =
      successors.length === 0
        ? ''
        : successors.length === 1 && successors[0]?.whole
          ? t('unit.nowPartOf', { names })
          : t('unit.nowSplitInto', { names });
    const ended = t('unit.endedOn', { date: formatDate(unit.validTo) });
    return `(${[unit.parent?.name, ended].filter(Boolean).join(', ')}${now ? `; ${now}` : ''})`;
  };
}

/** A unit's name as the API returns it; an ended unit's with its district, end date and successors. */
export function UnitName({ unit }: { unit: DatedUnit }): ReactNode {
  const note = useFormerUnitNote()(unit);
  return (
    <>
      {unit.name ?? unit.code}
      {note && <span className="unit-note"> {note}</span>}
    </>
  );
}

export interface UnitOption {
  code: string;
  name: string;
}

const COURTS: TypedDocumentNode<ProvinceCourtsQuery, ProvinceCourtsQueryVariables> = gql`
  query ProvinceCourts($parentCode: ID!) {
    administrativeUnits(parentCode: $parentCode, levels: [COURT]) {
      code
      name
    }
  }
`;

/** Today's courts of a province (regional people's courts), to send a dossier to. */
export function useCourts(provinceCode: string | null): { courts: UnitOption[] | undefined } {
  const { data } = useQuery(COURTS, provinceCode ? { variables: { parentCode: provinceCode } } : skipToken);
  return { courts: data?.administrativeUnits };
}

export type FacilityOption = RehabFacilitiesQuery['facilities'][number];

const FACILITIES: TypedDocumentNode<RehabFacilitiesQuery, RehabFacilitiesQueryVariables> = gql`
  query RehabFacilities {
    facilities {
      code
      name
      managingAgency
      unit {
        path
      }
    }
  }
`;

/** The public rehab facilities of a province, with the agency that runs each today. */
export function useFacilities(provinceCode: string | null): { facilities: FacilityOption[] | undefined } {
  const { data } = useQuery(FACILITIES, provinceCode ? {} : skipToken);
  const facilities = data?.facilities.filter((f) => f.unit.path.split('.')[0] === provinceCode);
  return { facilities };
}

/** "Cơ sở cai nghiện ma túy số 1 Hà Nội (Công an quản lý)". */
export function useFacilityLabel(): (facility: { name: string; managingAgency: string }) => string {
  const { t, label } = useI18n();
  return (facility) => `${facility.name} (${t('facility.managedBy', { agency: label('agency', facility.managingAgency) })})`;
}
