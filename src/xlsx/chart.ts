/**
 * Native Excel charts for .xlsx files. ExcelJS writes no charts, so the DrawingML parts (drawing,
 * chart, relationships, content types) are added to the package it wrote. The chart references
 * ranges on its sheet and carries cached values, so it renders before any recalculation.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { type ChartSpec, parseAddress, type Scalar, type SheetSpec, type SheetsSpec } from '../template';
import { DtiError, t } from '../base';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

function absolute(sheet: string, range: string): string {
  return `${quoteSheet(sheet)}!${range
    .split(':')
    .map((a) => a.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2'))
    .join(':')}`;
}

/** The cached values of a one-column range, from the spec's values and computed results. */
function cached(sheet: SheetSpec, range: string): Scalar[] {
  const [a, b = a] = range.split(':');
  const from = parseAddress(a);
  const to = parseAddress(b);
  const byAddress = new Map(sheet.cells.map((c) => [c.address, c.formula !== undefined ? c.result : c.value]));
  const out: Scalar[] = [];
  for (let r = from.row; r <= to.row; r++) out.push(byAddress.get(`${a.replace(/\d+$/, '')}${r + 1}`) ?? null);
  return out;
}

function chartXml(sheet: SheetSpec, chart: ChartSpec): string {
  const categories = cached(sheet, chart.categories);
  const series = chart.series
    .map((s, i) => {
      const values = cached(sheet, s.values);
      return `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:v>${esc(s.name)}</c:v></c:tx>
<c:spPr><a:solidFill><a:srgbClr val="0F6CBD"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>
<c:dLbls><c:numFmt formatCode="General" sourceLinked="1"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>
<c:cat><c:strRef><c:f>${esc(absolute(sheet.name, chart.categories))}</c:f><c:strCache><c:ptCount val="${categories.length}"/>${categories.map((v, j) => `<c:pt idx="${j}"><c:v>${esc(String(v ?? ''))}</c:v></c:pt>`).join('')}</c:strCache></c:strRef></c:cat>
<c:val><c:numRef><c:f>${esc(absolute(sheet.name, s.values))}</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>${values.map((v, j) => `<c:pt idx="${j}"><c:v>${typeof v === 'number' ? v : 0}</c:v></c:pt>`).join('')}</c:numCache></c:numRef></c:val></c:ser>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<c:roundedCorners val="0"/>
<c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r><a:rPr lang="vi-VN" sz="1200" b="1"/><a:t>${esc(chart.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>
<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>
<c:barChart><c:barDir val="${chart.type === 'barClustered' ? 'bar' : 'col'}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}
<c:gapWidth val="60"/><c:axId val="500000001"/><c:axId val="500000002"/></c:barChart>
<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="${chart.type === 'barClustered' ? 'maxMin' : 'minMax'}"/></c:scaling><c:delete val="0"/><c:axPos val="${chart.type === 'barClustered' ? 'l' : 'b'}"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>
<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="${chart.type === 'barClustered' ? 't' : 'l'}"/><c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="E0E0E0"/></a:solidFill></a:ln></c:spPr></c:majorGridlines><c:numFmt formatCode="${esc(chart.valueFormat ?? 'General')}" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="500000001"/><c:crosses val="${chart.type === 'barClustered' ? 'max' : 'autoZero'}"/><c:crossBetween val="between"/></c:valAx>
</c:plotArea><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>
</c:chartSpace>`;
}

function anchorXml(chart: ChartSpec, rId: string, id: number): string {
  const from = parseAddress(chart.from);
  const to = parseAddress(chart.to);
  return `<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>${from.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${from.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>${to.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${to.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>
<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id + 1}" name="${esc(chart.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>
<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="${rId}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`;
}

/** Finds the worksheet part of each sheet by following workbook.xml and its relationships. */
function sheetParts(files: Record<string, Uint8Array>): Map<string, string> {
  const workbook = strFromU8(files['xl/workbook.xml']);
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels']);
  const targets = new Map(
    [...rels.matchAll(/<Relationship\b[^>]*\bId="([^"]+)"[^>]*\bTarget="([^"]+)"/g)].map((m) => [m[1], m[2]]),
  );
  for (const m of rels.matchAll(/<Relationship\b[^>]*\bTarget="([^"]+)"[^>]*\bId="([^"]+)"/g)) targets.set(m[2], m[1]);
  const unescape = (s: string) =>
    s
      .replace(/&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const out = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const rid = /\br:id="([^"]*)"/.exec(m[0])?.[1];
    const target = rid ? targets.get(rid) : undefined;
    if (name && target) out.set(unescape(name), `xl/${target.replace(/^\/?xl\//, '')}`);
  }
  return out;
}

export function addCharts(bytes: Uint8Array, spec: SheetsSpec): Uint8Array {
  const withCharts = spec.sheets.filter((s) => s.charts.length > 0);
  if (withCharts.length === 0) return bytes;
  const files = unzipSync(bytes);
  const parts = sheetParts(files);
  let types = strFromU8(files['[Content_Types].xml']);
  let chartNo = 0;
  withCharts.forEach((sheet, d) => {
    const part = parts.get(sheet.name);
    if (!part)
      throw new DtiError(
        'internal',
        t(`Không thấy phần trang tính của ${sheet.name}`, `sheet part for ${sheet.name} not found`),
      );
    const drawing = `xl/drawings/drawing${d + 1}.xml`;
    const anchors: string[] = [];
    const drawingRels: string[] = [];
    sheet.charts.forEach((chart, i) => {
      chartNo++;
      files[`xl/charts/chart${chartNo}.xml`] = strToU8(chartXml(sheet, chart));
      types = types.replace(
        '</Types>',
        `<Override PartName="/xl/charts/chart${chartNo}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>`,
      );
      drawingRels.push(
        `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart${chartNo}.xml"/>`,
      );
      anchors.push(anchorXml(chart, `rId${i + 1}`, i + 1));
    });
    files[drawing] = strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${anchors.join('')}</xdr:wsDr>`,
    );
    files[`xl/drawings/_rels/drawing${d + 1}.xml.rels`] = strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${drawingRels.join('')}</Relationships>`,
    );
    types = types.replace(
      '</Types>',
      `<Override PartName="/${drawing}" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>`,
    );

    // The worksheet points at its drawing through its own relationships part.
    const relsPath = part.replace(/([^/]+)$/, '_rels/$1.rels');
    const relId = 'rIdDtiDrawing1';
    const relsXml = files[relsPath]
      ? strFromU8(files[relsPath])
      : '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
    files[relsPath] = strToU8(
      relsXml.replace(
        '</Relationships>',
        `<Relationship Id="${relId}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing${d + 1}.xml"/></Relationships>`,
      ),
    );
    // <drawing> goes after pageSetup/headerFooter/breaks and before legacyDrawing/tableParts/extLst (CT_Worksheet order).
    let sheetXml = strFromU8(files[part]);
    const before =
      /<(legacyDrawing|legacyDrawingHF|drawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)\b/.exec(
        sheetXml,
      );
    const element = `<drawing r:id="${relId}"/>`;
    sheetXml = before
      ? sheetXml.slice(0, before.index) + element + sheetXml.slice(before.index)
      : sheetXml.replace('</worksheet>', `${element}</worksheet>`);
    if (!/xmlns:r=/.test(sheetXml.slice(0, sheetXml.indexOf('>', sheetXml.indexOf('<worksheet')))))
      sheetXml = sheetXml.replace(
        '<worksheet',
        '<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"',
      );
    files[part] = strToU8(sheetXml);
  });
  files['[Content_Types].xml'] = strToU8(types);
  return zipSync(files, { level: 6 });
}
