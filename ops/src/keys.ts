import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateEd25519Pem } from '@rehab/server-kit';
import { SUBGRAPH_NAMES } from '@rehab/shared-schema';

/**
 * node ops/dist/keys.js [dir]: writes the production key files docker-compose.yml mounts —
 * dir/public/*.pem for everyone, dir/<service>/private.pem for that service only.
 */
function write(dir: string, owner: string): void {
  const pair = generateEd25519Pem();
  mkdirSync(join(dir, owner), { recursive: true, mode: 0o700 });
  mkdirSync(join(dir, 'public'), { recursive: true });
  writeFileSync(join(dir, owner, 'private.pem'), pair.privateKey, { mode: 0o600 });
  writeFileSync(join(dir, 'public', `${owner}.pem`), pair.publicKey);
}

const dir = resolve(process.argv[2] ?? 'keys');
write(dir, 'gateway');
for (const name of SUBGRAPH_NAMES) write(dir, name);
console.log(`Ed25519 keys written to ${dir} (gateway = context signing key; one notice key per subgraph).`);
