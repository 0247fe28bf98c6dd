/**
 * Task pane entry. Until the React pane lands (task pane issue), it lists the rubric library
 * computed by the same engine the CLI uses — which also proves the engine runs in a browser.
 */
import { criteriaFor } from '../engine';
import { allRubrics } from '../rubrics/catalog';
import { criterionMax, isScored } from '../rubrics/model';

function render(root: HTMLElement): void {
  const rows = allRubrics().flatMap((r) =>
    r.units.map((u) => {
      const criteria = criteriaFor(r, u.id).filter(isScored);
      const max = r.kind === 'levels' ? 'mức độ 1–5' : String(criteria.reduce((s, c) => s + criterionMax(c, u.id), 0));
      return `<tr><td>${r.decision.number}</td><td>${u.label.vi}</td><td class="n">${criteria.length}</td><td class="n">${max}</td></tr>`;
    }),
  );
  root.innerHTML = `<table><thead><tr><th>Quyết định</th><th>Đơn vị</th><th>Tiêu chí</th><th>Tối đa</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const root = document.getElementById('app');
if (root) render(root);
