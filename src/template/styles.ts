/** The template's named styles: Fluent-like neutrals, Office blue for headings, yellow inputs. */
import type { StyleName, StyleSpec } from './spec';

export const STYLES: Record<StyleName, StyleSpec> = {
  title: { bold: true, fontSize: 14, fontColor: '#0F6CBD', hAlign: 'center', vAlign: 'center' },
  subtitle: { italic: true, fontSize: 10, fontColor: '#424242', hAlign: 'center' },
  label: { bold: true, fontSize: 10, fontColor: '#424242' },
  headerValue: { fontSize: 11, bold: true },
  code: { fontSize: 10, fontColor: '#616161' },
  tableHeader: {
    bold: true,
    fontSize: 10,
    fontColor: '#FFFFFF',
    fill: '#0F6CBD',
    wrap: true,
    hAlign: 'center',
    vAlign: 'center',
    border: true,
  },
  pillar: { bold: true, fontSize: 11, fill: '#DEECF9', border: true, vAlign: 'top' },
  group: { bold: true, italic: true, fontSize: 10, fill: '#F3F2F1', border: true, wrap: true, vAlign: 'top' },
  criterionId: { bold: true, fontSize: 10, vAlign: 'top', border: true },
  text: { fontSize: 10, wrap: true, vAlign: 'top', border: true },
  slotLabel: { fontSize: 9, fontColor: '#242424', wrap: true, vAlign: 'center', border: true },
  guidance: { fontSize: 9, fontColor: '#424242', wrap: true, vAlign: 'top', border: true },
  number: { fontSize: 10, hAlign: 'right', vAlign: 'top', border: true },
  input: { fontSize: 10, fill: '#FFF9E5', vAlign: 'top', border: true, wrap: true },
  inputUnused: { fill: '#E0E0E0', border: true },
  formula: { bold: true, fontSize: 10, hAlign: 'right', vAlign: 'top', border: true },
  check: { fontSize: 9, wrap: true, vAlign: 'top', border: true },
  total: { bold: true, fontSize: 12, fill: '#C7E0F4', border: true },
  totalLabel: { bold: true, fontSize: 12, fill: '#C7E0F4', border: true, hAlign: 'right' },
  note: { fontSize: 9, fill: '#FFF9E5', wrap: true, vAlign: 'top', border: true },
};
