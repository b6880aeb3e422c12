import { createHash } from 'node:crypto';
import { canonicalJson, requestHash, type BoundRequest } from '../context-token';

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

describe('requestHash (streamed, without building the canonical text)', () => {
  const sha = (text: string) => createHash('sha256').update(text).digest('base64url');
  const long = (unit: string) => Array.from({ length: 2000 }, (_v, i) => `${unit}${i}`).join(',');

  it.each<[string, BoundRequest]>([
    ['short values', { query: 'q', variables: { b: [1, 'x', null, undefined], a: { z: true, y: -0 } }, operationName: 'Op' }],
    ['long keys without escapes', { query: 'q', variables: { representations: [{ id: 'v', m: { personKeys: long('k') } }] } }],
    ['long text with quotes and newlines', { query: 'q', variables: { note: long('say "hi"\n\\') } }],
    ['long text with Vietnamese and surrogates', { query: 'q', variables: { note: long('Nguyễn Văn 😀') } }],
    ['long Vietnamese text', { query: 'q', variables: { note: long('Nguyễn Văn Ân ') } }],
    ['a lone surrogate', { query: 'q', variables: { note: long('\ud800') } }],
    ['nothing but the query', { query: 'q' }],
  ])('hashes %s exactly as the canonical JSON text', (_name, request) => {
    const bound = [request.query ?? null, request.variables ?? null, request.operationName ?? null];
    expect(requestHash(request)).toBe(sha(canonicalJson(bound)));
  });

  it('tells apart long keys that differ in one character', () => {
    const keys = long('k');
    const changed = `${keys.slice(0, -1)}x`;
    expect(requestHash({ query: 'q', variables: { keys } })).not.toBe(requestHash({ query: 'q', variables: { keys: changed } }));
  });
});
