/** Bilingual text: every message an officer sees exists in Vietnamese first and in English. */
export type Lang = 'vi' | 'en';
export interface Text {
  vi: string;
  en: string;
}

export const t = (vi: string, en: string): Text => ({ vi, en });

export function say(text: Text | { vi: string; en?: string }, lang: Lang): string {
  return lang === 'en' && text.en ? text.en : text.vi;
}

/** Joins texts language by language. */
export function join(parts: Text[], sep = ' '): Text {
  return { vi: parts.map((p) => p.vi).join(sep), en: parts.map((p) => p.en).join(sep) };
}

/** Numbers as officers write them: Vietnamese uses a decimal comma. */
export function num(n: number, lang: Lang, digits = 2): string {
  const scale = 10 ** digits;
  const s = String(Math.round((n + Number.EPSILON) * scale) / scale);
  return lang === 'vi' && s.includes('.') ? s.replace('.', ',') : s;
}

export function numText(n: number, digits = 2): Text {
  const en = num(n, 'en', digits);
  return { vi: en.includes('.') ? en.replace('.', ',') : en, en };
}

export function pctText(ratio: number): Text {
  return { vi: `${num(ratio * 100, 'vi', 2)}%`, en: `${num(ratio * 100, 'en', 2)}%` };
}

const folded = new Map<string, string>();

/** Case-, space- and diacritics-insensitive key for matching names and option labels. */
export function fold(s: string): string {
  let key = folded.get(s);
  if (key === undefined) {
    key = s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[đĐ]/g, 'd')
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .trim();
    // Option labels are folded again for every value matched against them; bounded, since entries are too.
    if (folded.size >= 4096) folded.clear();
    folded.set(s, key);
  }
  return key;
}
