//! The Team panel and the sync indicator: testing a connection to a team's server,
//! joining (the first sync as long work) and leaving, syncing now, and where the sync
//! stands. The syncing itself is [`crate::team::TeamSync`]'s.

use dragoman_core::store;
use dragoman_core::team::postgres::PgServer;
use dragoman_core::team::postgres::SERVER_SCHEMA_VERSION;
use dragoman_core::team::{Access, ServerAddress, TeamError};
use serde::Serialize;
use tauri::State;
use tauri::ipc::Channel;

use super::work::{LongWork, Progress, WorkId};
use crate::error::{AppError, off_the_ui_thread};
use crate::team::{Outcome, SyncState};
use crate::workspace::Workspace;

/// The team a memory has joined.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TeamLinkView {
    /// The server's connection string (never with a password).
    pub server: String,
    /// The team's name.
    pub team: String,
    /// The PostgreSQL role the memory syncs as.
    pub user: String,
    /// When the last sync ended, as a TMX date.
    pub last_sync: Option<String>,
}

/// What the sync indicator shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub enum SyncPhase {
    /// Not linked to a team.
    Alone,
    /// Linked; the last sync (if any since the app started) ended well.
    Idle,
    /// A sync is running.
    Syncing,
    /// The last sync could not reach the server; changes stay queued.
    Offline,
    /// The last sync failed otherwise (see `error`).
    Failed,
}

/// The memory's team and its sync, for the indicator and the panel.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct TeamStatus {
    /// The team, when the memory has joined one.
    pub link: Option<TeamLinkView>,
    /// Changes waiting for a push.
    pub pending: u32,
    /// Where the sync stands.
    pub phase: SyncPhase,
    /// Why the last sync failed (offline or failed).
    pub error: Option<AppError>,
    /// Units with a text a conflict replaced (the Memory view's "conflicts").
    pub conflicts: u32,
}

impl TeamStatus {
    fn read(workspace: &Workspace) -> Result<Self, AppError> {
        let database = workspace.database()?;
        if !database.is_file() {
            return Ok(Self::alone());
        }
        let conn = store::open_existing(database)?;
        let Some(link) = store::team::link(&conn)? else {
            return Ok(Self::alone());
        };
        let pending = store::team::pending(&conn)?;
        let conflicts = store::team_conflict::units(&conn)?.len();
        let SyncState { running, last } = workspace.team().current();
        let (phase, error) = match last {
            _ if running => (SyncPhase::Syncing, None),
            Some(Outcome::Failed(e @ AppError::TeamUnreachable { .. })) => {
                (SyncPhase::Offline, Some(e))
            }
            Some(Outcome::Failed(e)) => (SyncPhase::Failed, Some(e)),
            Some(Outcome::Synced(_)) | None => (SyncPhase::Idle, None),
        };
        Ok(Self {
            link: Some(TeamLinkView {
                server: link.server,
                team: link.team,
                user: link.user,
                last_sync: link.last_sync_at.map(|t| t.to_tmx()),
            }),
            pending: u32::try_from(pending.changed + pending.deleted).unwrap_or(u32::MAX),
            phase,
            error,
            conflicts: u32::try_from(conflicts).unwrap_or(u32::MAX),
        })
    }

    fn alone() -> Self {
        Self {
            link: None,
            pending: 0,
            phase: SyncPhase::Alone,
            error: None,
            conflicts: 0,
        }
    }
}

/// What a working connection to a team offers.
#[derive(Debug, Clone, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionCheck {
    /// The role connected as.
    pub user: String,
    /// Whether it may push (write access) or only pull.
    pub can_write: bool,
    /// The server schema's version (this build's: any other is an error).
    pub schema: i32,
}

/// The memory's team and where its sync stands (no network).
#[tauri::command]
#[specta::specta]
pub async fn team_status(workspace: State<'_, Workspace>) -> Result<TeamStatus, AppError> {
    let workspace = workspace.inner().clone();
    off_the_ui_thread(move || TeamStatus::read(&workspace)).await
}

/// Connect to `team` at `server` as a member: the schema's version, the membership and
/// the access are checked; nothing is changed.
#[tauri::command]
#[specta::specta]
pub async fn check_team_connection(
    server: String,
    team: String,
) -> Result<ConnectionCheck, AppError> {
    off_the_ui_thread(move || {
        let address = ServerAddress::parse(&server)?;
        if address.has_password() {
            return Err(TeamError::PasswordInUrl.into());
        }
        let connected = PgServer::connect(&address, &team)?;
        Ok(ConnectionCheck {
            user: address.user().to_string(),
            can_write: connected.access() == Access::Write,
            schema: SERVER_SCHEMA_VERSION,
        })
    })
    .await
}

/// Link the memory to `team` at `server` and run the first sync as long work: progress
/// on `progress`; cancelled, the memory leaves the team again.
#[tauri::command]
#[specta::specta]
pub async fn join_team(
    workspace: State<'_, Workspace>,
    long_work: State<'_, LongWork>,
    server: String,
    team: String,
    work: WorkId,
    progress: Channel<Progress>,
) -> Result<TeamStatus, AppError> {
    let cancel = long_work.claim(work)?;
    let workspace = workspace.inner().clone();
    off_the_ui_thread(move || {
        let send = |p| drop(progress.send(p));
        let database = workspace.database()?;
        workspace
            .team()
            .join(database, &server, &team, &send, &cancel)?;
        TeamStatus::read(&workspace)
    })
    .await
}

/// Unlink the memory from its team; its units stay, as the translator's own.
#[tauri::command]
#[specta::specta]
pub async fn leave_team(workspace: State<'_, Workspace>) -> Result<TeamStatus, AppError> {
    let workspace = workspace.inner().clone();
    off_the_ui_thread(move || {
        workspace.team().leave(workspace.database()?)?;
        TeamStatus::read(&workspace)
    })
    .await
}

/// Sync now (the indicator clicked) and say how it went.
#[tauri::command]
#[specta::specta]
pub async fn sync_team(workspace: State<'_, Workspace>) -> Result<TeamStatus, AppError> {
    let workspace = workspace.inner().clone();
    off_the_ui_thread(move || {
        workspace.team().now(workspace.database()?);
        TeamStatus::read(&workspace)
    })
    .await
}
