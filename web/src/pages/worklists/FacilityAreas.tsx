import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import type { Officer } from '../../auth';
import { ActionForm } from '../../forms/ActionForm';
import { ActionMenu } from '../../forms/ActionMenu';
import { FACILITY_AREAS } from '../../forms/AreaStep';
import { chosen, useEnumOptions } from '../../forms/options';
import { StepMenu } from '../../forms/StepMenu';
import { useSubmit } from '../../forms/useSubmit';
import { useI18n } from '../../i18n';
import type {
  AddFacilityAreaMutation,
  AddFacilityAreaMutationVariables,
  FacilityAreaKind,
  UpdateFacilityAreaMutation,
  UpdateFacilityAreaMutationVariables,
} from '../../__generated__/operations';

const ADD_AREA: TypedDocumentNode<AddFacilityAreaMutation, AddFacilityAreaMutationVariables> = gql`
  mutation AddFacilityArea($facilityCode: ID!, $input: FacilityAreaInput!) {
    addFacilityArea(facilityCode: $facilityCode, input: $input) {
      id
      version
    }
  }
`;

const UPDATE_AREA: TypedDocumentNode<UpdateFacilityAreaMutation, UpdateFacilityAreaMutationVariables> = gql`
  mutation UpdateFacilityArea($id: ID!, $expectedVersion: Int!, $name: String!, $capacity: Int!) {
    updateFacilityArea(id: $id, expectedVersion: $expectedVersion, name: $name, capacity: $capacity) {
      id
      version
    }
  }
`;

const ADULT_KINDS: readonly FacilityAreaKind[] = ['MEN', 'WOMEN'];
const MINOR_KINDS: readonly FacilityAreaKind[] = ['MINOR_BOYS', 'MINOR_GIRLS'];

function AddAreaForm({
  code,
  admitsMinors,
  reload,
}: {
  code: string;
  admitsMinors: boolean;
  reload: () => Promise<unknown>;
}): ReactNode {
  const { t } = useI18n();
  const options = useEnumOptions();
  const submit = useSubmit();
  return (
    <ActionMenu
      label={t('area.add')}
      actions={[
        {
          key: 'area-add',
          label: t('area.add'),
          render: (close) => (
            <ActionForm
              testId="form-area-add"
              title={t('area.add')}
              submitLabel={t('form.save')}
              fields={[
                { name: 'name', label: t('area.name'), kind: 'text', required: true },
                {
                  name: 'kind',
                  label: t('area.kind'),
                  kind: 'select',
                  required: true,
                  placeholder: t('form.choosePlaceholder'),
                  hint: admitsMinors ? undefined : t('area.noMinors'),
                  options: options('facilityAreaKind', admitsMinors ? [...ADULT_KINDS, ...MINOR_KINDS] : ADULT_KINDS),
                },
                { name: 'capacity', label: t('area.capacity'), kind: 'number', required: true },
              ]}
              onSubmit={(v) =>
                submit(ADD_AREA, {
                  facilityCode: code,
                  input: { name: v.name ?? '', kind: chosen<FacilityAreaKind>(v.kind ?? ''), capacity: Number(v.capacity) },
                })
              }
              onDone={reload}
              onCancel={close}
            />
          ),
        },
      ]}
    />
  );
}

/** Khu của cơ sở: each area's residents against its places, the residents not placed yet; areas added and their places changed. */
export function FacilityAreas({ officer }: { officer: Officer }): ReactNode {
  const { t, label, locale } = useI18n();
  const { data, refetch } = useQuery(FACILITY_AREAS, { variables: { code: officer.unitCode }, fetchPolicy: 'no-cache' });
  const facility = data?.facility;
  if (!facility) return null;
  const reload = () => refetch();
  const number = (n: number) => n.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-GB');
  return (
    <section className="panel" data-testid="facility-areas" aria-labelledby="facility-areas-heading">
      <h2 id="facility-areas-heading" className="panel__title">
        {t('area.heading')}
      </h2>
      <div className="panel__body">
        <AddAreaForm code={facility.code} admitsMinors={facility.admitsMinors} reload={reload} />
        {facility.areas.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('area.area')}</th>
                <th scope="col">{t('area.kind')}</th>
                <th scope="col">{t('area.occupancy')}</th>
                <th scope="col">{t('area.capacity')}</th>
                <th scope="col">{t('action.heading')}</th>
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
                  <td>
                    <StepMenu
                      label={a.name}
                      record={{ id: a.id, version: a.version, status: null }}
                      reload={reload}
                      steps={[
                        {
                          key: 'area-edit',
                          label: t('area.edit'),
                          mutation: UPDATE_AREA,
                          fields: [
                            { name: 'name', label: t('area.name'), kind: 'text', required: true, initial: a.name },
                            {
                              name: 'capacity',
                              label: t('area.capacity'),
                              kind: 'number',
                              required: true,
                              initial: String(a.capacity),
                            },
                          ],
                          variables: (v) => ({ name: v.name ?? '', capacity: Number(v.capacity) }),
                        },
                      ]}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p data-testid="residents-without-area">{t('area.withoutArea', { count: number(facility.residentsWithoutArea) })}</p>
      </div>
    </section>
  );
}
