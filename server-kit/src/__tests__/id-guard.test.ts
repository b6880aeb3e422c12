import { buildSchema, parse } from 'graphql';
import { malformedRecordId } from '../id-guard';

const schema = buildSchema(`
  input Move { personId: ID!, unitCode: ID!, witnessIds: [ID!], next: Move }
  type Query { person(id: ID!): Int, people(personIds: [ID!]): Int, unit(code: ID!): Int }
  type Mutation { move(input: Move!): Int }
`);
const UUID = '0b6f4f43-3f53-4a5e-9c2a-8d1c6f2f6a10';

describe('record ids are UUIDs (id-guard)', () => {
  it('checks each request’s values against the arguments found once per document', () => {
    const document = parse('mutation($m: Move!) { move(input: $m) }');
    expect(malformedRecordId(document, schema, { m: { personId: UUID, unitCode: '00004' } })).toBeNull();
    expect(malformedRecordId(document, schema, { m: { personId: 'x', unitCode: '00004' } })).toBe('input.personId');
    expect(malformedRecordId(document, schema, { m: { personId: UUID, unitCode: 'a', witnessIds: [UUID, '1'] } })).toBe(
      'input.witnessIds',
    );
    expect(malformedRecordId(document, schema, { m: { personId: UUID, unitCode: 'a', next: { personId: '2' } } })).toBe(
      'input.next.personId',
    );
    expect(malformedRecordId(document, schema, { m: { personId: UUID, unitCode: 'a' } })).toBeNull();
  });

  it('checks literals and lists, and leaves codes alone', () => {
    expect(malformedRecordId(parse(`{ person(id: "1 OR 1=1") }`), schema, {})).toBe('id');
    expect(malformedRecordId(parse(`{ people(personIds: ["${UUID}", "2"]) }`), schema, {})).toBe('personIds');
    expect(malformedRecordId(parse(`{ unit(code: "00004") person(id: "${UUID}") }`), schema, {})).toBeNull();
  });
});
