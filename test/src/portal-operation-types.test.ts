/**
 * The portal's operations are typed by the types graphql-codegen generates from the clients'
 * schema (web/src/__generated__/operations.ts), never by hand: then a schema change that
 * breaks an operation fails `npm run codegen -w web`, and one that changes a field's type
 * fails `tsc`, both part of the portal's build.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const WEB = join(ROOT, 'web');
const SRC = join(WEB, 'src');
const GENERATED = join(SRC, '__generated__');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === GENERATED ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

interface Operation {
  file: string;
  kind: 'query' | 'mutation';
  name: string;
  /** The declared type of the const holding the document, as written. */
  declaredType: string | null;
}

/** Every `gql` query or mutation in the portal with the type its const declares. */
function operations(): Operation[] {
  const found: Operation[] = [];
  for (const file of sourceFiles(SRC)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isTaggedTemplateExpression(node) && node.tag.getText(source) === 'gql') {
        const text = node.template.getText(source);
        const match = /^`?\s*(query|mutation)\s+(\w+)/m.exec(text);
        if (match) {
          const declaration = ts.isVariableDeclaration(node.parent) ? node.parent : null;
          found.push({
            file: relative(WEB, file),
            kind: match[1] as 'query' | 'mutation',
            name: match[2] ?? '',
            declaredType: declaration?.type?.getText(source).replace(/\s+/g, '') ?? null,
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

function expectedType(op: Operation): string {
  const suffix = op.kind === 'query' ? 'Query' : 'Mutation';
  return `TypedDocumentNode<${op.name}${suffix},${op.name}${suffix}Variables>`;
}

describe("the portal's operation types", () => {
  const all = operations();

  it('finds the portal operations', () => {
    expect(all.length).toBeGreaterThan(50);
    expect(all.some((op) => op.kind === 'mutation')).toBe(true);
  });

  it('types every query and mutation with its generated result and variables types', () => {
    const untyped = all.filter((op) => op.declaredType !== expectedType(op));
    expect(
      untyped.map((op) => `${op.file}: ${op.name} is typed ${op.declaredType ?? 'by nothing'}, not ${expectedType(op)}`),
    ).toEqual([]);
  });

  it('gives every operation a name used once', () => {
    const names = all.map((op) => op.name);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });

  it('keeps the generated types up to date with the documents and the clients schema', () => {
    const generated = join(GENERATED, 'operations.ts');
    const before = readFileSync(generated, 'utf8');
    execFileSync('npm', ['run', '--silent', 'codegen', '-w', 'web'], { cwd: ROOT, stdio: 'pipe' });
    expect(readFileSync(generated, 'utf8') === before).toBe(true);
  });
});

/** The portal's sources and build settings in a folder of their own, typed against a changed schema. */
function portalAgainst(change: (sdl: string) => string): {
  dir: string;
  step: (bin: string, args: string[]) => { ok: boolean; output: string };
} {
  const dir = mkdtempSync(join(tmpdir(), 'portal-types-'));
  mkdirSync(join(dir, 'shared-schema'));
  const sdl = readFileSync(join(ROOT, 'shared-schema', 'api-schema.graphql'), 'utf8');
  const changed = change(sdl);
  expect(changed).not.toBe(sdl);
  writeFileSync(join(dir, 'shared-schema', 'api-schema.graphql'), changed);
  cpSync(SRC, join(dir, 'web', 'src'), { recursive: true });
  for (const file of ['codegen.ts', 'tsconfig.json']) copyFileSync(join(WEB, file), join(dir, 'web', file));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  symlinkSync(join(WEB, 'node_modules'), join(dir, 'web', 'node_modules'), 'dir');
  const step = (bin: string, args: string[]): { ok: boolean; output: string } => {
    // Under a test runner's NODE_ENV the generator reports nothing: run it as a developer does.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && name !== 'JEST_WORKER_ID'),
    );
    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules', bin), ...args], {
      cwd: join(dir, 'web'),
      encoding: 'utf8',
      env,
    });
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
  };
  return { dir, step };
}

const CODEGEN = ['@graphql-codegen/cli/cjs/bin.js', ['--config', 'codegen.ts']] as const;
const TSC = ['typescript/bin/tsc', ['-p', 'tsconfig.json', '--noEmit']] as const;

describe('a schema change that breaks the portal fails its build', () => {
  it('a field the portal reads is removed: generating its types fails and names the field', () => {
    // AddictionDetermination.substanceClasses and its description (other types have a field of that name).
    const { dir, step } = portalAgainst((sdl) =>
      sdl.replace(/ {2}"""\n {2}Substance classes the addiction[^"]*"""\n {2}substanceClasses: \[SubstanceClass!\]!\n/, ''),
    );
    try {
      const codegen = step(CODEGEN[0], [...CODEGEN[1]]);
      expect(codegen.ok).toBe(false);
      expect(codegen.output).toContain('substanceClasses');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a field's type changes: the types generate, and the portal no longer compiles", () => {
    // The unchanged schema compiles (so the failure below is the change's).
    const same = portalAgainst((sdl) => `${sdl}\n`);
    try {
      expect(same.step(CODEGEN[0], [...CODEGEN[1]]).ok).toBe(true);
      expect(same.step(TSC[0], [...TSC[1]])).toEqual({ ok: true, output: '' });
    } finally {
      rmSync(same.dir, { recursive: true, force: true });
    }
    const { dir, step } = portalAgainst((sdl) => sdl.replace(/(type Person \{[^}]*?\n {2}fullName: )String!/, '$1Int!'));
    try {
      expect(step(CODEGEN[0], [...CODEGEN[1]]).ok).toBe(true);
      const tsc = step(TSC[0], [...TSC[1]]);
      expect(tsc.ok).toBe(false);
      expect(tsc.output).toMatch(/error TS\d+: .*number/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
