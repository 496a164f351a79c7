import { ESLint } from 'eslint';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Vitest runs from web/ (where eslint.config.js is).
const cwd = resolve(process.cwd());
const eslint = new ESLint({ cwd });

async function problems(code: string, filePath: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('feature boundaries (eslint.config.js, run by npm run lint)', () => {
  it('refuses an import from another feature, by alias or by climbing', async () => {
    expect(await problems("import { useBody } from '@/features/bodies/api';\n", 'src/features/cases/components/X.tsx')).toEqual([
      expect.stringContaining('no-restricted-imports'),
    ]);
    expect(await problems("import { useBody } from '../../bodies/api';\n", 'src/features/cases/components/X.tsx')).toEqual([
      expect.stringContaining('no-restricted-imports'),
    ]);
    expect(await problems("import { bodyRoutes } from '../bodies/routes';\n", 'src/features/cases/routes.tsx')).toEqual([
      expect.stringContaining('no-restricted-imports'),
    ]);
  });

  it('allows a feature its own files and shared code', async () => {
    const code = "import { caseKeys } from '../api';\nimport { api } from '@/lib/api/client';\nimport { x } from '@/features/cases/api';\n";
    expect(await problems(code, 'src/features/cases/components/X.tsx')).toEqual([]);
  });

  it('keeps shared code out of features', async () => {
    expect(await problems("import { useCase } from '@/features/cases/api';\n", 'src/lib/lookups/x.ts')).toEqual([
      expect.stringContaining('no-restricted-imports'),
    ]);
  });

  it('refuses bare query keys: they come from the feature key factory', async () => {
    expect(await problems("useQuery({ queryKey: ['bodies', id], queryFn });\n", 'src/features/cases/api/x.ts')).toEqual([
      expect.stringContaining('no-restricted-syntax'),
    ]);
    expect(await problems("client.setQueryData(['case', id], data);\n", 'src/features/cases/api/x.ts')).toEqual([
      expect.stringContaining('no-restricted-syntax'),
    ]);
    expect(await problems("useQuery({ queryKey: caseKeys('case', id), queryFn });\n", 'src/features/cases/api/x.ts')).toEqual([]);
  });
});
