/**
 * A RESP reply reader for tests: finds where one complete reply ends in a
 * byte stream (any RESP2/RESP3 type) and decodes it to plain JS values.
 */

export type Reply =
  | string
  | number
  | bigint
  | boolean
  | null
  | Reply[]
  | { error: string }
  | { map: [Reply, Reply][] }
  | { set: Reply[] }
  | { push: Reply[] }
  | { double: string }
  | { verbatim: string; format: string };

/** Index just past the reply starting at pos, or -1 if incomplete. */
export function replyEnd(buf: Buffer, pos = 0): number {
  if (pos >= buf.length) return -1;
  const nl = buf.indexOf('\r\n', pos);
  if (nl < 0) return -1;
  const type = String.fromCharCode(buf[pos]);
  const head = buf.toString('latin1', pos + 1, nl);
  let p = nl + 2;
  switch (type) {
    case '+':
    case '-':
    case ':':
    case ',':
    case '#':
    case '(':
    case '_':
      return p;
    case '$':
    case '=':
    case '!': {
      const n = Number(head);
      if (n < 0) return p;
      return buf.length >= p + n + 2 ? p + n + 2 : -1;
    }
    case '*':
    case '~':
    case '>':
    case '%':
    case '|': {
      let n = Number(head);
      if (n < 0) return p;
      if (type === '%' || type === '|') n *= 2;
      for (let i = 0; i < n; i++) {
        p = replyEnd(buf, p);
        if (p < 0) return -1;
      }
      // An attribute precedes the real reply.
      if (type === '|') return replyEnd(buf, p);
      return p;
    }
    default:
      throw new Error(`bad reply type byte ${buf[pos]} in ${JSON.stringify(buf.toString('latin1', pos, pos + 40))}`);
  }
}

export function decode(buf: Buffer, pos = 0): [Reply, number] {
  const nl = buf.indexOf('\r\n', pos);
  const type = String.fromCharCode(buf[pos]);
  const head = buf.toString('latin1', pos + 1, nl);
  let p = nl + 2;
  const many = (n: number): [Reply[], number] => {
    const items: Reply[] = [];
    for (let i = 0; i < n; i++) {
      const [v, q] = decode(buf, p);
      items.push(v);
      p = q;
    }
    return [items, p];
  };
  switch (type) {
    case '+':
      return [head, p];
    case '-':
      return [{ error: head }, p];
    case ':':
      return [Number(head), p];
    case ',':
      return [{ double: head }, p];
    case '#':
      return [head === 't', p];
    case '(':
      return [BigInt(head), p];
    case '_':
      return [null, p];
    case '$': {
      const n = Number(head);
      if (n < 0) return [null, p];
      return [buf.toString('latin1', p, p + n), p + n + 2];
    }
    case '=': {
      const n = Number(head);
      const s = buf.toString('utf8', p, p + n);
      return [{ format: s.slice(0, 3), verbatim: s.slice(4) }, p + n + 2];
    }
    case '*': {
      const n = Number(head);
      if (n < 0) return [null, p];
      return many(n);
    }
    case '~':
      return ((r) => [{ set: r[0] }, r[1]])(many(Number(head)));
    case '>':
      return ((r) => [{ push: r[0] }, r[1]])(many(Number(head)));
    case '%': {
      const [flat, q] = many(Number(head) * 2);
      const pairs: [Reply, Reply][] = [];
      for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i], flat[i + 1]]);
      return [{ map: pairs }, q];
    }
    case '|':
      // An attribute: decoded as the reply it precedes (tests compare the raw bytes).
      return decode(buf, many(Number(head) * 2)[1]);
    default:
      throw new Error(`cannot decode reply type ${type}`);
  }
}
