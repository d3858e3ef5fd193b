#!/usr/bin/env -S node --max-semi-space-size=4
// --max-semi-space-size=4 (MB): V8's default lets the young generation grow
// to 48 MB under a write burst and keep it; a data store's garbage is short-
// lived, so a small nursery costs no throughput and keeps that memory for the
// data. `npm start` passes the same flag; so does the benchmark.
import { main } from '../dist/src/main.js';

await main(process.argv.slice(2));
