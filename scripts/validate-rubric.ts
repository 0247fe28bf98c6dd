/** Validates rubric JSON files against the schema: `npx ts-node --transpile-only scripts/validate-rubric.ts FILE...` */
import { readFileSync } from 'fs';
import { RubricSchema } from '../src/rubrics/schema';

let failed = false;
for (const file of process.argv.slice(2)) {
  const result = RubricSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (result.success) {
    const r = result.data;
    console.log(`${file}: OK — ${r.criteria.length} criteria, units ${r.units.map((u) => u.id).join(', ')}`);
  } else {
    failed = true;
    console.log(`${file}: INVALID`);
    for (const i of result.error.issues) console.log(`  ${i.path.join('.')}: ${i.message}`);
  }
}
process.exit(failed ? 1 : 0);
