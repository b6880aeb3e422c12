import { canonicalJson, requestHash } from '../context-token';

describe('canonicalJson (the text a gateway signature binds)', () => {
  it('writes lists of scalars as JSON does, holes and undefined as null', () => {
    expect(canonicalJson(['a', 1, true, null, undefined, -0, 'é"\\'])).toBe('["a",1,true,null,null,0,"é\\"\\\\"]');
    expect(canonicalJson([])).toBe('[]');
  });

  it('sorts object keys at every depth, inside lists too, and drops undefined members', () => {
    const text = canonicalJson([{ b: 1, a: [{ d: null, c: 'x' }], z: undefined }, ['k1', 'k2']]);
    expect(text).toBe('[{"a":[{"c":"x","d":null}],"b":1},["k1","k2"]]');
  });

  it('hashes the same request the same after a JSON round trip with other key order', () => {
    const variables = {
      representations: [{ __typename: 'IndicatorValue', id: 'v1', policeMeasure: { personKeys: ['p1', 'p2'] } }],
    };
    const reordered = JSON.parse(
      '{"representations":[{"policeMeasure":{"personKeys":["p1","p2"]},"id":"v1","__typename":"IndicatorValue"}]}',
    );
    expect(requestHash({ query: 'q', variables: reordered })).toBe(requestHash({ query: 'q', variables }));
    expect(requestHash({ query: 'q', variables: { representations: [{ ...variables.representations[0], id: 'v2' }] } })).not.toBe(
      requestHash({ query: 'q', variables }),
    );
  });
});
