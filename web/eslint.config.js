// Lint for the web app: TypeScript's recommended rules are left to `tsc`; what ESLint adds here
// are the feature boundaries (issue 17): a feature imports shared code (`@/lib`, `@/components`)
// and its own files, never another feature's; query keys come from the feature's key factory.
import { readdirSync } from 'node:fs';
import tseslint from 'typescript-eslint';

const features = readdirSync(new URL('./src/features', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

const crossFeature = (feature) => ({
  group: ['@/features/*', `!@/features/${feature}`, `!@/features/${feature}/**`],
  message: `A feature imports only its own files and shared code (@/lib, @/components); move what ${feature} needs from another feature to src/lib.`,
});

const literalKey = 'Query keys come from the feature\'s key factory (featureKeys) or a shared look-up, never a bare array.';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'src/lib/api/schema.d.ts'] },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'Property[key.name="queryKey"] > ArrayExpression', message: literalKey },
        { selector: 'CallExpression[callee.name="usePagedList"] > ArrayExpression:first-child', message: literalKey },
        {
          selector: 'CallExpression[callee.property.name=/^(setQueryData|getQueryData|setQueriesData)$/] > ArrayExpression:first-child',
          message: literalKey,
        },
      ],
    },
  },
  // Shared code never reaches into a feature.
  {
    files: ['src/lib/**/*.{ts,tsx}', 'src/components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/features/*', '**/features/*'], message: 'Shared code does not import from features.' }] },
      ],
    },
  },
  // Each feature: its own files and shared code only. Relative paths may not climb out of the
  // feature either (from a feature's subfolder `../../x` is another feature or src).
  ...features.map((feature) => ({
    files: [`src/features/${feature}/*/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            crossFeature(feature),
            { group: ['../../*', '../../../*'], message: 'Import shared code through @/lib or @/components, not by climbing out of the feature.' },
          ],
        },
      ],
    },
  })),
  ...features.map((feature) => ({
    files: [`src/features/${feature}/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            crossFeature(feature),
            { group: ['../*'], message: 'Import shared code through @/lib or @/components, not by climbing out of the feature.' },
          ],
        },
      ],
    },
  })),
);
