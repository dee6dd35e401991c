//! Syncing the team memory in the background (issue 17): one thread per app syncs the
//! memory with its team a few seconds after an approval or a confirmation (debounced,
//! so a run of confirmations is one sync), every minute while linked, and when the
//! translator clicks the sync indicator.
//!
//! Lookups never wait for it: a sync opens its own connection, talks to the server
//! outside any SQLite transaction, and holds the write lock only for its local
//! transactions. Syncs never overlap (joining's first pull included): a failed one
//! (offline) leaves the changes queued, and the next minute tries again.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use dragoman_core::Timestamp;
use dragoman_core::store;
use dragoman_core::team::postgres::PgServer;
use dragoman_core::team::{self, ServerAddress, Step, SyncReport, TeamError, conflicts};

use crate::commands::work::{Cancel, Progress};
use crate::error::AppError;

/// How long after an approval or confirmation the sync starts: a translator confirming
/// segment after segment gets one sync for the run, not one per segment.
const QUIET: Duration = Duration::from_secs(3);
/// How often a linked memory syncs on its own.
const EVERY: Duration = Duration::from_secs(60);

/// How the last sync ended.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// It ran to its end.
    Synced(SyncReport),
    /// It failed; the changes stay queued.
    Failed(AppError),
}

/// The background sync of one database, shared by every command through the
/// [`crate::Workspace`].
#[derive(Debug, Clone, Default)]
pub struct TeamSync {
    shared: Arc<Shared>,
}

#[derive(Debug, Default)]
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
    /// Held by whatever syncs: the thread, a join's first pull, a leave.
    one_at_a_time: Mutex<()>,
}

#[derive(Debug, Default)]
struct State {
    /// The database the thread syncs, once started.
    database: Option<PathBuf>,
    /// Syncs asked for so far; the thread takes all those waiting at once.
    asked: u64,
    /// The number of the last ask a finished sync answered.
    answered: u64,
    /// When the next sync is due, if one was asked for.
    due: Option<Instant>,
    running: bool,
    last: Option<Outcome>,
}

/// What the sync indicator shows.
#[derive(Debug, Clone)]
pub struct SyncState {
    /// A sync is running.
    pub running: bool,
    /// How the last one ended, since the app started.
    pub last: Option<Outcome>,
}

impl TeamSync {
    fn state(&self) -> MutexGuard<'_, State> {
        // Plain values: a thread that panicked holding the lock left them whole.
        self.shared.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn one_at_a_time(&self) -> MutexGuard<'_, ()> {
        self.shared
            .one_at_a_time
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    /// Start the thread syncing `database` (once; later calls change nothing).
    pub fn start(&self, database: &Path) {
        let mut state = self.state();
        if state.database.is_some() {
            return;
        }
        state.database = Some(database.to_path_buf());
        let this = self.clone();
        let database = database.to_path_buf();
        std::thread::spawn(move || this.run(&database));
    }

    /// Sync a few seconds from now, unless asked again meanwhile (after an approval
    /// or a confirmation). Nothing happens before [`Self::start`].
    pub fn soon(&self) {
        let mut state = self.state();
        state.asked += 1;
        state.due = Some(Instant::now() + QUIET);
        self.shared.changed.notify_all();
    }

    /// Sync now and wait for that sync to end.
    pub fn now(&self, database: &Path) -> SyncState {
        self.start(database);
        let mut state = self.state();
        state.asked += 1;
        let ask = state.asked;
        state.due = Some(Instant::now());
        self.shared.changed.notify_all();
        while state.answered < ask {
            state = self
                .shared
                .changed
                .wait(state)
                .unwrap_or_else(|e| e.into_inner());
        }
        drop(state);
        self.current()
    }

    /// Where the sync stands.
    pub fn current(&self) -> SyncState {
        let state = self.state();
        SyncState {
            running: state.running,
            last: state.last.clone(),
        }
    }

    fn run(&self, database: &Path) {
        let mut next_minute = Instant::now() + EVERY;
        loop {
            let mut state = self.state();
            let ask = loop {
                let due = state.due.map_or(next_minute, |d| d.min(next_minute));
                let now = Instant::now();
                if now >= due {
                    break state.asked;
                }
                state = self
                    .shared
                    .changed
                    .wait_timeout(state, due - now)
                    .unwrap_or_else(|e| e.into_inner())
                    .0;
            };
            state.due = None;
            state.running = true;
            drop(state);
            next_minute = Instant::now() + EVERY;
            let outcome = {
                let _one = self.one_at_a_time();
                sync_linked(database, &mut |_| Ok(()))
            };
            let mut state = self.state();
            state.running = false;
            state.answered = ask;
            if let Some(outcome) = outcome {
                state.last = Some(outcome);
            }
            self.shared.changed.notify_all();
        }
    }

    /// Link `database` to `team` at `server` and run the first sync (pushing what the
    /// memory holds, pulling the team's), reporting to `progress`. Cancelled, the
    /// memory leaves the team again, as it was.
    pub fn join(
        &self,
        database: &Path,
        server: &str,
        team: &str,
        progress: &dyn Fn(Progress),
        cancel: &Cancel,
    ) -> Result<SyncReport, AppError> {
        let address = ServerAddress::parse(server)?;
        let one = self.one_at_a_time();
        let mut conn = store::open(database)?;
        team::join(&mut conn, &address, team, Timestamp::now())?;
        let mut server = PgServer::connect(&address, team)?;
        let (link, pending) = team::status(&conn)?;
        let total = pending.changed + pending.deleted + server.waiting(link.last_seq)?;
        let mut pushed = 0;
        let mut on_step = |step| {
            let done = match step {
                Step::Pushed { done } => {
                    pushed = done;
                    done
                }
                Step::Pulled { done } => pushed + done,
            };
            progress(Progress {
                done: u32::try_from(done.min(total)).unwrap_or(u32::MAX),
                total: u32::try_from(total).unwrap_or(u32::MAX),
            });
            if cancel.requested() {
                return Err(TeamError::Cancelled);
            }
            Ok(())
        };
        let outcome = sync_with(&mut conn, &mut server, &mut on_step);
        if let Err(TeamError::Cancelled) = outcome {
            conflicts::leave(&mut conn)?;
        }
        let report = outcome?;
        self.state().last = Some(Outcome::Synced(report));
        drop(one);
        self.start(database);
        Ok(report)
    }

    /// Unlink `database` from its team; its units stay.
    pub fn leave(&self, database: &Path) -> Result<(), AppError> {
        let _one = self.one_at_a_time();
        conflicts::leave(&mut store::open_existing(database)?)?;
        self.state().last = None;
        Ok(())
    }
}

/// Sync `database` if it has joined a team; `None` when it has not.
fn sync_linked(
    database: &Path,
    on_step: &mut dyn FnMut(Step) -> Result<(), TeamError>,
) -> Option<Outcome> {
    let synced = (|| -> Result<Option<SyncReport>, AppError> {
        if !database.is_file() {
            return Ok(None);
        }
        let mut conn = store::open_existing(database)?;
        let Some(link) = store::team::link(&conn)? else {
            return Ok(None);
        };
        let mut server = PgServer::connect(&ServerAddress::parse(&link.server)?, &link.team)?;
        Ok(Some(sync_with(&mut conn, &mut server, on_step)?))
    })();
    match synced {
        Ok(report) => report.map(Outcome::Synced),
        Err(e) => Some(Outcome::Failed(e)),
    }
}

/// One sync, then the versions conflicts replaced copied for the Memory view.
fn sync_with(
    conn: &mut store::Connection,
    server: &mut PgServer,
    on_step: &mut dyn FnMut(Step) -> Result<(), TeamError>,
) -> Result<SyncReport, TeamError> {
    let report = team::sync(conn, server, on_step);
    // A reader's sync pulled all the same and ends in ReadOnly: its conflicts count too.
    if matches!(report, Ok(_) | Err(TeamError::ReadOnly { .. })) {
        conflicts::copy(conn, server)?;
    }
    report
}
