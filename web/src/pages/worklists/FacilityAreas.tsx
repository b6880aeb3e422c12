import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import type { Officer } from '../../auth';
import { FACILITY_AREAS } from '../../forms/AreaStep';
import { useI18n } from '../../i18n';

/** Khu của cơ sở: each area's residents against its places, and the residents not placed yet. */
export function FacilityAreas({ officer }: { officer: Officer }): ReactNode {
  const { t, label, locale } = useI18n();
  const { data } = useQuery(FACILITY_AREAS, { variables: { code: officer.unitCode }, fetchPolicy: 'no-cache' });
  const facility = data?.facility;
  if (!facility || facility.areas.length === 0) return null;
  const number = (n: number) => n.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB');
  return (
    <section className="panel" data-testid="facility-areas" aria-labelledby="facility-areas-heading">
      <h2 id="facility-areas-heading" className="panel__title">
        {t('area.heading')}
      </h2>
      <div className="panel__body">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('area.area')}</th>
              <th scope="col">{t('area.kind')}</th>
              <th scope="col">{t('area.occupancy')}</th>
              <th scope="col">{t('area.capacity')}</th>
            </tr>
          </thead>
          <tbody>
            {facility.areas.map((a) => (
              <tr key={a.id}>
                <td>{a.name}</td>
                <td>{label('facilityAreaKind', a.kind)}</td>
                <td>
                  {number(a.occupancy)}
                  {a.overCapacity && <span className="badge badge--absconded"> {t('area.overCapacity')}</span>}
                </td>
                <td>{number(a.capacity)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p data-testid="residents-without-area">{t('area.withoutArea', { count: number(facility.residentsWithoutArea) })}</p>
      </div>
    </section>
  );
}
