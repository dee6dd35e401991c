// The team commands for browser tests, installed after `installBackend`: a memory that
// joins and leaves a team on a fake server, whose answers the tests steer through
// `window.__team` (offline, a slow join or sync held until released or cancelled).
// Connection checks answer as the real server does for a few connection strings: one
// naming `nowhere` is unreachable, team `other` has no such member, `old.example` runs an
// older schema. Calls land in `window.__calls` too.

export interface FakeTeam {
  /** Linked from the start, with this many changes waiting. */
  linked: boolean;
  pending?: number;
}

export function installTeamBackend(initial: FakeTeam) {
  type Args = Record<string, unknown>;
  const w = window as unknown as Record<string, unknown>;
  const internals = w.__TAURI_INTERNALS__ as {
    invoke: (cmd: string, args: unknown) => Promise<unknown>;
    transformCallback: (callback: (message: unknown) => void) => number;
  };
  const callbacks = new Map<number, (message: unknown) => void>();
  const transform = internals.transformCallback;
  internals.transformCallback = (callback) => {
    const id = transform(callback);
    callbacks.set(id, callback);
    return id;
  };
  const steer = { offline: false, slowJoin: false, slowSync: false, release: () => {} };
  w.__team = steer;
  const unreachable = (server: string) => ({ kind: 'teamUnreachable', server, detail: 'Connection refused (os error 111)' });
  let link: { server: string; team: string; user: string; lastSync: string | null } | null = initial.linked
    ? { server: 'postgres://anna@db.example/translation', team: 'desk', user: 'anna', lastSync: '20261207T101500Z' }
    : null;
  let pending = initial.pending ?? 0;
  let phase = link ? 'idle' : 'alone';
  let error: unknown = null;
  const status = () => ({ link, pending, phase, error, conflicts: 0 });
  const joins = new Map<number, () => void>();
  const userOf = (server: string) => /user=(\w+)/.exec(server)?.[1] ?? /\/\/(\w+)@/.exec(server)?.[1] ?? 'root';

  const handlers: Record<string, (a: Args) => unknown> = {
    team_status: () => status(),
    check_team_connection: (a) => {
      const server = a.server as string;
      if (server.includes('nowhere')) throw unreachable(server);
      if (server.includes('old.example')) throw { kind: 'teamSchemaVersion', found: 0, supported: 1 };
      if (a.team === 'other') throw { kind: 'teamNotMember', team: a.team, user: userOf(server) };
      return { user: userOf(server), canWrite: !server.includes('reader'), schema: 1 };
    },
    join_team: async (a) => {
      const channel = Number(String(a.progress).replace('__CHANNEL__:', ''));
      const send = (index: number, done: number) => callbacks.get(channel)?.({ index, message: { done, total: 40 } });
      send(0, 10);
      if (steer.slowJoin) {
        await new Promise<void>((resolve) => joins.set(a.work as number, resolve));
        throw { kind: 'cancelled' };
      }
      send(1, 40);
      const server = a.server as string;
      link = { server, team: a.team as string, user: userOf(server), lastSync: '20261207T120000Z' };
      phase = 'idle';
      return status();
    },
    leave_team: () => {
      link = null;
      phase = 'alone';
      pending = 0;
      return status();
    },
    sync_team: async () => {
      if (steer.slowSync) {
        phase = 'syncing';
        await new Promise<void>((resolve) => (steer.release = resolve));
      }
      if (steer.offline) {
        phase = 'offline';
        error = unreachable(link?.server ?? '');
        return status();
      }
      phase = 'idle';
      error = null;
      pending = 0;
      if (link) link = { ...link, lastSync: '20261207T131500Z' };
      return status();
    },
  };
  const invoke = internals.invoke;
  internals.invoke = async (cmd, args) => {
    if (cmd === 'cancel_work' && joins.has((args as Args).work as number)) {
      joins.get((args as Args).work as number)!();
    }
    const handler = handlers[cmd];
    if (!handler) return invoke(cmd, args);
    const plain = JSON.parse(JSON.stringify(args ?? {})) as Args;
    (w.__calls as { cmd: string; args: unknown }[]).push({ cmd, args: plain });
    return handler(plain);
  };
}
