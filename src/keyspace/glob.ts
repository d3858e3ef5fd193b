/**
 * Glob-style matching with exactly the semantics of Redis's stringmatchlen(),
 * used by KEYS, SCAN MATCH, PSUBSCRIBE, CONFIG GET, ... :
 *
 *   *       any run of bytes (also empty)       ?      any one byte
 *   [abc]   one of a, b, c                      [^a-z] none of a..z
 *   [a-]    Redis reads "a-]" as the range a..']' (its quirk, kept)
 *   \x      the byte x itself, in and out of brackets
 *
 * Patterns and subjects are latin1 strings (one char per byte). Past the
 * end of the pattern Redis reads the C string's NUL terminator; at() does
 * the same, so unterminated brackets and trailing backslashes behave alike.
 * Bytes are compared as C's signed char inside [x-y] ranges, as Redis does
 * on x86: [a-\xff] is the range \xff..a.
 */

function at(p: string, i: number): number {
  return i < p.length ? p.charCodeAt(i) : 0;
}

function signed(b: number): number {
  return b >= 128 ? b - 256 : b;
}

function fold(b: number): number {
  return b >= 65 && b <= 90 ? b + 32 : b;
}

/** State shared by the recursion: once a '*' tail fails everywhere, longer matches of earlier stars cannot help. */
interface Abort {
  skip: boolean;
}

function matchImpl(p: string, pi: number, s: string, si: number, nocase: boolean, abort: Abort): boolean {
  const plen = p.length;
  const slen = s.length;
  while (pi < plen && si < slen) {
    const pc = p.charCodeAt(pi);
    if (pc === 42 /* * */) {
      while (pi + 1 < plen && p.charCodeAt(pi + 1) === 42) pi++;
      if (pi === plen - 1) return true;
      while (si < slen) {
        if (matchImpl(p, pi + 1, s, si, nocase, abort)) return true;
        if (abort.skip) return false;
        si++;
      }
      abort.skip = true;
      return false;
    } else if (pc === 63 /* ? */) {
      si++;
    } else if (pc === 91 /* [ */) {
      pi++;
      const not = at(p, pi) === 94; /* ^ */
      if (not) pi++;
      let match = false;
      const c = s.charCodeAt(si);
      for (;;) {
        const b = at(p, pi);
        if (b === 92 /* \ */ && plen - pi >= 2) {
          pi++;
          if (at(p, pi) === c) match = true;
        } else if (b === 93 /* ] */) {
          break;
        } else if (pi >= plen) {
          pi--;
          break;
        } else if (plen - pi >= 3 && at(p, pi + 1) === 45 /* - */) {
          let start = signed(b);
          let end = signed(at(p, pi + 2));
          let x = signed(c);
          if (start > end) [start, end] = [end, start];
          if (nocase) {
            start = fold(start);
            end = fold(end);
            x = fold(x);
          }
          pi += 2;
          if (x >= start && x <= end) match = true;
        } else if (nocase ? fold(b) === fold(c) : b === c) {
          match = true;
        }
        pi++;
      }
      if (not) match = !match;
      if (!match) return false;
      si++;
    } else {
      let lit = pc;
      if (pc === 92 /* \ */ && plen - pi >= 2) lit = p.charCodeAt(++pi);
      const c = s.charCodeAt(si);
      if (nocase ? fold(lit) !== fold(c) : lit !== c) return false;
      si++;
    }
    pi++;
    if (si === slen) {
      while (at(p, pi) === 42) pi++;
      break;
    }
  }
  return pi === plen && si === slen;
}

/** Redis's stringmatchlen(pattern, string, nocase=0). */
export function globMatch(pattern: string, subject: string): boolean {
  return matchImpl(pattern, 0, subject, 0, false, { skip: false });
}

/** Case-insensitive variant (ASCII letters only), as stringmatchlen(..., nocase=1). */
export function globMatchNoCase(pattern: string, subject: string): boolean {
  return matchImpl(pattern, 0, subject, 0, true, { skip: false });
}

/** True for "*": callers skip matching altogether, as Redis does for KEYS *. */
export function globMatchesAll(pattern: string): boolean {
  return pattern.length === 1 && pattern.charCodeAt(0) === 42;
}
