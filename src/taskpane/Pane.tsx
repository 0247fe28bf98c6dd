/** Everything the pane needs beyond its first paint (engine, rubric library, Fluent panels): loaded as one async chunk. */
import { useMemo } from 'react';
import { App } from './App';
import { DemoSheet } from './demo/DemoSheet';
import { MemoryWorkbook } from './memory-port';
import { OfficeWorkbook } from './office-port';

export default function Pane({ inExcel }: { inExcel: boolean }) {
  const port = useMemo(() => (inExcel ? new OfficeWorkbook() : new MemoryWorkbook()), [inExcel]);
  if (port instanceof OfficeWorkbook) return <App port={port} />;
  return (
    <div className="demo-layout">
      <section className="demo-sheet" aria-label="Sổ làm việc mẫu (trình diễn)">
        <DemoSheet workbook={port} />
      </section>
      <aside className="demo-pane">
        <App port={port} />
      </aside>
    </div>
  );
}
