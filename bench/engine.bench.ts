/**
 * Scoring throughput: whole assessments scored per second for each rubric and unit type, on
 * sample entries. Prints figures; asserts nothing (run: npm run bench).
 */
import { assess } from '../src/engine';
import { sampleValues } from '../test/support/sample';
import { allRubrics } from '../src/rubrics';

const SAMPLES = 200;
const MIN_MS = 1000;

console.log(`node ${process.version}, ${SAMPLES} distinct sample assessments per rubric/unit, ≥ ${MIN_MS} ms each\n`);
console.log('rubric            unit   criteria  assessments/s   µs/assessment');
for (const rubric of allRubrics()) {
  for (const unit of rubric.units.map((u) => u.id)) {
    const inputs = Array.from({ length: SAMPLES }, (_, i) => ({
      unit,
      unitName: 'Sở Y tế',
      year: 2025,
      values: sampleValues(rubric, unit, i + 1),
    }));
    for (const input of inputs) assess(rubric, input); // warm up
    let n = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0;
    while (elapsed < MIN_MS) {
      for (const input of inputs) assess(rubric, input);
      n += inputs.length;
      elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    }
    const perSec = (n / elapsed) * 1000;
    const criteria = Object.keys(inputs[0].values).length;
    console.log(
      `${rubric.id.padEnd(17)} ${unit.padEnd(6)} ${String(criteria).padStart(8)}  ${Math.round(perSec).toLocaleString('en').padStart(13)}   ${((1000 / perSec) * 1000).toFixed(1).padStart(13)}`,
    );
  }
}
