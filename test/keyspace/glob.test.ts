import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globMatch, globMatchNoCase, globMatchesAll } from '../../src/keyspace/glob.js';

const cases: [string, string, boolean][] = [
  ['*', '', false], // the loop never runs on an empty subject (KEYS * short-circuits instead)
  ['*', 'anything', true],
  ['**', 'x', true],
  ['', '', true],
  ['', 'a', false],
  ['a', '', false],
  ['h?llo', 'hello', true],
  ['h?llo', 'hllo', false],
  ['h*llo', 'hllo', true],
  ['h*llo', 'heeeello', true],
  ['h*llo*', 'hello world', true],
  ['h[ae]llo', 'hallo', true],
  ['h[ae]llo', 'hillo', false],
  ['h[^e]llo', 'hallo', true],
  ['h[^e]llo', 'hello', false],
  ['h[a-b]llo', 'hbllo', true],
  ['h[a-b]llo', 'hcllo', false],
  ['h[b-a]llo', 'hallo', true], // reversed ranges are swapped
  ['h\\*llo', 'h*llo', true],
  ['h\\*llo', 'hello', false],
  ['h[\\]]llo', 'h]llo', true],
  ['[a-]', ']', true], // "a-]" is the range a..']'
  ['[a-]', '-', false],
  ['[', 'a', false],
  ['[abc', 'b', true], // an unterminated class runs to the end of the pattern
  ['[abc', 'bx', false],
  ['a\\', 'a\\', true], // a trailing backslash is literal
  ['*a', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaab', false],
  ['a*a*a*a*a*a*a*a*a*b', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', false],
  ['*[0-9]', 'key:7', true],
  ['user:*:name', 'user:42:name', true],
  ['user:*:name', 'user:42:age', false],
];

test('globMatch follows stringmatchlen', () => {
  for (const [p, s, want] of cases) {
    assert.equal(globMatch(p, s), want, `${JSON.stringify(p)} vs ${JSON.stringify(s)}`);
  }
});

test('ranges compare bytes as signed chars', () => {
  // \x80..\xff are negative as C chars: [a-\xff] becomes the range \xff(-1)..a.
  assert.equal(globMatch('[a-\xff]', 'b'), false);
  assert.equal(globMatch('[a-\xff]', 'A'), true);
  assert.equal(globMatch('[a-\xff]', '\xfe'), false);
  assert.equal(globMatch('[\x80-\xff]', '\x90'), true);
  assert.equal(globMatch('[\x80-\xff]', 'a'), false);
});

test('nocase folds ASCII letters only', () => {
  assert.equal(globMatchNoCase('HeLLo', 'hello'), true);
  assert.equal(globMatchNoCase('h[A-C]llo', 'hbllo'), true);
  assert.equal(globMatchNoCase('h[^B]llo', 'hbllo'), false);
  assert.equal(globMatch('HeLLo', 'hello'), false);
  assert.equal(globMatchNoCase('\xc9', '\xe9'), false);
});

test('pathological patterns finish quickly', () => {
  const s = 'a'.repeat(5000);
  const p = '*a'.repeat(100) + 'b';
  assert.equal(globMatch(p, s), false);
});

test('globMatchesAll only for a lone star', () => {
  assert.equal(globMatchesAll('*'), true);
  assert.equal(globMatchesAll('**'), false);
  assert.equal(globMatchesAll('a'), false);
});
