/**
 * The start-up banner redis-server prints when `always-show-logo yes` (or
 * when it logs to a terminal): a drawing with the version, the mode, the
 * port and the pid beside it. Harnesses that start a server wait for its
 * " PID: <pid>" line, and some read "Port:"; those lines keep Redis's form,
 * the drawing (a memory chip) and the version line are Mnemo's own.
 */
const CHIP = [
  '        ||  ||  ||  ||  ||  ||',
  '      .------------------------.',
  '   ===|                        |===',
  '   ===|   M   N   E   M   O    |===',
  '   ===|                        |===',
  '   ===|   .----------------.   |===',
  '   ===|   |  ...........   |   |===',
  '   ===|   \'----------------\'   |===',
  "      '------------------------'",
  '        ||  ||  ||  ||  ||  ||',
];

/** The banner: art on the left, facts on the right (one per line, by row). */
export function logoBlock(info: { version: string; redisVersion: string; mode: string; port: number; pid: number }): string {
  const facts: Record<number, string> = {
    2: `Mnemo ${info.version} (Redis ${info.redisVersion} compatible) 64 bit`,
    4: `Running in ${info.mode} mode`,
    5: `Port: ${info.port}`,
    6: `PID: ${info.pid}`,
  };
  const width = Math.max(...CHIP.map((l) => l.length)) + 4;
  let out = '';
  for (let i = 0; i < CHIP.length; i++) {
    const fact = facts[i];
    out += (fact === undefined ? CHIP[i] : CHIP[i].padEnd(width) + fact) + '\n';
  }
  return out + '\n';
}
