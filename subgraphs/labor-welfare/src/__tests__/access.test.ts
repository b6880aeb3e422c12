/**
 * Access generated from this agency's rules in the access matrix:
 * - every mutation, for every role: a role the rule does not list gets FORBIDDEN for the
 *   mutation and nothing changes; a listed role gets past the access check;
 * - every worklist and lookup query, for every role, likewise;
 * - every sensitive field, for every role: an allowed role reads what a supervisor
 *   reads, a denied one gets FORBIDDEN at the first field of the route it may not read.
 */
import { randomUUID } from 'node:crypto';
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { subgraphTypeDefs } from '@rehab/server-kit';
import {
  ACCESS_MATRIX,
  NOTIFICATION_READERS,
  ROLES,
  generateDemoPopulation,
  notificationRules,
  outboxAdminRules,
} from '@rehab/shared-schema';
import { schemaText } from '../server';
import { PERSON_ENTITIES, deliverNotice, noticeTo, openHarness, personRefs, type Harness } from './harness';
import { footprint } from './legal-path-support';

const population = generateDemoPopulation({ persons: 300 });
let h: Harness;

beforeAll(async () => {
  h = await openHarness(population);
  // A case after substitution treatment (the seed has none: health's notice opens them).
  const [fresh] = await h.database.db.query<{ id: string }[]>(
    `SELECT d.person_id::text AS id FROM person_directory d WHERE NOT EXISTS (SELECT 1 FROM post_rehab_case c WHERE c.person_id = d.person_id)
    AND NOT EXISTS (SELECT 1 FROM rehab_episode e WHERE e.person_id = d.person_id) ORDER BY d.person_id LIMIT 1`,
  );
  const payload = { personId: fresh?.id, treatmentId: randomUUID(), stoppedOn: '2026-10-02', reason: 'VOLUNTARY' };
  await deliverNotice(h, noticeTo('health', 'treatment.substitution-ended', payload));
});
afterAll(async () => {
  await h.close();
});

const schema: GraphQLSchema = buildSubgraphSchema([{ typeDefs: subgraphTypeDefs(schemaText, 'labor-welfare') }]);
const own = (prefix: string) =>
  Object.entries(ACCESS_MATRIX)
    .filter(([c, rule]) => rule.owner === 'labor-welfare' && c.startsWith(prefix))
    .map(([c, rule]) => [c, rule] as const);

/** A syntactically valid value for an argument type: the access check runs before any resolver sees it. */
function dummy(type: GraphQLInputType, name: string): unknown {
  if (isNonNullType(type)) return dummy(type.ofType, name);
  if (isListType(type)) return [dummy(type.ofType, name)];
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((f) => isNonNullType(f.type))
        .map((f) => [f.name, dummy(f.type, f.name)]),
    );
  }
  if (isEnumType(type)) return type.getValues()[0]?.value;
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return 1;
      case 'Float':
        return 1;
      case 'Boolean':
        return true;
      case 'Date':
        return '2025-01-01';
      case 'ID':
        return name.toLowerCase().endsWith('code') ? 'CSCN1' : '00000000-0000-4000-8000-000000000000';
      default:
        return 'x';
    }
  }
  throw new Error(`no dummy for ${String(type)}`);
}

/** An operation calling one root field with dummy arguments, selecting one leaf or __typename. */
function call(
  root: GraphQLObjectType,
  fieldName: string,
  kind: 'query' | 'mutation',
): { query: string; variables: Record<string, unknown> } {
  const field = root.getFields()[fieldName];
  if (!field) throw new Error(`${root.name}.${fieldName} is not in the schema`);
  const args = field.args.filter((a) => isNonNullType(a.type));
  const declared = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const inner = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  return {
    query: `${kind}${declared ? `(${declared})` : ''} { ${fieldName}${passed ? `(${passed})` : ''}${inner} }`,
    variables: Object.fromEntries(args.map((a) => [a.name, dummy(a.type, a.name)])),
  };
}

const accessDenied = (coordinate: string) => ({
  code: 'FORBIDDEN',
  i18n: { vi: `Không có quyền xem trường ${coordinate}`, en: `Not allowed to read ${coordinate}` },
});

describe('who may call each mutation', () => {
  const mutation = schema.getMutationType() as GraphQLObjectType;
  const rules = own('Mutation.');
  const cases = rules.flatMap(([coordinate, rule]) => ROLES.map((role) => [coordinate, role, rule.read.includes(role)] as const));

  it('has a rule for every mutation and only the acting roles in it', () => {
    expect(rules.map(([c]) => c).sort()).toEqual(
      Object.keys(mutation.getFields())
        .map((f) => `Mutation.${f}`)
        .sort(),
    );
    // Plans are made by the province's labour officers or a supervisor.
    const planning = new Set([
      'Mutation.createPlan',
      'Mutation.importPlanTargets',
      'Mutation.createPlanTableDefinition',
      'Mutation.updatePlanTableDefinition',
    ]);
    // The kit's outbox retries are the supervisors' (test/src/outbox-admin.test.ts).
    const outbox = new Set(Object.keys(outboxAdminRules(['labor-welfare'])).filter((c) => c.startsWith('Mutation.')));
    // The kit's inbox is every unit officer's (test/src/notifications.test.ts).
    const inbox = new Set(Object.keys(notificationRules(['labor-welfare'])));
    for (const [coordinate, rule] of rules) {
      if (inbox.has(coordinate)) {
        expect([...rule.read]).toEqual([...NOTIFICATION_READERS]);
        continue;
      }
      expect(rule.read.length).toBeGreaterThan(0);
      const acting = [
        'police_officer',
        'commune_official',
        'labour_officer',
        'facility_staff',
        'court_clerk',
        // The commune's Fatherland Front committee gives its opinion on a compulsory dossier.
        ...(coordinate === 'Mutation.recordFrontOpinion' ? ['front_officer'] : []),
        // Training courses and budget lines: each agency records its own, health and the Front included.
        ...(coordinate.endsWith('TrainingCourse') || /Budget(Line|Spending)$/.test(coordinate)
          ? ['health_worker', 'front_officer']
          : []),
        // Plans, the outbox, inspections and complaints: the steering committee acts in state management too.
        ...(planning.has(coordinate) || outbox.has(coordinate) || /(Inspection|Complaint)$/.test(coordinate)
          ? ['supervisor']
          : []),
      ];
      for (const role of rule.read) expect(acting).toContain(role);
    }
  });

  it.each(cases)('%s as %s (allowed: %s)', async (coordinate, role, allowed) => {
    const { query, variables } = call(mutation, coordinate.slice('Mutation.'.length), 'mutation');
    const before = await footprint(h);
    const result = await h.run(query, variables, role);
    const error = result.errors?.[0];
    if (allowed) {
      // Past the access check, a refusal now comes from the record or the input, never from the rule.
      expect(error?.extensions).not.toEqual(accessDenied(coordinate));
    } else {
      expect(error?.extensions).toEqual(accessDenied(coordinate));
      expect(error?.path).toEqual([coordinate.slice('Mutation.'.length)]);
      expect(await footprint(h)).toEqual(before);
    }
  });
});

describe('who may call each query', () => {
  const query = schema.getQueryType() as GraphQLObjectType;
  const cases = own('Query.').flatMap(([coordinate, rule]) =>
    ROLES.map((role) => [coordinate, role, rule.read.includes(role)] as const),
  );

  it.each(cases)('%s as %s (allowed: %s)', async (coordinate, role, allowed) => {
    const { query: text, variables } = call(query, coordinate.slice('Query.'.length), 'query');
    const result = await h.run(text, variables, role);
    const denied = result.errors?.find((e) => e.extensions?.code === 'FORBIDDEN');
    if (allowed) expect(denied).toBeUndefined();
    else expect(denied?.extensions).toEqual(accessDenied(coordinate));
  });
});

describe('who may read each sensitive field', () => {
  interface Step {
    coordinate: string;
    field: string;
    list: boolean;
  }

  /** Shortest route of fields from Person to a type (breadth first over this subgraph's schema). */
  function routeTo(typeName: string): Step[] {
    const queue: [string, Step[]][] = [['Person', []]];
    const seen = new Set(['Person']);
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [name, steps] = next;
      if (name === typeName) return steps;
      const type = schema.getType(name) as GraphQLObjectType;
      for (const f of Object.values(type.getFields())) {
        const inner = getNamedType(f.type);
        if (!isObjectType(inner) || seen.has(inner.name) || !ACCESS_MATRIX[`${name}.${f.name}`]) continue;
        seen.add(inner.name);
        const list = isListType(isNonNullType(f.type) ? f.type.ofType : f.type);
        queue.push([inner.name, [...steps, { coordinate: `${name}.${f.name}`, field: f.name, list }]]);
      }
    }
    throw new Error(`no route from Person to ${typeName}`);
  }

  /** From an object field down to a leaf every legal-path role may read (id-like first). */
  function leaf(typeName: string): string[] {
    const type = schema.getType(typeName) as GraphQLObjectType;
    const fields = Object.values(type.getFields());
    const scalar =
      fields.find(
        (f) => !isObjectType(getNamedType(f.type)) && ['id', 'code', 'reason', 'outcome', 'action', 'minMonths'].includes(f.name),
      ) ?? fields.find((f) => !isObjectType(getNamedType(f.type)));
    if (!scalar) throw new Error(`${typeName} has no leaf`);
    return [scalar.name];
  }

  // A complainant is nobody's case: their identity is reached from the complaints list only
  // (complaints.test.ts proves every role's read of it and its audit).
  const sensitive = own('')
    .filter(([coordinate, rule]) => rule.sensitive && !coordinate.startsWith('Complaint.'))
    .map(([c]) => c)
    .sort();
  const targets = sensitive.map((coordinate) => {
    const [typeName, fieldName] = coordinate.split('.') as [string, string];
    const field = (schema.getType(typeName) as GraphQLObjectType).getFields()[fieldName];
    if (!field) throw new Error(`${coordinate} is not in the schema`);
    const inner = getNamedType(field.type);
    const steps = typeName === 'Person' ? [] : routeTo(typeName);
    const list = isListType(isNonNullType(field.type) ? field.type.ofType : field.type);
    return {
      coordinate,
      steps: [...steps, { coordinate, field: fieldName, list }],
      tail: isObjectType(inner) ? leaf(inner.name) : [],
    };
  });

  const selection = (steps: readonly Step[], tail: readonly string[]): string =>
    [...steps.map((s) => s.field), ...tail].reduceRight((inner, f) => (inner ? `${f} { ${inner} }` : f), '');

  /** Values at the end of the route (through lists). */
  function valuesAt(value: unknown, names: readonly string[]): unknown[] {
    if (Array.isArray(value)) return value.flatMap((v) => valuesAt(v, names));
    if (names.length === 0) return [value];
    if (typeof value !== 'object' || value === null) return [];
    const [head, ...rest] = names as [string, ...string[]];
    return valuesAt((value as Record<string, unknown>)[head], rest);
  }
  const present = (v: unknown) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0);

  /** A seeded person with data at the route (the supervisor reads everything), and what the supervisor reads. */
  const subjects = new Map<string, string>();
  const expected = new Map<string, unknown>();
  beforeAll(async () => {
    const all = population.map((p) => p.id);
    // One probe per parent type: the fields of a type share their route from Person.
    const groups = new Map<string, typeof targets>();
    for (const t of targets) {
      const key = t.steps
        .slice(0, -1)
        .map((s) => s.field)
        .join('.');
      groups.set(key, [...(groups.get(key) ?? []), t]);
    }
    for (const group of groups.values()) {
      const route = (group[0] as (typeof targets)[number]).steps.slice(0, -1).map((s) => s.field);
      const inner = group.map((t) => selection(t.steps.slice(-1), t.tail)).join(' ');
      const text = route.reduceRight((acc, f) => `${f} { ${acc} }`, inner);
      const result = await h.run(PERSON_ENTITIES(text), personRefs(all), 'supervisor');
      expect(result.errors).toBeUndefined();
      const entities = (result.data as { _entities: unknown[] })._entities;
      for (const t of group) {
        const index = entities.findIndex((e) =>
          valuesAt(
            e,
            t.steps.map((s) => s.field),
          ).some(present),
        );
        if (index < 0) continue;
        subjects.set(t.coordinate, all[index] as string);
        const own = await h.run(PERSON_ENTITIES(selection(t.steps, t.tail)), personRefs([all[index] as string]), 'supervisor');
        expected.set(t.coordinate, own.data);
      }
    }
  });

  it('has seeded data for every sensitive field', () => {
    expect(targets.filter((t) => !subjects.has(t.coordinate)).map((t) => t.coordinate)).toEqual([]);
  });

  const cases = targets.flatMap((t) => ROLES.map((role) => [t.coordinate, role] as const));

  it.each(cases)('%s for %s', async (coordinate, role) => {
    const target = targets.find((t) => t.coordinate === coordinate);
    const subject = subjects.get(coordinate);
    if (!target || !subject) throw new Error(`no subject for ${coordinate}`);
    const query = PERSON_ENTITIES(selection(target.steps, target.tail));
    const result = await h.run(query, personRefs([subject]), role);
    const denied = target.steps.findIndex((s) => !ACCESS_MATRIX[s.coordinate]?.read.includes(role));
    if (denied < 0) {
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual(expected.get(coordinate));
      expect(
        valuesAt(
          result.data?._entities,
          target.steps.map((s) => s.field),
        ).some(present),
      ).toBe(true);
    } else {
      const error = result.errors?.find((e) => e.extensions?.code === 'FORBIDDEN');
      expect(error?.extensions).toEqual(accessDenied(target.steps[denied]?.coordinate as string));
      expect(
        valuesAt(
          result.data?._entities,
          target.steps.map((s) => s.field),
        ).some(present),
      ).toBe(false);
    }
  });
});
