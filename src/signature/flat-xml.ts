/**
 * A fast path for the flat parts every package has — [Content_Types].xml and the Relationships
 * parts: one root element in one default namespace, holding empty elements with plain attributes.
 * A batch reads a dozen of them per file, and a DOM parser costs more than everything else done
 * with them. When a part is exactly of this shape, checked by a strict grammar over the whole
 * text, every conforming XML parser reads it the same way, so reading it without a DOM changes
 * nothing. Anything else — comments, processing instructions, prefixes, markup compatibility,
 * character references, text, whitespace or control characters inside attribute values (which
 * XML normalizes) — returns null and is left to the full parser.
 */

export interface FlatElement {
  name: string;
  /** Attributes in document order, values with the five predefined entities decoded. */
  attributes: Map<string, string>;
}

export interface FlatDocument {
  /** The root element's name and its default namespace (its only attribute). */
  root: string;
  namespace: string;
  children: FlatElement[];
}

// XML's white space only (JavaScript's \s also matches characters XML treats as text).
const S = '[ \\t\\r\\n]';
const NAME = '[A-Za-z_][A-Za-z0-9_.-]*';
// An attribute value: no markup, no references but the predefined entities, no characters that
// attribute-value normalization would change (tab, CR, LF) or that XML forbids (other controls,
// U+FFFE/U+FFFF, lone surrogate halves).
const CHAR = (quote: string) => `[^${quote}<&\\x00-\\x1f\\ud800-\\udfff\\ufffe\\uffff]`;
const ENTITY = '&(?:amp|lt|gt|quot|apos);';
const VALUE = `(?:"(?:${CHAR('"')}|${ENTITY})*"|'(?:${CHAR("'")}|${ENTITY})*')`;

const DECLARATION = new RegExp(
  `^<\\?xml${S}+version${S}*=${S}*(["'])1\\.[0-9]\\1(?:${S}+encoding${S}*=${S}*(["'])[A-Za-z][A-Za-z0-9._-]*\\2)?(?:${S}+standalone${S}*=${S}*(["'])(?:yes|no)\\3)?${S}*\\?>`,
);
const ROOT_OPEN = new RegExp(`${S}*<(${NAME})${S}+xmlns${S}*=${S}*(${VALUE})${S}*>`, 'y');
const CHILD = new RegExp(`${S}*<(${NAME})((?:${S}+${NAME}${S}*=${S}*${VALUE})*)${S}*(?:/>|></\\1${S}*>)`, 'y');
const ATTRIBUTE = new RegExp(`(${NAME})${S}*=${S}*(${VALUE})`, 'g');
const ROOT_CLOSE = new RegExp(`${S}*</(${NAME})${S}*>${S}*$`, 'y');

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };
const unquote = (quoted: string) => quoted.slice(1, -1).replace(/&(?:amp|lt|gt|quot|apos);/g, (e) => ENTITIES[e]);

/** The flat reading of text, or null when the text is not exactly of the flat shape. */
export function parseFlatXml(text: string): FlatDocument | null {
  let at = DECLARATION.exec(text)?.[0].length ?? 0;
  ROOT_OPEN.lastIndex = at;
  const open = ROOT_OPEN.exec(text);
  if (!open) return null;
  at = ROOT_OPEN.lastIndex;
  const children: FlatElement[] = [];
  for (;;) {
    CHILD.lastIndex = at;
    const child = CHILD.exec(text);
    if (!child) break;
    at = CHILD.lastIndex;
    const attributes = new Map<string, string>();
    for (const [, name, value] of child[2].matchAll(ATTRIBUTE)) {
      // A repeated attribute is not well-formed and xmlns on a child changes its namespace: the full parser decides.
      if (attributes.has(name) || name === 'xmlns') return null;
      attributes.set(name, unquote(value));
    }
    children.push({ name: child[1], attributes });
  }
  ROOT_CLOSE.lastIndex = at;
  const close = ROOT_CLOSE.exec(text);
  if (!close || close[1] !== open[1]) return null;
  return { root: open[1], namespace: unquote(open[2]), children };
}
