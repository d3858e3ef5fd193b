import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ServerContext } from '../../src/server/context.js';
import { RObj } from '../../src/keyspace/object.js';
import { randomKey } from '../../src/commands/keys/generic.js';

test('RANDOMKEY on a large database spreads over the keys', () => {
  const ctx = new ServerContext();
  const db = ctx.keyspace.dbs[0];
  for (let i = 0; i < 20000; i++) db.dict.set(`k${i}`, new RObj('string', 'v', 0));
  const seen = new Set<string>();
  for (let i = 0; i < 5000; i++) {
    const k = randomKey(db);
    assert.ok(k !== null && db.dict.has(k));
    seen.add(k);
  }
  assert.ok(seen.size > 2500, `only ${seen.size} distinct keys`);
});

test('RANDOMKEY deletes dead keys it meets and answers null when none is left', () => {
  const ctx = new ServerContext();
  const db = ctx.keyspace.dbs[0];
  for (let i = 0; i < 50; i++) {
    db.dict.set(`d${i}`, new RObj('string', 'v', 0));
    db.expires.set(`d${i}`, 1);
  }
  assert.equal(randomKey(db), null);
  assert.equal(db.size, 0);
  db.dict.set('live', new RObj('string', 'v', 0));
  db.dict.set('dead', new RObj('string', 'v', 0));
  db.expires.set('dead', 1);
  for (let i = 0; i < 20; i++) assert.equal(randomKey(db), 'live');
});
