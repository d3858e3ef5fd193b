import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Deque } from '../../src/types/deque.js';

test('the deque matches an array under random operations at both ends and in the middle', () => {
  const d = new Deque<number>();
  const model: number[] = [];
  let seed = 3;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let step = 0; step < 20000; step++) {
    const op = rand(model.length > 200 ? 9 : 7);
    if (op === 0) (d.push(step), model.push(step));
    else if (op === 1) (d.unshift(step), model.unshift(step));
    else if (op === 2) assert.equal(d.shift(), model.shift());
    else if (op === 3) assert.equal(d.pop(), model.pop());
    else if (op === 4) {
      const i = rand(model.length + 1);
      d.insert(i, step);
      model.splice(i, 0, step);
    } else if (op === 5 && model.length > 0) {
      const i = rand(model.length);
      d.remove(i);
      model.splice(i, 1);
    } else if (op === 6 && rand(500) === 0) {
      d.clear();
      model.length = 0;
    } else if (op >= 7) assert.equal(d.shift(), model.shift());
    assert.equal(d.length, model.length);
    assert.equal(d.first(), model[0]);
    assert.equal(d.last(), model[model.length - 1]);
    if (model.length > 0) {
      assert.equal(d.at(0), model[0]);
      assert.equal(d.at(model.length - 1), model[model.length - 1]);
    }
    if (step % 1000 === 0) assert.deepEqual(Array.from({ length: d.length }, (_, i) => d.at(i)), model);
  }
});
