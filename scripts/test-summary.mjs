// Prints one closing line for the whole suite (unit + e2e) from the runners' JSON reports,
// and fails if either report is missing or counts a failure.
import { existsSync, readFileSync } from 'node:fs';

const read = (f) => (existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : null);
const unit = read('test-results/unit.json');
const e2e = read('test-results/e2e.json');
if (!unit || !e2e) {
  console.log(`missing report: ${!unit ? 'test-results/unit.json ' : ''}${!e2e ? 'test-results/e2e.json' : ''}`);
  process.exit(1);
}
const passed = unit.numPassedTests + e2e.stats.expected;
const failed = unit.numFailedTests + e2e.stats.unexpected + (e2e.stats.flaky ?? 0);
const skipped = unit.numPendingTests + unit.numTodoTests + e2e.stats.skipped;
console.log(`unit ${unit.numPassedTests}/${unit.numTotalTests}, e2e ${e2e.stats.expected}/${e2e.stats.expected + e2e.stats.unexpected + e2e.stats.skipped + (e2e.stats.flaky ?? 0)}`);
console.log(`faceshape: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
