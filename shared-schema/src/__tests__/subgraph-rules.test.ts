import { ACCESS_MATRIX, AccessRulesError, mergeAccessRules, parseSubgraphAccessRules } from '../access';

const rules = (value: unknown) => JSON.stringify(value);

describe("a subgraph's access-rules.json", () => {
  it('becomes matrix entries owned by the subgraph: fields with readers and sensitivity, mutations with writers', () => {
    expect(
      parseSubgraphAccessRules(
        'justice',
        rules({
          owner: 'justice',
          fields: {
            'Person.justiceCases': { read: ['court_clerk', 'supervisor'], sensitive: true },
            'JusticeCase.summary': { read: ['court_clerk'] },
          },
          mutations: { recordJusticeCase: { write: ['court_clerk'] } },
        }),
      ),
    ).toEqual({
      'Person.justiceCases': { owner: 'justice', read: ['court_clerk', 'supervisor'], sensitive: true },
      'JusticeCase.summary': { owner: 'justice', read: ['court_clerk'] },
      'Mutation.recordJusticeCase': { owner: 'justice', read: ['court_clerk'] },
    });
  });

  it('is refused with the reason: another owner, an unknown role, a mutation among fields, a bad coordinate, not JSON', () => {
    const parse = (value: unknown) => () => parseSubgraphAccessRules('justice', typeof value === 'string' ? value : rules(value));
    expect(parse({ owner: 'police', fields: {} })).toThrow(/"owner" must be "justice"/);
    expect(parse({ owner: 'justice', fields: { 'Person.justiceCases': { read: ['judge'] } } })).toThrow(
      /Person.justiceCases.read: must be a list of roles/,
    );
    expect(parse({ owner: 'justice', fields: { 'Mutation.recordJusticeCase': { read: ['court_clerk'] } } })).toThrow(
      /mutations go in "mutations"/,
    );
    expect(parse({ owner: 'justice', fields: { justiceCases: { read: [] } } })).toThrow(/must be Type.field/);
    expect(parse({ owner: 'justice', mutations: { recordJusticeCase: { write: 'court_clerk' } } })).toThrow(
      /recordJusticeCase.write: must be a list of roles/,
    );
    expect(parse('{ "owner": ')).toThrow(AccessRulesError);
  });

  it('may not give a field a second rule', () => {
    expect(() => mergeAccessRules(ACCESS_MATRIX, { 'Person.fullName': { owner: 'justice', read: ['supervisor'] } })).toThrow(
      /Person.fullName has two access rules \(owners police and justice\)/,
    );
  });
});
