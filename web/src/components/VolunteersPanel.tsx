import { gql } from '@apollo/client';
import type { ReactNode } from 'react';
import type { GraphQLErrors, ResponsePath } from '../graphqlErrors';
import { useI18n } from '../i18n';
import { Field, Guarded, Panel, type PanelState } from './Panel';
import { PREVENTION_SECTION_FRAGMENT, PreventionSection, hasPrevention } from './PreventionSection';
import type { VolunteersPanel_personFragment } from '../__generated__/operations';

export const VOLUNTEERS_PANEL_FRAGMENT = gql`
  fragment VolunteersPanel_person on Person {
    id
    supportAssignments {
      id
      reason
      startedOn
      endedOn
      volunteer {
        id
        fullName
        phone
        organisation {
          name
        }
      }
    }
    ...PreventionSection_person
  }
  ${PREVENTION_SECTION_FRAGMENT}
`;

export type SupportAssignment = NonNullable<VolunteersPanel_personFragment['supportAssignments']>[number];

/** Mass-organisation data: volunteers assigned to support the person after rehab, and prevention given to them. */
export type VolunteersPanel_person = VolunteersPanel_personFragment;

const FIELDS = [
  'supportAssignments',
  'preventionListEntry',
  'preventionServices',
] as const satisfies readonly (keyof VolunteersPanel_person)[];

function AssignmentItem({
  assignment,
  errors,
  path,
}: {
  assignment: SupportAssignment;
  errors: GraphQLErrors;
  path: ResponsePath;
}): ReactNode {
  const { t, label, formatDate } = useI18n();
  const volunteerPath = [...path, 'volunteer'];
  return (
    <li className="record">
      <Guarded errors={errors} path={volunteerPath} value={assignment.volunteer}>
        {(volunteer) => (
          <>
            <p className="record__title">
              <Guarded errors={errors} path={[...volunteerPath, 'fullName']} value={volunteer.fullName}>
                {(name) => name}
              </Guarded>
            </p>
            <dl className="fields">
              <Field label={t('volunteers.organisation')}>
                <Guarded errors={errors} path={[...volunteerPath, 'organisation']} value={volunteer.organisation}>
                  {(organisation) => (
                    <Guarded errors={errors} path={[...volunteerPath, 'organisation', 'name']} value={organisation.name}>
                      {(name) => name}
                    </Guarded>
                  )}
                </Guarded>
              </Field>
              <Field label={t('volunteers.phone')}>
                <Guarded errors={errors} path={[...volunteerPath, 'phone']} value={volunteer.phone}>
                  {(phone) => <a href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{phone}</a>}
                </Guarded>
              </Field>
            </dl>
          </>
        )}
      </Guarded>
      <dl className="fields">
        <Field label={t('volunteers.reason')}>
          <Guarded errors={errors} path={[...path, 'reason']} value={assignment.reason}>
            {(reason) => label('assignmentReason', reason)}
          </Guarded>
        </Field>
        <Field label={t('volunteers.period')}>
          <Guarded errors={errors} path={[...path, 'startedOn']} value={assignment.startedOn}>
            {(started) =>
              `${formatDate(started)} – ${assignment.endedOn ? formatDate(assignment.endedOn) : t('volunteers.ongoing')}`
            }
          </Guarded>
        </Field>
      </dl>
    </li>
  );
}

export function VolunteersPanel({ state }: { state: PanelState<VolunteersPanel_person> }): ReactNode {
  const { t } = useI18n();
  return (
    <Panel
      testId="panel-volunteers"
      title={t('panel.volunteers')}
      agency="volunteers"
      state={state}
      fields={FIELDS}
      isEmpty={(person) => (person.supportAssignments ?? []).length === 0 && !hasPrevention(person)}
    >
      {(person, errors, path) => (
        <>
          <section className="subsection" aria-label={t('volunteers.assignments')}>
            <Guarded
              errors={errors}
              path={[...path, 'supportAssignments']}
              value={person.supportAssignments}
              empty={<p className="state state--empty">{t('state.empty')}</p>}
            >
              {(assignments) => (
                <ul className="records">
                  {assignments.map((assignment, index) => (
                    <AssignmentItem
                      key={assignment.id}
                      assignment={assignment}
                      errors={errors}
                      path={[...path, 'supportAssignments', index]}
                    />
                  ))}
                </ul>
              )}
            </Guarded>
          </section>
          <PreventionSection person={person} errors={errors} path={path} />
        </>
      )}
    </Panel>
  );
}
