import type { Role } from './roles';
import { ALL_ROLES, LEGAL_PATH_ROLES, fieldsOf, type FieldRule } from './matrix';

/**
 * Plans and indicators. Plans, targets and indicator values are aggregates,
 * not personal data: every officer reads them for the units of their own subtree (the
 * resolvers check the unit), analysts and supervisors for the whole province. The records
 * behind a number name a person (pseudonymous for analysts): officers of the legal path
 * and analysts only, audited by Query.indicatorRecords (one audit row per person listed).
 */
const everyone = { read: ALL_ROLES };
// Plans are made by whoever runs rehab in the province on the day (labour until 28 February 2025, the provincial police since): the mutation checks the date.
const planners = { read: ['labour_officer', 'police_officer', 'supervisor'] as readonly Role[] };
// Table definitions and target-only measures: those who make plans, and analysts who read them against the tables.
const tableReaders = { read: ['labour_officer', 'police_officer', 'supervisor', 'analyst'] as readonly Role[] };
const drillDown = { read: [...LEGAL_PATH_ROLES, 'analyst'] as readonly Role[] };

const all = (...fields: string[]) => Object.fromEntries(fields.map((f) => [f, everyone]));

export const INDICATOR_RULES: Record<string, FieldRule> = {
  ...fieldsOf('Query', 'labor-welfare', {
    plans: everyone,
    plan: everyone,
    indicatorDefinitions: everyone,
    indicators: everyone,
    indicatorBreakdown: everyone,
    indicatorRecords: drillDown,
    planTableDefinitions: tableReaders,
    planTableDefinition: tableReaders,
    planMeasures: tableReaders,
  }),
  ...fieldsOf('Mutation', 'labor-welfare', {
    createPlan: planners,
    importPlanTargets: planners,
    createPlanTableDefinition: planners,
    updatePlanTableDefinition: planners,
  }),
  ...fieldsOf(
    'Plan',
    'labor-welfare',
    all('id', 'provinceCode', 'province', 'unitCode', 'unit', 'year', 'title', 'targets', 'targetOnlyMeasures', 'version'),
  ),
  // Read with the target-only measures' rows (the resolver checks the unit as for indicators).
  ...fieldsOf('PlanMeasureTarget', 'labor-welfare', all('measure', 'unit', 'target', 'actual')),
  ...fieldsOf(
    'PlanTableDefinition',
    'labor-welfare',
    Object.fromEntries(
      [
        'id',
        'version',
        'latestVersion',
        'name',
        'unitCode',
        'unit',
        'rows',
        'columns',
        'relations',
        'totalRowNames',
        'unitsAddUp',
        'createdAt',
        'versions',
      ].map((f) => [f, tableReaders]),
    ),
  ),
  ...fieldsOf(
    'PlanTableColumn',
    'labor-welfare',
    Object.fromEntries(['header', 'headerVariants', 'label', 'measure'].map((f) => [f, tableReaders])),
  ),
  ...fieldsOf(
    'PlanColumnRelation',
    'labor-welfare',
    Object.fromEntries(['kind', 'column', 'parts'].map((f) => [f, tableReaders])),
  ),
  // A measure is named with its targets, which every officer reads (as indicators' definitions).
  ...fieldsOf('PlanMeasure', 'labor-welfare', all('code', 'name', 'definition', 'measure', 'targetOnly', 'indicator', 'unit')),
  ...fieldsOf('PlanTargetConnection', 'labor-welfare', all('nodes', 'pageInfo', 'totalCount')),
  ...fieldsOf('PlanTarget', 'labor-welfare', all('id', 'plan')),
  ...fieldsOf('Period', 'labor-welfare', all('kind', 'year', 'number', 'from', 'to', 'label')),
  ...fieldsOf('IndicatorDefinition', 'labor-welfare', all('code', 'name', 'definition', 'measure', 'owner', 'planTable')),
  ...fieldsOf(
    'IndicatorValue',
    'labor-welfare',
    all(
      'id',
      'plan',
      'indicator',
      'unit',
      'period',
      'target',
      'actual',
      'ratio',
      'numerator',
      'denominator',
      'suppressed',
      'computedAt',
      'policeMeasure',
      'healthMeasure',
      'volunteersMeasure',
    ),
  ),
  // Inaccessible in the supergraph: only the gateway's query plans read it.
  ...fieldsOf('IndicatorMeasurement', 'shared', all('numerator', 'denominator', 'personKeys', 'computedAt')),
  ...fieldsOf('IndicatorRecordConnection', 'labor-welfare', { nodes: drillDown, pageInfo: drillDown, totalCount: drillDown }),
  // Audited by the resolver, one row per person listed (the matrix's `sensitive` marks fields reached from a Person).
  ...fieldsOf('IndicatorRecord', 'labor-welfare', {
    personId: drillDown,
    person: drillDown,
    date: drillDown,
    datePrecision: drillDown,
    description: drillDown,
    unit: drillDown,
  }),
  ...fieldsOf(
    'PlanImportResult',
    'labor-welfare',
    Object.fromEntries(
      [
        'plan',
        'table',
        'definition',
        'rowsRead',
        'rowsImported',
        'targetsCreated',
        'targetsUpdated',
        'targetsRemoved',
        'targetsUnchanged',
        'unchanged',
        'problems',
      ].map((f) => [f, planners]),
    ),
  ),
  ...fieldsOf(
    'PlanImportProblem',
    'labor-welfare',
    Object.fromEntries(
      ['kind', 'line', 'unitName', 'column', 'indicatorCode', 'expected', 'found', 'message', 'closestUnits'].map((f) => [
        f,
        planners,
      ]),
    ),
  ),
};
