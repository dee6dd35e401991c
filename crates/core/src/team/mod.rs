//! Team memory: a translation service's memories shared through a PostgreSQL server,
//! local-first (issue 17, decision 0018).
//!
//! Every translator keeps the local SQLite memory: lookups never wait for the network
//! and work goes on offline. The server is the team's shared, durable copy. A change to
//! a unit is queued in the local outbox in the same transaction as the change (triggers
//! of [`crate::store::team`]); [`sync()`] pushes the queue, then pulls every change after
//! the last one seen, through the store's unit writer.
//!
//! - [`shared`]: a unit as the server holds it, its content hash, merging.
//! - [`server`]: the [`TeamServer`] trait a sync talks to.
//! - [`postgres`]: the PostgreSQL schema, its migrations, teams, members, and
//!   [`postgres::PgServer`].
//! - [`connection`]: connection strings, passwords from the environment, TLS.
//! - [`mod@sync`]: push and pull.
//! - [`conflicts`]: the versions conflicts replaced, copied for the Memory view; leaving.

pub mod conflicts;
pub mod connection;
pub mod postgres;
pub mod server;
pub mod shared;
pub mod sync;

use thiserror::Error;

use crate::store::StoreError;
pub use connection::ServerAddress;
pub use server::TeamServer;
pub use sync::{Step, SyncReport, join, status, sync};

/// What a member may do in a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Pull only (a reviewer, a reader).
    Read,
    /// Pull and push.
    Write,
}

impl Access {
    /// `read` or `write`, as the server stores it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::Write => "write",
        }
    }
}

/// Why a team operation failed.
#[derive(Debug, Error)]
pub enum TeamError {
    /// The connection string could not be read.
    #[error("the server's connection string: {reason}")]
    BadServer {
        /// What is wrong with it.
        reason: String,
    },
    /// A connection string with a password, where it would be stored.
    #[error(
        "the connection string holds a password, which Dragoman never stores: leave it \
         out and set PGPASSWORD or put it in ~/.pgpass"
    )]
    PasswordInUrl,
    /// The server could not be reached or refused the login.
    #[error("cannot connect to {server}: {reason}")]
    Connect {
        /// The connection string.
        server: String,
        /// What the client or server said.
        reason: String,
    },
    /// TLS could not be set up.
    #[error("TLS: {0}")]
    Tls(String),
    /// The server has no team schema.
    #[error("the server has no Dragoman team schema: an admin runs `dragoman team init` first")]
    NoSchema,
    /// The server's schema is newer than this build.
    #[error(
        "the server's team schema is version {found}, this Dragoman supports up to \
         {supported}; update Dragoman"
    )]
    ServerTooNew {
        /// On the server.
        found: i32,
        /// [`postgres::SERVER_SCHEMA_VERSION`].
        supported: i32,
    },
    /// The server's schema is older than this build.
    #[error(
        "the server's team schema is version {found}, this Dragoman needs {supported}: \
         an admin runs `dragoman team init` to migrate it"
    )]
    ServerTooOld {
        /// On the server.
        found: i32,
        /// [`postgres::SERVER_SCHEMA_VERSION`].
        supported: i32,
    },
    /// No such team, or the user is not a member of it (the server does not say which).
    #[error("no team {team:?} that {user} is a member of (an admin runs `dragoman team grant`)")]
    NoTeam {
        /// The team.
        team: String,
        /// The role connected as.
        user: String,
    },
    /// A member with read access has changes to push: they stay here, unsent (the
    /// team's changes were pulled all the same).
    #[error(
        "{user} has read access to team {team:?}: {unsent} local changes were not sent \
         (pushing needs write access: an admin runs `dragoman team grant --access write`)"
    )]
    ReadOnly {
        /// The team.
        team: String,
        /// The role connected as.
        user: String,
        /// Changes waiting here.
        unsent: u64,
    },
    /// The database has not joined a team.
    #[error("this memory has not joined a team: run `dragoman team join` first")]
    NotJoined,
    /// The database has joined another team.
    #[error("this memory has joined team {team:?} on {server} already")]
    OtherTeam {
        /// The team it has joined.
        team: String,
        /// Its server.
        server: String,
    },
    /// The caller stopped the sync; what was done before is kept on both sides.
    #[error("sync cancelled")]
    Cancelled,
    /// A query failed on the server.
    #[error("server: {0}")]
    Server(String),
    /// The server holds a unit Dragoman cannot read.
    #[error("the server holds a damaged unit: {0}")]
    Damaged(String),
    /// The local memory failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<::postgres::Error> for TeamError {
    fn from(e: ::postgres::Error) -> Self {
        Self::Server(server_reason(&e))
    }
}

/// What the server said: its message with detail and hint, or the client's error.
fn server_reason(e: &::postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => {
            let mut reason = db.message().to_string();
            for extra in [db.detail(), db.hint()].into_iter().flatten() {
                reason.push_str(" (");
                reason.push_str(extra);
                reason.push(')');
            }
            reason
        }
        None => {
            let mut reason = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                reason.push_str(": ");
                reason.push_str(&s.to_string());
                source = s.source();
            }
            reason
        }
    }
}
