/**
 * LCS: the longest common subsequence of two string values, by the same
 * dynamic programme Redis runs, so ties between equally long answers and
 * the order of IDX ranges come out the same.
 */
import type { CommandSpec } from '../spec.js';
import { Err } from '../../errors.js';
import { eqi, parseInteger } from '../args.js';
import { strBytes } from '../../keyspace/object.js';

/** Largest (len1 + 1) * (len2 + 1) table Mnemo allocates (4 bytes per cell); Redis fails when malloc does. */
const MAX_CELLS = 256 * 1024 * 1024;
const EMPTY = Buffer.alloc(0);

export const lcsCommands: CommandSpec[] = [
  {
    // LCS key1 key2 [LEN] [IDX] [MINMATCHLEN min-match-len] [WITHMATCHLEN]
    name: 'lcs',
    arity: -3,
    flags: ['readonly'],
    acl: ['string'],
    keySpecs: [{ flags: ['RO', 'access'], begin: { index: 1 }, find: { range: { lastkey: 1, keystep: 1, limit: 0 } } }],
    group: 'string',
    since: '7.0.0',
    complexity: 'O(N*M) where N and M are the lengths of s1 and s2, respectively',
    summary: 'Finds the longest common subsequence of two string values.',
    args: [
      { name: 'key1', type: 'key', key_spec_index: 0 },
      { name: 'key2', type: 'key', key_spec_index: 0 },
      { name: 'len', type: 'pure-token', token: 'LEN', flags: ['optional'] },
      { name: 'idx', type: 'pure-token', token: 'IDX', flags: ['optional'] },
      { name: 'len', type: 'integer', token: 'MINMATCHLEN', flags: ['optional'] },
      { name: 'withmatchlen', type: 'pure-token', token: 'WITHMATCHLEN', flags: ['optional'] },
    ],
    run(ctx, c, argv, out) {
      // Redis looks the keys up (and checks their types) before reading the options.
      const oa = c.db.lookupRead(argv[1]);
      const ob = c.db.lookupRead(argv[2]);
      if ((oa !== undefined && oa.type !== 'string') || (ob !== undefined && ob.type !== 'string')) {
        return out.error(Err.LCS_NOT_STRINGS);
      }
      let getLen = false;
      let getIdx = false;
      let withMatchLen = false;
      let minMatchLen = 0;
      for (let j = 3; j < argv.length; j++) {
        const a = argv[j];
        if (eqi(a, 'idx')) getIdx = true;
        else if (eqi(a, 'len')) getLen = true;
        else if (eqi(a, 'withmatchlen')) withMatchLen = true;
        else if (eqi(a, 'minmatchlen') && j < argv.length - 1) {
          const n = parseInteger(argv[++j]);
          if (n === null) return out.error(Err.NOT_INTEGER);
          minMatchLen = n < 0 ? 0 : n;
        } else return out.error(Err.SYNTAX);
      }
      if (getIdx && getLen) return out.error(Err.LCS_IDX_AND_LEN);
      const a = oa === undefined ? EMPTY : strBytes(oa.value);
      const b = ob === undefined ? EMPTY : strBytes(ob.value);
      const alen = a.length;
      const blen = b.length;
      if (alen >= 0xfffffffe || blen >= 0xfffffffe) return out.error(Err.LCS_TOO_LONG);
      const w = blen + 1;
      if ((alen + 1) * w > MAX_CELLS) return out.error(Err.LCS_NO_MEMORY);
      // t[i*w + j] = LCS length of a[0..i) and b[0..j).
      let t: Uint32Array;
      try {
        t = new Uint32Array((alen + 1) * w);
      } catch {
        return out.error(Err.LCS_NO_MEMORY);
      }
      for (let i = 1; i <= alen; i++) {
        const ai = a[i - 1];
        const row = i * w;
        const prev = row - w;
        for (let j = 1; j <= blen; j++) {
          if (ai === b[j - 1]) t[row + j] = t[prev + j - 1] + 1;
          else {
            const l1 = t[prev + j];
            const l2 = t[row + j - 1];
            t[row + j] = l1 > l2 ? l1 : l2;
          }
        }
      }
      const total = t[alen * w + blen];
      if (getLen) return out.integer(total);

      // Walk back from the end, collecting the subsequence and the matching ranges (last first).
      const result = Buffer.allocUnsafe(total);
      const ranges: number[] = [];
      let idx = total;
      let i = alen;
      let j = blen;
      let aStart = alen; // alen: no range in progress
      let aEnd = 0;
      let bStart = 0;
      let bEnd = 0;
      while (i > 0 && j > 0) {
        let emit = false;
        if (a[i - 1] === b[j - 1]) {
          result[idx - 1] = a[i - 1];
          if (aStart === alen) {
            aStart = aEnd = i - 1;
            bStart = bEnd = j - 1;
          } else if (aStart === i && bStart === j) {
            aStart--;
            bStart--;
          } else emit = true;
          if (aStart === 0 || bStart === 0) emit = true;
          idx--;
          i--;
          j--;
        } else {
          if (t[(i - 1) * w + j] > t[i * w + j - 1]) i--;
          else j--;
          if (aStart !== alen) emit = true;
        }
        if (emit) {
          const matchLen = aEnd - aStart + 1;
          if (minMatchLen === 0 || matchLen >= minMatchLen) ranges.push(aStart, aEnd, bStart, bEnd, matchLen);
          aStart = alen;
        }
      }
      if (!getIdx) return out.bulk(result);
      out.map(2);
      out.bulkLatin1('matches');
      const n = ranges.length / 5;
      out.array(n);
      for (let k = 0; k < ranges.length; k += 5) {
        out.array(withMatchLen ? 3 : 2);
        out.array(2);
        out.integer(ranges[k]);
        out.integer(ranges[k + 1]);
        out.array(2);
        out.integer(ranges[k + 2]);
        out.integer(ranges[k + 3]);
        if (withMatchLen) out.integer(ranges[k + 4]);
      }
      out.bulkLatin1('len');
      out.integer(total);
    },
  },
];
