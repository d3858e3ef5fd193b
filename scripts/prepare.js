// npm's `prepare` hook: builds the library (src -> dist/src) on `npm install`
// in a clone, and before `npm pack` and a git-URL install. Plain JavaScript,
// because nothing is compiled yet when it runs.
//
// `npm install <directory>` also runs it, in the directory, but without
// installing the directory's devDependencies: the compiler is missing there,
// so it installs them first (from the lockfile, no scripts), as npm itself
// does for a git dependency.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');

function run(command, args, env = process.env) {
  const r = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (!existsSync(tsc)) {
  const npm = process.env.npm_execpath;
  if (!npm) {
    process.stderr.write('mnemo: the TypeScript compiler is not installed; run `npm install` in ' + root + '\n');
    process.exit(1);
  }
  // The outer install's npm_* variables (its prefix, --omit, --global) must not steer this one.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));
  run(process.execPath, [npm, 'ci', '--ignore-scripts', '--include=dev', '--no-audit', '--no-fund'], env);
}
run(process.execPath, [tsc, '-b', 'tsconfig.build.json']);
