/**
 * Webpack loader for the rubric JSON files: validates each decision with the zod schema at build
 * time (a broken rubric fails the build) and emits the parsed data, with zod's defaults applied.
 * With `{ slim: true }` it keeps only what scoring needs, for the custom-functions bundle.
 */
require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });
const { parseRubric } = require('../src/rubrics/validate.ts');

/** Text for people (guidance, readings, legal basis) is not needed to compute a score. */
function slim(rubric) {
  const { notes, ...rest } = rubric;
  return {
    ...rest,
    criteria: rubric.criteria.map(({ guidance, readings, basis, agency, measureUnit, titleEn, evidence, ...c }) => ({
      ...c,
      ...(evidence ? { evidence: { signed: evidence.signed, system: evidence.system, text: '' } } : {}),
      rule: c.rule.kind === 'levels' ? { ...c.rule, labels: undefined } : c.rule,
    })),
  };
}

module.exports = function rubricLoader(source) {
  const options = this.getOptions() || {};
  const rubric = parseRubric(JSON.parse(source));
  // JSON.parse of a string literal loads faster than the same data as a JavaScript object literal.
  return `module.exports = JSON.parse(${JSON.stringify(JSON.stringify(options.slim ? slim(rubric) : rubric))});`;
};
