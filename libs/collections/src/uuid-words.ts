/**
 * UUIDs as four 32-bit words, for tables that hold millions of ids in typed arrays (16
 * bytes each) rather than as strings (about 56 bytes each, plus the entry holding them,
 * all long-lived objects the garbage collector keeps tracing and moving).
 *
 * Only the canonical textual form is read: 8-4-4-4-12 lower-case hexadecimal digits, as
 * randomUUID writes it. Ids are compared as strings, so an upper-case UUID (which the
 * contracts' uuid format accepts) is another id, that callers keep as a string.
 */

/** Value of each UTF-16 code unit as a lower-case hexadecimal digit, -1 when it is none. */
const HEX = new Int8Array(65536).fill(-1);
for (let i = 0; i < 16; i++) HEX['0123456789abcdef'.charCodeAt(i)] = i;

/** The code of each lower-case hexadecimal digit. */
const DIGIT = Array.from('0123456789abcdef', (digit) => digit.charCodeAt(0));

/** The codes of the canonical form formatUuid is writing (scratch; the dashes stay). */
const codes: number[] = new Array(36).fill(45);

/**
 * Reads `id` into `into[at]` to `into[at + 3]` when it is a UUID in canonical form; false
 * (and `into` left as it was) for anything else.
 */
export function parseUuid(id: string, into: Uint32Array, at = 0): boolean {
  if (
    id.length !== 36 ||
    id.charCodeAt(8) !== 45 ||
    id.charCodeAt(13) !== 45 ||
    id.charCodeAt(18) !== 45 ||
    id.charCodeAt(23) !== 45
  )
    return false;
  const q0 = quad(id, 0);
  const q1 = quad(id, 4);
  const q2 = quad(id, 9);
  const q3 = quad(id, 14);
  const q4 = quad(id, 19);
  const q5 = quad(id, 24);
  const q6 = quad(id, 28);
  const q7 = quad(id, 32);
  if ((q0 | q1 | q2 | q3 | q4 | q5 | q6 | q7) < 0) return false;
  into[at] = (q0 << 16) | q1;
  into[at + 1] = (q2 << 16) | q3;
  into[at + 2] = (q4 << 16) | q5;
  into[at + 3] = (q6 << 16) | q7;
  return true;
}

/**
 * The canonical form of the UUID in `words[at]` to `words[at + 3]` (as parseUuid reads
 * it), built from character codes: a flat string, where concatenating pieces makes a
 * tree of them that costs more to build, and again at its first comparison.
 */
export function formatUuid(words: Uint32Array, at = 0): string {
  const b = words[at + 1];
  const c = words[at + 2];
  writeHex(words[at], 0, 8);
  writeHex(b >>> 16, 9, 4);
  writeHex(b, 14, 4);
  writeHex(c >>> 16, 19, 4);
  writeHex(c, 24, 4);
  writeHex(words[at + 3], 28, 8);
  return String.fromCharCode.apply(null, codes);
}

/** Mixes the four words of a UUID (time-ordered UUIDs, v1 or v7, are far from random in their first bits). */
export function uuidHash(a: number, b: number, c: number, d: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ b ^ (h >>> 13), 0xc2b2ae35);
  h = Math.imul(h ^ c ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ d ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Four hexadecimal digits from `at`, or -1. */
function quad(id: string, at: number): number {
  const a = HEX[id.charCodeAt(at)];
  const b = HEX[id.charCodeAt(at + 1)];
  const c = HEX[id.charCodeAt(at + 2)];
  const d = HEX[id.charCodeAt(at + 3)];
  return (a | b | c | d) < 0 ? -1 : (a << 12) | (b << 8) | (c << 4) | d;
}

/** Writes the last `count` hexadecimal digits of `value` into `codes` from `from`. */
function writeHex(value: number, from: number, count: number): void {
  for (let i = from + count - 1; i >= from; i--) {
    codes[i] = DIGIT[value & 15];
    value >>>= 4;
  }
}
