// Sums Vitest's and Playwright's JSON reports into test-results/summary.json and prints the
// plain closing line "N passed, N failed, N skipped". A step that failed before its tests
// could run (npm ci, build, API start) counts as one failure so it is never hidden.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [results, ...failedSteps] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;

const unitPath = join(results, 'unit.json');
if (existsSync(unitPath)) {
  const unit = JSON.parse(readFileSync(unitPath, 'utf8'));
  passed += unit.numPassedTests ?? 0;
  failed += unit.numFailedTests ?? 0;
  skipped += (unit.numPendingTests ?? 0) + (unit.numTodoTests ?? 0);
  console.log(`unit: ${unit.numPassedTests} passed, ${unit.numFailedTests} failed`);
}

const browserPath = join(results, 'browser.json');
if (existsSync(browserPath)) {
  const browser = JSON.parse(readFileSync(browserPath, 'utf8'));
  const s = browser.stats ?? {};
  const bPassed = (s.expected ?? 0) + (s.flaky ?? 0);
  const bFailed = s.unexpected ?? 0;
  const bSkipped = s.skipped ?? 0;
  passed += bPassed;
  failed += bFailed;
  skipped += bSkipped;
  console.log(`browser: ${bPassed} passed, ${bFailed} failed, ${bSkipped} skipped`);
}

// A failed step counts once, unless it is a test run whose report already counts it.
for (const step of failedSteps) {
  if (step === 'vitest' && existsSync(unitPath)) continue;
  if (step === 'browser tests' && existsSync(browserPath)) continue;
  console.log(`step failed: ${step}`);
  failed += 1;
}

writeFileSync(join(results, 'summary.json'), JSON.stringify({ passed, failed, skipped }) + '\n');
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
