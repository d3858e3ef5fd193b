// Node's Buffer has encoding-specific fast paths that toString()/write() call
// after normalising the encoding name; the hot path calls them directly.
export {};
declare global {
  interface Buffer {
    latin1Slice(start: number, end: number): string;
    latin1Write(s: string, offset: number, length?: number): number;
  }
}
