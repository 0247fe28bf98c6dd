/**
 * Text that reaches a terminal or a message, made safe. Unit names, cell values and file names
 * come from submitters: an escape sequence in a unit name must not drive the council's terminal,
 * and a 50 MB value must not be echoed back whole. So control characters (but line feed and tab)
 * and the bidirectional overrides are removed from terminal output, JSON output escapes them
 * instead (the data stays whole, the bytes stay inert), and an echoed value is cut to 80
 * characters.
 */

/** C0 controls but tab and line feed, DEL, C1 controls, and the Unicode bidirectional controls. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export const ECHO_MAX = 80;

/** For the terminal: unsafe characters dropped (a carriage return too: it would overwrite the line). */
export function terminalText(s: string): string {
  return s.replace(UNSAFE, '');
}

/** JSON.stringify, with the characters it leaves raw but a terminal would act on written as \u escapes. */
export function jsonText(value: unknown, space = 2): string {
  return JSON.stringify(value, null, space).replace(
    /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A value as a message shows it: at most ECHO_MAX characters, "…" saying it goes on. */
export function clip(s: string, max = ECHO_MAX): string {
  if (s.length <= max) return s;
  // max code points (a surrogate pair is one), without splitting a long string into an array.
  let end = 0;
  for (let n = 0; n < max && end < s.length; n++) end += s.codePointAt(end)! > 0xffff ? 2 : 1;
  return end < s.length ? `${s.slice(0, end)}…` : s;
}

/** Every quoted run in a message ("…", as the engine quotes an entered value) clipped to ECHO_MAX characters, the whole to 8 × that. */
export function clipEchoes(message: string, max = ECHO_MAX): string {
  if (message.length <= max) return message;
  const out = message.replace(/"((?:[^"\\]|\\.)*)"/g, (whole, inner: string) =>
    inner.length > max ? `"${clip(inner, max)}"` : whole,
  );
  // An unquoted echo (a list, an object of numbers) is cut with the message.
  return clip(out, 8 * max);
}
