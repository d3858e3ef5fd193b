/**
 * Accepts connections (TCP on each bind address, and the unix socket) and
 * wires each socket to a Client.
 */
import net from 'node:net';
import { chmodSync, unlinkSync, existsSync } from 'node:fs';
import type { ServerContext } from './context.js';
import { Client } from './client.js';
import { protectedModeCheck } from './protected.js';

export interface Listening {
  servers: net.Server[];
  port: number;
}

function formatAddr(address: string | undefined, port: number | undefined): string {
  if (!address) return '';
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  return `${a}:${port}`;
}

/**
 * Every connection reads into this one buffer (commands run to completion
 * before the next read, so it is free again by then): no allocation per
 * read, and the bytes reach the parser without the stream's 'data' path.
 */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

type OnRead = (nread: number, buf: Buffer) => void;

/**
 * Moves an accepted connection (from a pauseOnConnect server) onto a socket
 * that reads through `onread`, the option Node offers only to sockets it
 * creates itself. Returns the socket unchanged where that is not possible.
 */
function adopt(socket: net.Socket, onRead: { fn: OnRead | null }): net.Socket {
  const holder = socket as unknown as { _handle?: object | null };
  const handle = holder._handle;
  if (handle === undefined || handle === null) {
    socket.resume();
    return socket;
  }
  holder._handle = null;
  // Ends the original object only (no handle any more), so the server stops counting it.
  socket.destroy();
  return new net.Socket({
    handle,
    readable: true,
    writable: true,
    onread: { buffer: READ_BUFFER, callback: (n: number, buf: Uint8Array) => onRead.fn?.(n, buf as Buffer) },
  } as net.SocketConstructorOpts);
}

export function attachSocket(ctx: ServerContext, accepted: net.Socket, isUnix: boolean): Client | null {
  const onRead: { fn: OnRead | null } = { fn: null };
  const socket = adopt(accepted, onRead);
  const maxClients = ctx.config.num('maxclients');
  if (ctx.clients.size >= maxClients) {
    ctx.stats.rejectedConnections++;
    socket.end('-ERR max number of clients reached\r\n');
    return null;
  }
  if (!isUnix) {
    const denied = protectedModeCheck(ctx, false, socket.remoteAddress ?? '');
    if (denied) {
      socket.end(denied);
      return null;
    }
    socket.setNoDelay(true);
    const keepalive = ctx.config.num('tcp-keepalive');
    if (keepalive > 0) socket.setKeepAlive(true, keepalive * 1000);
  }
  const c = new Client(ctx, socket, { isUnix });
  if (isUnix) {
    c.addr = `${ctx.config.get('unixsocket')}:0`;
    c.laddr = `${ctx.config.get('unixsocket')}:0`;
  } else {
    c.addr = formatAddr(socket.remoteAddress, socket.remotePort);
    c.laddr = formatAddr(socket.localAddress, socket.localPort);
  }
  const deny = (ctx.ext.acceptFilter as ((c: Client) => string | null) | undefined)?.(c);
  if (deny) {
    ctx.stats.rejectedConnections++;
    socket.end(deny);
    return null;
  }
  ctx.addClient(c);
  if (ctx.log.level === 'debug' || ctx.log.level === 'verbose') ctx.log.verbose(isUnix ? `Accepted connection to ${ctx.config.get('unixsocket')}` : `Accepted ${c.addr}`);
  if (socket === accepted) socket.on('data', (chunk: Buffer) => c.onData(chunk));
  else onRead.fn = (n, buf) => c.onData(buf, true, n);
  // The peer finished sending. Replies wait for the end of the turn, but the end of input can be
  // read in the same turn as the last commands: they go out now, before Node shuts the socket
  // (its own 'end' listener stops writes). Like Redis, a client that stopped sending is then let go.
  socket.prependListener('end', () => {
    c.flush();
    c.close();
  });
  socket.on('error', () => c.close());
  socket.on('close', () => c.close());
  return c;
}

/** Bind list words: "*" any IPv4, "::*" any IPv6, "-" prefix marks an address that may be unavailable. */
function bindTargets(bind: string): { word: string; host: string; optional: boolean }[] {
  return bind
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => {
      const optional = w.startsWith('-');
      const word = optional ? w.slice(1) : w;
      const host = word === '*' ? '0.0.0.0' : word === '::*' ? '::' : word;
      return { word, host, optional };
    });
}

function listenOne(server: net.Server, port: number, host: string | undefined, backlog: number, ipv6Only: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once('error', onError);
    server.listen({ port, host, backlog, ipv6Only }, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** strerror() texts for what listening reports, as Redis's log shows them. */
const STRERROR: Record<string, string> = {
  EADDRINUSE: 'Address already in use',
  EADDRNOTAVAIL: 'Cannot assign requested address',
  EACCES: 'Permission denied',
  EAFNOSUPPORT: 'Address family not supported by protocol',
  EINVAL: 'Invalid argument',
  ENOTFOUND: 'Name or service not known',
};

/** A listener that could not open; the message is Redis's log line for it. */
export class ListenError extends Error {}

/** Opens the TCP listeners for a port and bind list; all or none (already opened ones are closed on failure). */
export async function listenTcp(ctx: ServerContext, port: number, bind: string): Promise<{ servers: net.Server[]; port: number }> {
  const servers: net.Server[] = [];
  const backlog = ctx.config.num('tcp-backlog');
  for (const t of bindTargets(bind)) {
    const server = net.createServer({ noDelay: true, pauseOnConnect: true }, (s) => attachSocket(ctx, s, false));
    try {
      await listenOne(server, port, t.host, backlog, t.host.includes(':'));
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (t.optional && (err.code === 'EADDRNOTAVAIL' || err.code === 'EAFNOSUPPORT' || err.code === 'EINVAL')) continue;
      for (const s of servers) s.close();
      // Redis names the failing call "bind" for every address error, so do its tools.
      const reason = (err.code && STRERROR[err.code]) ?? err.message;
      throw new ListenError(`Warning: Could not create server TCP listening socket ${t.word}:${port}: bind: ${reason}`);
    }
    servers.push(server);
    if (port === 0) port = (server.address() as net.AddressInfo).port;
  }
  return { servers, port };
}

/**
 * The TCP listeners of a running server, moved by CONFIG SET port/bind.
 * Each change makes the listeners match the configuration: a new port opens
 * its sockets before the old ones close (on failure the old ones stay), a new
 * bind list closes the old sockets first, since the same port cannot be bound
 * twice, and leaves none on failure (the CONFIG SET rollback reopens the old
 * ones). A change that finds the listeners already matching does nothing.
 */
export class TcpListeners {
  servers: net.Server[] = [];
  /** What the sockets listen on; port 0: no TCP. */
  port = 0;
  bind = '';

  constructor(private readonly ctx: ServerContext) {}

  adopt(servers: net.Server[], port: number, bind: string): void {
    this.servers = servers;
    this.port = port;
    this.bind = bind;
  }

  /** Listens on port/bind; false after logging why not. */
  async change(port: number, bind: string): Promise<boolean> {
    if (port === this.port && bind === this.bind && (port === 0 || this.servers.length > 0)) return true;
    const closeFirst = bind !== this.bind;
    if (closeFirst || port === 0) this.closeAll();
    if (port === 0) {
      this.adopt([], 0, bind);
      this.ctx.tcpPort = 0;
      return true;
    }
    try {
      const tcp = await listenTcp(this.ctx, port, bind);
      this.closeAll();
      this.adopt(tcp.servers, tcp.port, bind);
      this.ctx.tcpPort = tcp.port;
      return true;
    } catch (e) {
      if (!(e instanceof ListenError)) throw e;
      this.ctx.log.warning(e.message);
      return false;
    }
  }

  /** Closes every listener; the port is free again at once (Node closes the descriptor synchronously). */
  closeAll(): Promise<void> {
    const closed = Promise.all(this.servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
    this.servers = [];
    this.port = 0;
    this.bind = '';
    return closed.then(() => {});
  }
}

/**
 * Opens the listeners. `port` 0 from the config means no TCP at all (Redis's
 * meaning); the API asks for an ephemeral port with `ephemeral`.
 */
export async function listen(ctx: ServerContext, ephemeral = false): Promise<Listening> {
  let servers: net.Server[] = [];
  let port = ctx.config.num('port');
  const backlog = ctx.config.num('tcp-backlog');
  if (port !== 0 || ephemeral) {
    const tcp = await listenTcp(ctx, port, ctx.config.get('bind'));
    servers = tcp.servers;
    port = tcp.port;
  }
  const unixPath = ctx.config.get('unixsocket');
  if (unixPath) {
    if (existsSync(unixPath)) unlinkSync(unixPath);
    const server = net.createServer({ pauseOnConnect: true }, (s) => attachSocket(ctx, s, true));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(unixPath, backlog, () => resolve());
    });
    const perm = ctx.config.num('unixsocketperm');
    if (perm) chmodSync(unixPath, perm);
    servers.push(server);
  }
  ctx.tcpPort = port;
  return { servers, port };
}
