/**
 * LOLWUT [VERSION v] [args...]: Redis's computer art. Version 5 draws Georg
 * Nees's "Schotter" (a grid of squares growing disordered row by row) in
 * Braille characters, version 6 a city skyline in terminal colours; any
 * other version, and the default on a 7.0 server, prints only the version.
 * Both drawings are random below their first rows, as Redis's are (it
 * seeds rand() per process), so only their shape and fixed parts can be
 * compared; the geometry keeps Redis's single-precision arithmetic so the
 * fixed parts come out pixel for pixel.
 */
import type { CommandSpec } from './spec.js';
import type { ReplyWriter } from '../protocol/writer.js';
import { REDIS_VERSION } from '../server/context.js';
import { Err } from '../errors.js';
import { eqi, parseInteger } from './args.js';

const f32 = Math.fround;

class Canvas {
  readonly pixels: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
    background: number,
  ) {
    this.pixels = new Uint8Array(width * height).fill(background);
  }

  set(x: number, y: number, color: number): void {
    if (x < 0 || x >= this.width || y < 0 || y >= this.height) return;
    this.pixels[x + y * this.width] = color;
  }

  get(x: number, y: number): number {
    if (x < 0 || x >= this.width || y < 0 || y >= this.height) return 0;
    return this.pixels[x + y * this.width];
  }

  /** Bresenham, both ends included. */
  line(x1: number, y1: number, x2: number, y2: number, color: number): void {
    const dx = Math.abs(x2 - x1);
    const dy = Math.abs(y2 - y1);
    const sx = x1 < x2 ? 1 : -1;
    const sy = y1 < y2 ? 1 : -1;
    let err = dx - dy;
    for (;;) {
      this.set(x1, y1, color);
      if (x1 === x2 && y1 === y2) break;
      const e2 = err * 2;
      if (e2 > -dy) {
        err -= dy;
        x1 += sx;
      }
      if (e2 < dx) {
        err += dx;
        y1 += sy;
      }
    }
  }

  /** A square of side `size` centred on (x, y), turned by `angle` radians. */
  square(x: number, y: number, size: number, angle: number, color: number): void {
    // A corner lies half a diagonal, side/sqrt(2), from the centre.
    const r = f32(Math.round(f32(size / 1.4142135623)));
    const px: number[] = [];
    const py: number[] = [];
    let k = f32(Math.PI / 4 + angle);
    for (let j = 0; j < 4; j++) {
      px.push(Math.round(Math.sin(k) * r + x));
      py.push(Math.round(Math.cos(k) * r + y));
      k = f32(k + Math.PI / 2);
    }
    for (let j = 0; j < 4; j++) this.line(px[j], py[j], px[(j + 1) % 4], py[(j + 1) % 4], color);
  }
}

/** C's rand(): 31 random bits. */
function rand(): number {
  return Math.floor(Math.random() * 2147483648);
}
const RAND_MAX = 2147483647;

function schotter(cols: number, perRow: number, perCol: number): Canvas {
  const width = cols * 2;
  const padding = width > 4 ? 2 : 0;
  const side = f32(f32(width - padding * 2) / perRow);
  const height = Math.trunc(f32(f32(side * perCol) + padding * 2));
  const canvas = new Canvas(width, height, 0);
  for (let y = 0; y < perCol; y++) {
    for (let x = 0; x < perRow; x++) {
      let sx = Math.trunc(f32(f32(f32(x * side) + f32(side / 2)) + padding));
      let sy = Math.trunc(f32(f32(f32(y * side) + f32(side / 2)) + padding));
      let angle = 0;
      // The first two rows stay in order; below, each square drifts and turns more.
      if (y > 1) {
        const jitter = () => f32(f32(f32(f32(rand()) / f32(RAND_MAX)) / perCol) * y);
        let r1 = jitter();
        let r2 = jitter();
        let r3 = jitter();
        if (rand() % 2) r1 = -r1;
        if (rand() % 2) r2 = -r2;
        if (rand() % 2) r3 = -r3;
        angle = r1;
        sx = Math.trunc(f32(sx + f32(f32(r2 * side) / 3)));
        sy = Math.trunc(f32(sy + f32(f32(r3 * side) / 3)));
      }
      canvas.square(sx, sy, side, angle, 1);
    }
  }
  return canvas;
}

/** Each character shows 2x4 pixels as a Braille pattern (U+2800 + dot bits). */
function renderBraille(canvas: Canvas): string {
  let out = '';
  for (let y = 0; y < canvas.height; y += 4) {
    for (let x = 0; x < canvas.width; x += 2) {
      let bits = 0;
      if (canvas.get(x, y)) bits |= 1;
      if (canvas.get(x, y + 1)) bits |= 2;
      if (canvas.get(x, y + 2)) bits |= 4;
      if (canvas.get(x + 1, y)) bits |= 8;
      if (canvas.get(x + 1, y + 1)) bits |= 16;
      if (canvas.get(x + 1, y + 2)) bits |= 32;
      if (canvas.get(x, y + 3)) bits |= 64;
      if (canvas.get(x + 1, y + 3)) bits |= 128;
      out += String.fromCharCode(0x2800 + bits);
    }
    if (y !== canvas.height - 1) out += '\n';
  }
  return out;
}

interface Building {
  xoff: number;
  width: number;
  height: number;
  windows: boolean;
  color: number;
}

function building(canvas: Canvas, b: Building): void {
  const bottom = canvas.height - 1;
  const top = bottom - b.height + 1;
  for (let y = bottom; y >= top; y--) {
    for (let x = b.xoff; x < b.xoff + b.width; x++) {
      // The roof is narrower by two pixels on each side.
      if (y === top && (x <= b.xoff + 1 || x >= b.xoff + b.width - 2)) continue;
      let color = b.color;
      if (b.windows && x > b.xoff + 1 && x < b.xoff + b.width - 2 && y > top + 1 && y < bottom - 1) {
        const relx = x - (b.xoff + 1);
        const rely = y - (top + 1);
        // Windows two pixels wide and one tall: terminal cells are taller than wide.
        if (Math.trunc(relx / 2) % 2 && rely % 2) {
          do color = 1 + (rand() % 2);
          while (color === b.color);
          if (relx % 2) color = canvas.get(x - 1, y);
        }
      }
      canvas.set(x, y, color);
    }
  }
}

function skyline(canvas: Canvas): void {
  const h = canvas.height;
  // Plain buildings behind, the lighter grey farthest, then the black ones with windows.
  for (let color = 2; color >= 1; color--) {
    for (let offset = -10; offset < canvas.width; ) {
      offset += rand() % 8;
      const width = 10 + (rand() % 9);
      const height = color === 2 ? Math.trunc(h / 2) + Math.trunc((rand() % h) / 2) : Math.trunc(h / 2) + Math.trunc((rand() % h) / 3);
      building(canvas, { xoff: offset, width, height, windows: false, color });
      offset += color === 2 ? Math.trunc(width / 2) : width + 1;
    }
  }
  for (let offset = -10; offset < canvas.width; ) {
    offset += rand() % 8;
    let width = 5 + (rand() % 14);
    if (width % 4) width += width % 3;
    const height = Math.trunc(h / 3) + Math.trunc((rand() % h) / 2);
    building(canvas, { xoff: offset, width, height, windows: true, color: 0 });
    offset += width + 5;
  }
}

/** Background and foreground alike, so a copied drawing pastes as blanks. */
const SHADES = ['0;30;40m', '0;90;100m', '0;37;47m', '0;97;107m'];

function renderColors(canvas: Canvas): string {
  let out = '';
  for (let y = 0; y < canvas.height; y++) {
    for (let x = 0; x < canvas.width; x++) out += `\x1b[${SHADES[canvas.get(x, y)] ?? SHADES[0]} \x1b[0m`;
    out += '\n';
  }
  return out;
}

/** The optional numeric arguments of a drawing, each clamped; null after replying with an error. */
function sizes(argv: string[], from: number, defaults: number[], limits: number[], out: ReplyWriter): number[] | null {
  const v = [...defaults];
  for (let i = 0; i < v.length && from + i < argv.length; i++) {
    const n = parseInteger(argv[from + i]);
    if (n === null) {
      out.error(Err.NOT_INTEGER);
      return null;
    }
    v[i] = Number(n);
  }
  return v.map((n, i) => Math.min(Math.max(n, 1), limits[i]));
}

export const lolwutCommands: CommandSpec[] = [
  {
    // LOLWUT [VERSION version] [arg ...]
    name: 'lolwut',
    arity: -1,
    flags: ['readonly', 'fast'],
    acl: [],
    group: 'server',
    since: '5.0.0',
    summary: 'Shows some computer art and the Redis version.',
    args: [{ name: 'version', type: 'integer', token: 'VERSION', flags: ['optional'] }],
    run(ctx, c, argv, out) {
      let version = Number(REDIS_VERSION.split('.')[0]);
      let from = 1;
      if (argv.length >= 3 && eqi(argv[1], 'version')) {
        const v = parseInteger(argv[2]);
        if (v === null) return out.error(Err.NOT_INTEGER);
        // Redis prints the version as an unsigned int to pick the drawing: 2^32 + 5 draws version 5.
        version = Number(BigInt.asUintN(32, BigInt(v)));
        from = 3;
      }
      if (version === 5) {
        const s = sizes(argv, from, [66, 8, 12], [1000, 200, 200], out);
        if (s === null) return;
        const art = renderBraille(schotter(s[0], s[1], s[2]));
        return out.verbatim(`${art}\nGeorg Nees - schotter, plotter on paper, 1968. Redis ver. ${REDIS_VERSION}\n`);
      }
      if (version === 6) {
        const s = sizes(argv, from, [80, 20], [1000, 1000], out);
        if (s === null) return;
        const canvas = new Canvas(s[0], s[1], 3);
        skyline(canvas);
        return out.verbatim(
          `${renderColors(canvas)}Dedicated to the 8 bit game developers of past and present.\nOriginal 8 bit image from Plaguemon by hikikomori. Redis ver. ${REDIS_VERSION}\n`,
        );
      }
      out.verbatim(`Redis ver. ${REDIS_VERSION}\n`);
    },
  },
];
