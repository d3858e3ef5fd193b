/**
 * CLUSTER, READONLY, READWRITE, ASKING until Mnemo has a cluster mode: they
 * answer as a redis-server with cluster-enabled no does, which is what
 * clients probe for (a standalone server refuses every CLUSTER subcommand,
 * HELP included). The declarations are complete, so COMMAND shows them as
 * Redis does and the cluster work only has to fill in the handlers.
 */
import type { ArgDoc, CommandHandler, CommandSpec } from './spec.js';
import { Err } from '../errors.js';

const standalone: CommandHandler = (ctx, c, argv, out) => out.error(Err.CLUSTER_DISABLED);

const CLUSTER = { group: 'cluster', acl: [], run: standalone } as const;
const ADMIN = ['admin', 'stale', 'no_async_loading'] as const;
const NODE_ID: readonly ArgDoc[] = [{ name: 'node-id', type: 'string' }];
const SLOT_RANGES: readonly ArgDoc[] = [
  {
    name: 'start-slot_end-slot',
    type: 'block',
    flags: ['multiple'],
    arguments: [
      { name: 'start-slot', type: 'integer' },
      { name: 'end-slot', type: 'integer' },
    ],
  },
];
const RANGE_COMPLEXITY = 'O(N) where N is the total number of the slots between the start slot and end slot arguments.';
const SLOTS_COMPLEXITY = 'O(N) where N is the total number of hash slot arguments';
const NODES_COMPLEXITY = 'O(N) where N is the total number of Cluster nodes';
const NONDETERMINISTIC = ['nondeterministic_output'] as const;

export const clusterCommands: CommandSpec[] = [
  {
    name: 'cluster',
    arity: -2,
    flags: [],
    acl: [],
    group: 'cluster',
    since: '3.0.0',
    summary: 'A container for Redis Cluster commands.',
    complexity: 'Depends on subcommand.',
    subcommands: [
      { name: 'addslots', arity: -3, flags: ADMIN, ...CLUSTER, since: '3.0.0', summary: 'Assigns hash slots to this node.', complexity: SLOTS_COMPLEXITY, args: [{ name: 'slot', type: 'integer', flags: ['multiple'] }] },
      { name: 'addslotsrange', arity: -4, flags: ADMIN, ...CLUSTER, since: '7.0.0', summary: 'Assigns ranges of hash slots to this node.', complexity: RANGE_COMPLEXITY, args: SLOT_RANGES },
      { name: 'bumpepoch', arity: 2, flags: ADMIN, ...CLUSTER, tips: NONDETERMINISTIC, since: '3.0.0', summary: "Raises this node's configuration epoch.", complexity: 'O(1)' },
      { name: 'count-failure-reports', arity: 3, flags: ['admin', 'stale'], ...CLUSTER, tips: NONDETERMINISTIC, since: '3.0.0', summary: 'Counts the live failure reports about a node.', complexity: 'O(N) where N is the number of failure reports', args: NODE_ID },
      { name: 'countkeysinslot', arity: 3, flags: ['stale'], ...CLUSTER, since: '3.0.0', summary: 'Counts the local keys of a hash slot.', complexity: 'O(1)', args: [{ name: 'slot', type: 'integer' }] },
      { name: 'delslots', arity: -3, flags: ADMIN, ...CLUSTER, since: '3.0.0', summary: 'Unassigns hash slots from this node.', complexity: SLOTS_COMPLEXITY, args: [{ name: 'slot', type: 'integer', flags: ['multiple'] }] },
      { name: 'delslotsrange', arity: -4, flags: ADMIN, ...CLUSTER, since: '7.0.0', summary: 'Unassigns ranges of hash slots from this node.', complexity: RANGE_COMPLEXITY, args: SLOT_RANGES },
      {
        name: 'failover',
        arity: -2,
        flags: ADMIN,
        ...CLUSTER,
        since: '3.0.0',
        summary: 'Makes a replica take over from its master by hand.',
        complexity: 'O(1)',
        args: [
          {
            name: 'options',
            type: 'oneof',
            flags: ['optional'],
            arguments: [
              { name: 'force', type: 'pure-token', token: 'FORCE' },
              { name: 'takeover', type: 'pure-token', token: 'TAKEOVER' },
            ],
          },
        ],
      },
      { name: 'flushslots', arity: 2, flags: ADMIN, ...CLUSTER, since: '3.0.0', summary: 'Forgets every hash slot this node serves.', complexity: 'O(1)' },
      { name: 'forget', arity: 3, flags: ADMIN, ...CLUSTER, since: '3.0.0', summary: "Drops a node from this node's table.", complexity: 'O(1)', args: NODE_ID },
      {
        name: 'getkeysinslot',
        arity: 4,
        flags: ['stale'],
        ...CLUSTER,
        tips: NONDETERMINISTIC,
        since: '3.0.0',
        summary: 'Lists local key names of a hash slot.',
        complexity: 'O(log(N)) where N is the number of requested keys',
        args: [
          { name: 'slot', type: 'integer' },
          { name: 'count', type: 'integer' },
        ],
      },
      { name: 'help', arity: 2, flags: ['loading', 'stale'], ...CLUSTER, since: '5.0.0', summary: 'Returns helpful text about the different subcommands.', complexity: 'O(1)' },
      { name: 'info', arity: 2, flags: ['stale'], ...CLUSTER, tips: NONDETERMINISTIC, since: '3.0.0', summary: "Reports this node's view of the cluster state.", complexity: 'O(1)' },
      { name: 'keyslot', arity: 3, flags: ['stale'], ...CLUSTER, since: '3.0.0', summary: 'Computes the hash slot of a key name.', complexity: 'O(N) where N is the number of bytes in the key', args: [{ name: 'key', type: 'string' }] },
      { name: 'links', arity: 2, flags: ['stale'], ...CLUSTER, tips: NONDETERMINISTIC, since: '7.0.0', summary: 'Lists the cluster bus connections to and from peers.', complexity: NODES_COMPLEXITY },
      {
        name: 'meet',
        arity: -4,
        flags: ADMIN,
        ...CLUSTER,
        since: '3.0.0',
        summary: 'Makes this node handshake with another one.',
        complexity: 'O(1)',
        history: [['4.0.0', 'The cluster bus port may be given.']],
        args: [
          { name: 'ip', type: 'string' },
          { name: 'port', type: 'integer' },
          { name: 'cluster_bus_port', type: 'integer', since: '4.0.0', flags: ['optional'] },
        ],
      },
      { name: 'myid', arity: 2, flags: ['stale'], ...CLUSTER, since: '3.0.0', summary: "Returns this node's ID.", complexity: 'O(1)' },
      { name: 'nodes', arity: 2, flags: ['stale'], ...CLUSTER, tips: NONDETERMINISTIC, since: '3.0.0', summary: "Returns this node's cluster configuration.", complexity: NODES_COMPLEXITY },
      { name: 'replicas', arity: 3, flags: ['admin', 'stale'], ...CLUSTER, tips: NONDETERMINISTIC, since: '5.0.0', summary: 'Lists the replicas of a master.', complexity: 'O(1)', args: NODE_ID },
      { name: 'replicate', arity: 3, flags: ADMIN, ...CLUSTER, since: '3.0.0', summary: 'Turns this node into a replica of a master.', complexity: 'O(1)', args: NODE_ID },
      {
        name: 'reset',
        arity: -2,
        flags: ['admin', 'noscript', 'stale'],
        ...CLUSTER,
        since: '3.0.0',
        summary: 'Resets this cluster node.',
        complexity: 'O(N) where N is the number of known nodes. The command may execute a FLUSHALL as a side effect.',
        args: [
          {
            name: 'hard_soft',
            type: 'oneof',
            flags: ['optional'],
            arguments: [
              { name: 'hard', type: 'pure-token', token: 'HARD' },
              { name: 'soft', type: 'pure-token', token: 'SOFT' },
            ],
          },
        ],
      },
      { name: 'saveconfig', arity: 2, flags: ADMIN, ...CLUSTER, since: '3.0.0', summary: "Writes this node's cluster configuration to disk.", complexity: 'O(1)' },
      { name: 'set-config-epoch', arity: 3, flags: ADMIN, ...CLUSTER, since: '3.0.0', summary: 'Sets the configuration epoch of a new node.', complexity: 'O(1)', args: [{ name: 'config-epoch', type: 'integer' }] },
      {
        name: 'setslot',
        arity: -4,
        flags: ADMIN,
        ...CLUSTER,
        since: '3.0.0',
        summary: 'Changes the state of a hash slot on this node.',
        complexity: 'O(1)',
        args: [
          { name: 'slot', type: 'integer' },
          {
            name: 'subcommand',
            type: 'oneof',
            arguments: [
              { name: 'node-id', type: 'string', token: 'IMPORTING' },
              { name: 'node-id', type: 'string', token: 'MIGRATING' },
              { name: 'node-id', type: 'string', token: 'NODE' },
              { name: 'stable', type: 'pure-token', token: 'STABLE' },
            ],
          },
        ],
      },
      { name: 'shards', arity: 2, flags: ['stale'], ...CLUSTER, tips: NONDETERMINISTIC, since: '7.0.0', summary: 'Maps the hash slots to the shards serving them.', complexity: 'O(N) where N is the total number of cluster nodes' },
      {
        name: 'slaves',
        arity: 3,
        flags: ['admin', 'stale'],
        ...CLUSTER,
        tips: NONDETERMINISTIC,
        since: '3.0.0',
        summary: 'Lists the replicas of a master.',
        complexity: 'O(1)',
        docFlags: ['deprecated'],
        deprecatedSince: '5.0.0',
        replacedBy: '`CLUSTER REPLICAS`',
        args: NODE_ID,
      },
      {
        name: 'slots',
        arity: 2,
        flags: ['stale'],
        ...CLUSTER,
        tips: NONDETERMINISTIC,
        since: '3.0.0',
        summary: 'Maps the hash slots to the nodes serving them.',
        complexity: NODES_COMPLEXITY,
        docFlags: ['deprecated'],
        deprecatedSince: '7.0.0',
        replacedBy: '`CLUSTER SHARDS`',
        history: [
          ['4.0.0', 'Each node comes with its ID.'],
          ['7.0.0', 'Each node comes with its hostname and other networking details.'],
        ],
      },
    ],
  },
  {
    // READONLY
    name: 'readonly',
    arity: 1,
    flags: ['loading', 'stale', 'fast'],
    acl: ['connection'],
    group: 'cluster',
    since: '3.0.0',
    summary: 'Lets the connection read from a cluster replica.',
    complexity: 'O(1)',
    run: standalone,
  },
  {
    // READWRITE
    name: 'readwrite',
    arity: 1,
    flags: ['loading', 'stale', 'fast'],
    acl: ['connection'],
    group: 'cluster',
    since: '3.0.0',
    summary: 'Stops the connection from reading from a cluster replica.',
    complexity: 'O(1)',
    run: standalone,
  },
  {
    // ASKING
    name: 'asking',
    arity: 1,
    flags: ['fast'],
    acl: ['connection'],
    group: 'cluster',
    since: '3.0.0',
    summary: 'Tells a cluster node that the next command follows an -ASK redirection.',
    complexity: 'O(1)',
    run: standalone,
  },
];
