// The team memory as the header and the Team panel show it. The backend syncs on its
// own (after approvals and confirmations, every minute); the UI only reads where that
// stands, from the local database and the sync's state, never from the network, so
// reading it every few seconds costs nothing.
import { syncTeam, teamStatus, type TeamStatus } from '$lib/api';

/** How often the indicator reads the sync's state. */
const EVERY_MS = 5000;

export class TeamSync {
  status = $state<TeamStatus | null>(null);
  /** Why the status could not be read (the database, not the server). */
  failure = $state<string | null>(null);

  async refresh() {
    try {
      this.status = await teamStatus();
      this.failure = null;
    } catch (e) {
      this.failure = e instanceof Error ? e.message : String(e);
    }
  }

  /** Sync now (the indicator clicked); shows "syncing" until the answer comes. */
  async syncNow() {
    if (this.status) this.status = { ...this.status, phase: 'syncing' };
    try {
      this.status = await syncTeam();
    } catch (e) {
      this.failure = e instanceof Error ? e.message : String(e);
      await this.refresh();
    }
  }

  /** Read the state now and every few seconds; returns the stop, for an `$effect`. */
  watch(): () => void {
    void this.refresh();
    const timer = setInterval(() => void this.refresh(), EVERY_MS);
    return () => clearInterval(timer);
  }
}

/**
 * The connection string with `user` in it, when the panel's user field names one and
 * the string does not: `postgres://host/db` becomes `postgres://user@host/db`, a
 * `key=value` string gets `user=…`. A string naming a user keeps it.
 */
export function withUser(server: string, user: string): string {
  const s = server.trim();
  const name = user.trim();
  if (name === '') return s;
  const url = /^(postgres(?:ql)?:\/\/)(.*)$/.exec(s);
  if (url) {
    const [, scheme, rest] = url as unknown as [string, string, string];
    const authority = rest.split(/[/?]/, 1)[0] ?? '';
    return authority.includes('@') ? s : `${scheme}${encodeURIComponent(name)}@${rest}`;
  }
  if (/(^|\s)user\s*=/.test(s)) return s;
  return `${s} user=${/[\s'\\]/.test(name) ? `'${name.replace(/['\\]/g, '\\$&')}'` : name}`.trim();
}
