/**
 * What a client is and how it may be served, as typed bits (Redis's
 * CLIENT_* flags). Code asks these bits, never CLIENT LIST's letters: the
 * letters are derived from them in one place (flagLetters).
 *
 * Caller kinds: a connection is NORMAL unless it is the link from our
 * master (MASTER), a replica we feed (REPLICA), or a pseudo-client the
 * server runs commands as: a script's (SCRIPT) or the AOF loader's (AOF).
 * Behaviour bits ride on any kind: DENY_BLOCKING (blocking commands act
 * like their non-blocking forms), PREVENT_PROP (what it runs is not
 * propagated), ASKING and READONLY (cluster), NO_EVICT and NO_TOUCH.
 */
import type { Client } from './client.js';

export const CLIENT_MASTER = 1 << 0;
export const CLIENT_REPLICA = 1 << 1;
export const CLIENT_MONITOR = 1 << 2;
export const CLIENT_SCRIPT = 1 << 3;
export const CLIENT_AOF = 1 << 4;
export const CLIENT_DENY_BLOCKING = 1 << 5;
export const CLIENT_PREVENT_PROP = 1 << 6;
export const CLIENT_ASKING = 1 << 7;
export const CLIENT_READONLY = 1 << 8;
export const CLIENT_NO_EVICT = 1 << 9;
export const CLIENT_NO_TOUCH = 1 << 10;
export const CLIENT_UNIX_SOCKET = 1 << 11;
export const CLIENT_TRACKING = 1 << 12;
export const CLIENT_TRACKING_BROKEN_REDIR = 1 << 13;
export const CLIENT_TRACKING_BCAST = 1 << 14;
/** A watched key changed: the next EXEC fails. */
export const CLIENT_DIRTY_CAS = 1 << 15;
/** Closed once its pending replies are written (QUIT, a protocol error). */
export const CLIENT_CLOSE_AFTER_REPLY = 1 << 16;

/** Kinds the server itself drives: they are never paused, timed out or counted as users. */
export const CLIENT_INTERNAL = CLIENT_MASTER | CLIENT_REPLICA;

/** The letters of CLIENT LIST's flags field, in Redis's order; 'N' for none. */
export function flagLetters(c: Client): string {
  const f = c.flags;
  let s = '';
  if (f & CLIENT_MONITOR) s += 'O';
  else if (f & CLIENT_REPLICA) s += 'S';
  if (f & CLIENT_MASTER) s += 'M';
  if (c.pubsubCount !== 0) s += 'P';
  if (c.multi !== null) s += 'x';
  // A client suspended in MIGRATE or CONFIG SET (kind 'lock') runs its command, as far as Redis shows.
  if (c.blocked !== null && c.blocked.kind !== 'lock') s += 'b';
  if (f & CLIENT_TRACKING) s += 't';
  if (f & CLIENT_TRACKING_BROKEN_REDIR) s += 'R';
  if (f & CLIENT_TRACKING_BCAST) s += 'B';
  if (f & CLIENT_DIRTY_CAS) s += 'd';
  if (f & CLIENT_CLOSE_AFTER_REPLY) s += 'c';
  if (f & CLIENT_UNIX_SOCKET) s += 'U';
  if (f & CLIENT_READONLY) s += 'r';
  if (f & CLIENT_NO_EVICT) s += 'e';
  if (f & CLIENT_NO_TOUCH) s += 'T';
  return s === '' ? 'N' : s;
}

/** CLIENT LIST/KILL TYPE: what Redis's getClientType() says. */
export type ClientType = 'normal' | 'master' | 'replica' | 'pubsub';

export function clientType(c: Client): ClientType {
  if (c.flags & CLIENT_MASTER) return 'master';
  if (c.flags & CLIENT_REPLICA && !(c.flags & CLIENT_MONITOR)) return 'replica';
  if (c.pubsubCount !== 0) return 'pubsub';
  return 'normal';
}
