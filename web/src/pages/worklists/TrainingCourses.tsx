import { gql, type TypedDocumentNode } from '@apollo/client';
import { useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import type { Officer } from '../../auth';
import type { FieldSpec, FormValues } from '../../forms/ActionForm';
import { today } from '../../forms/useSubmit';
import { useI18n } from '../../i18n';
import { AgencyRecords, useRecordsProgramme } from './AgencyRecords';
import type {
  RecordTrainingCourseMutation,
  RecordTrainingCourseMutationVariables,
  TrainedGroup,
  TrainingCourseInput,
  TrainingCoursesQuery,
  TrainingCoursesQueryVariables,
  UpdateTrainingCourseMutation,
  UpdateTrainingCourseMutationVariables,
} from '../../__generated__/operations';

const COURSES: TypedDocumentNode<TrainingCoursesQuery, TrainingCoursesQueryVariables> = gql`
  query TrainingCourses($unitCode: ID!, $from: Date) {
    trainingCourses(unitCode: $unitCode, from: $from) {
      id
      title
      agency
      startedOn
      endedOn
      totalParticipants
      version
      participants {
        group
        count
      }
      unit {
        code
      }
    }
  }
`;

const RECORD: TypedDocumentNode<RecordTrainingCourseMutation, RecordTrainingCourseMutationVariables> = gql`
  mutation RecordTrainingCourse($input: TrainingCourseInput!) {
    recordTrainingCourse(input: $input) {
      id
      version
    }
  }
`;

const UPDATE: TypedDocumentNode<UpdateTrainingCourseMutation, UpdateTrainingCourseMutationVariables> = gql`
  mutation UpdateTrainingCourse($id: ID!, $expectedVersion: Int!, $input: TrainingCourseInput!) {
    updateTrainingCourse(id: $id, expectedVersion: $expectedVersion, input: $input) {
      id
      version
    }
  }
`;

const GROUPS: readonly TrainedGroup[] = ['POLICE', 'COMMUNE', 'LABOUR', 'FACILITY', 'HEALTH', 'MASS_ORGANISATIONS', 'OTHER'];
/** The agencies that train their officers and staff, at their own commune or province. */
const TRAINERS: ReadonlySet<string> = new Set([
  'police_officer',
  'labour_officer',
  'health_worker',
  'commune_official',
  'front_officer',
]);

type Course = TrainingCoursesQuery['trainingCourses'][number];

function useFields(): (initial?: Course) => FieldSpec[] {
  const { t, label } = useI18n();
  return (initial) => {
    const countOf = (g: TrainedGroup) => initial?.participants.find((p) => p.group === g)?.count;
    return [
      { name: 'title', label: t('training.title'), kind: 'text', required: true, wide: true, initial: initial?.title },
      { name: 'startedOn', label: t('training.startedOn'), kind: 'date', required: true, initial: initial?.startedOn ?? today() },
      { name: 'endedOn', label: t('training.endedOn'), kind: 'date', required: true, initial: initial?.endedOn ?? today() },
      ...GROUPS.map((g): FieldSpec => ({
        name: `group-${g}`,
        label: t('training.participantsOf', { group: label('trainedGroup', g) }),
        kind: 'number',
        initial: countOf(g) !== undefined ? String(countOf(g)) : undefined,
      })),
    ];
  };
}

function inputOf(unitCode: string, v: FormValues): TrainingCourseInput {
  return {
    unitCode,
    title: v.title ?? '',
    startedOn: v.startedOn ?? '',
    endedOn: v.endedOn ?? '',
    participants: GROUPS.filter((g) => v[`group-${g}`]).map((g) => ({ group: g, count: Number(v[`group-${g}`]) })),
  };
}

/** Tập huấn: the courses held for the officer's unit this year, recorded and corrected by the agency that held them. */
export function TrainingCourses({ officer }: { officer: Officer }): ReactNode {
  const { t, label, formatDate } = useI18n();
  const allowed = useRecordsProgramme(officer, TRAINERS);
  const fields = useFields();
  const { data, loading, error, refetch } = useQuery(COURSES, {
    variables: { unitCode: officer.unitCode, from: `${today().slice(0, 4)}-01-01` },
    fetchPolicy: 'no-cache',
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- refetch() needs the variables that skipToken drops
    skip: !allowed,
  });
  if (!allowed) return null;
  return (
    <AgencyRecords
      officer={officer}
      actionKey="training"
      labels={{ heading: t('training.heading'), record: t('training.record'), edit: t('training.edit') }}
      rows={data?.trainingCourses}
      loading={loading}
      error={error}
      reload={() => refetch()}
      columns={[
        { header: t('training.endedOn'), cell: (r) => formatDate(r.endedOn) },
        { header: t('training.title'), cell: (r) => r.title },
        { header: t('communication.agency'), cell: (r) => label('agency', r.agency) },
        {
          header: t('training.participants'),
          cell: (r) => r.participants.map((p) => `${label('trainedGroup', p.group)}: ${p.count}`).join('; '),
        },
        { header: t('training.total'), cell: (r) => r.totalParticipants },
      ]}
      fields={fields}
      mutations={{ record: RECORD, edit: UPDATE }}
      inputOf={inputOf}
      title={(r) => r.title}
    />
  );
}
