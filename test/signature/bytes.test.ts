/**
 * The byte helpers the verifier decodes every DigestValue, SignatureValue and certificate with,
 * checked against Node's own base64, and the bounded memo the batch caches certificates in.
 */
import fc from 'fast-check';
import { fromBase64, toBase64 } from '../../src/signature/bytes';
import { BoundedMemo, byteString } from '../../src/platform';

const whitespace = fc.constantFrom(' ', '\n', '\r\n', '\t', '\n    ');

describe('fromBase64', () => {
  test('decodes what Node encodes, with whitespace anywhere (XML-DSig wraps and indents)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.array(fc.tuple(fc.nat(), whitespace), { maxLength: 6 }),
        (bytes, breaks) => {
          let text = Buffer.from(bytes).toString('base64');
          for (const [at, ws] of breaks) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + ws + text.slice(i);
          }
          expect(Buffer.from(fromBase64(text)).equals(Buffer.from(bytes))).toBe(true);
        },
      ),
    );
  });

  test('round-trips toBase64', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) =>
        expect([...fromBase64(toBase64(bytes))]).toEqual([...bytes]),
      ),
    );
  });

  test.each([
    ['a character outside the alphabet', 'QUJD*RA=='],
    ['data after the padding', 'QQ==QUJD'],
    ['three padding characters', 'QQ==='],
    ['a length that cannot be base64', 'QUJDR'],
    ['URL-safe characters', 'ab-_'],
  ])('refuses %s', (_, text) => {
    expect(() => fromBase64(text)).toThrow(/base64/);
  });
});

describe('BoundedMemo', () => {
  test('computes once per key and keeps at most its size, oldest out first', () => {
    const memo = new BoundedMemo<string, number>(2);
    let calls = 0;
    const make = (v: number) => () => (calls++, v);
    expect(memo.get('a', make(1))).toBe(1);
    expect(memo.get('a', make(99))).toBe(1);
    expect(calls).toBe(1);
    memo.get('b', make(2));
    memo.get('c', make(3)); // evicts "a"
    expect(memo.get('a', make(4))).toBe(4);
    expect(memo.get('c', make(99))).toBe(3);
    expect(calls).toBe(4);
  });

  test('byteString tells different bytes apart and equal bytes together, past one chunk', () => {
    const big = new Uint8Array(10000).map((_, i) => i % 251);
    const other = big.slice();
    other[9999] ^= 1;
    expect(byteString(big)).toBe(byteString(big.slice()));
    expect(byteString(big)).not.toBe(byteString(other));
    expect(byteString(big)).toHaveLength(10000);
  });
});
