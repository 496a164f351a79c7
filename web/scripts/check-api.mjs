// Regenerates the API types from ../openapi.yaml into a temporary file and fails when the
// committed src/lib/api/schema.d.ts differs (someone changed the contract and forgot
// `npm run gen:api`).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');
const spec = join(web, '..', 'openapi.yaml');
const committed = join(web, 'src', 'lib', 'api', 'schema.d.ts');

if (!existsSync(spec)) {
  console.error(`check:api: ${spec} does not exist`);
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'klima-api-'));
const fresh = join(dir, 'schema.d.ts');
try {
  execFileSync(join(web, 'node_modules', '.bin', 'openapi-typescript'), [spec, '-o', fresh], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const a = readFileSync(fresh, 'utf8');
  const b = existsSync(committed) ? readFileSync(committed, 'utf8') : '';
  if (a !== b) {
    console.error('check:api: src/lib/api/schema.d.ts is out of date with ../openapi.yaml; run `npm run gen:api`.');
    process.exit(1);
  }
  console.log('check:api: schema.d.ts matches openapi.yaml');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
