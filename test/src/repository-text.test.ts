/**
 * Code, schemas and docs refer only to what is in the repository: no document kept
 * elsewhere, no temporary path, no issue-tracker number (the reason for a rule is written
 * where the rule is, or in docs/domain.md).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const TEXT = /\.(ts|tsx|js|mjs|cjs|graphql|md|json|yml|yaml|html|css)$/;
const FORBIDDEN: readonly [RegExp, string][] = [
  [/\bDOMAIN\.md\b|\bARCHITECTURE\.md\b/, 'a document outside the repository'],
  [/(^|[\s"'`(])\/tmp\//, 'a temporary path'],
  [/\b[Ii]ssues? #?\d+\b|\([Ii]ssue \d+\)|\b[Ii]ssue-\d+\b/, 'an issue number'],
];

function trackedTextFiles(): string[] {
  const files = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n');
  return files.filter(
    (f) =>
      TEXT.test(f) &&
      f !== 'package-lock.json' &&
      !f.startsWith('shared-schema/data/') &&
      f !== 'test/src/repository-text.test.ts',
  );
}

describe('repository text', () => {
  it('names no document outside the repository, temporary path or issue number', () => {
    const found: string[] = [];
    for (const file of trackedTextFiles()) {
      const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
      lines.forEach((line, n) => {
        for (const [pattern, what] of FORBIDDEN)
          if (pattern.test(line)) found.push(`${file}:${n + 1}: ${what}: ${line.trim().slice(0, 120)}`);
      });
    }
    expect(found).toEqual([]);
  });
});
