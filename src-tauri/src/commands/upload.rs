//! The one way a file's bytes reach the backend: [`upload_file`] takes them as the raw
//! IPC body and holds them under an [`UploadId`]; the command that reads the file (an
//! import, a new translation, reading a document) takes that id and the bytes with it.
//!
//! A raw body, because a file sent as a command argument travels as a JSON array of
//! numbers, several times its size and slow to parse: a memory may be hundreds of MB.
//! The raw body leaves no room for other arguments, hence the two steps. An upload is
//! taken once, so two commands can never read, or race for, the same bytes.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use serde::{Deserialize, Serialize};
use tauri::ipc::{CommandArg, CommandItem, InvokeBody, InvokeError};
use tauri::{Manager, State};

use dragoman_core::limits::Limit;

use crate::error::AppError;
use crate::workspace::Workspace;

/// The largest file the app takes by default, in bytes: the file-size limit every
/// reader keeps ([`Limit::FileBytes`]), far above any memory or glossary met in practice
/// and low enough that the bytes held (and the web view's copy) fit in memory twice over
/// on a small machine. Checked here, before the bytes are copied, against the limit as
/// the translator set it ([`Workspace::limits`]).
pub const UPLOAD_LIMIT: usize = Limit::FileBytes.default_value() as usize;

/// A held upload: given by [`upload_file`], passed to the command that reads the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(transparent)]
pub struct UploadId(pub u32);

/// The files sent and not yet read, managed by Tauri and handed to commands as
/// `State<Uploads>`.
#[derive(Debug, Default)]
pub struct Uploads {
    next: AtomicU32,
    held: Arc<Mutex<HashMap<UploadId, Vec<u8>>>>,
}

impl Uploads {
    /// Keep `bytes` until a command takes them.
    pub fn hold(&self, bytes: Vec<u8>) -> UploadId {
        let id = UploadId(self.next.fetch_add(1, Ordering::Relaxed) + 1);
        self.held().insert(id, bytes);
        id
    }

    /// The bytes of upload `id`, which no other command can take after this.
    pub fn take(&self, id: UploadId) -> Result<Vec<u8>, AppError> {
        self.held()
            .remove(&id)
            .ok_or(AppError::NoSuchUpload { id: id.0 })
    }

    fn held(&self) -> MutexGuard<'_, HashMap<UploadId, Vec<u8>>> {
        // The map holds plain bytes: a thread that panicked holding the lock left it whole.
        self.held.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A file's bytes sent as the raw IPC body, refused past the file-size limit before
/// they are copied.
#[derive(Debug, Clone, Default)]
pub struct FileBody(pub Vec<u8>);

impl FileBody {
    fn within_limit(size: usize, limit: usize) -> Result<(), InvokeError> {
        if size <= limit {
            return Ok(());
        }
        let megabytes = |bytes: usize| u32::try_from(bytes.div_ceil(1 << 20)).unwrap_or(u32::MAX);
        Err(InvokeError::from(AppError::FileTooLarge {
            megabytes: megabytes(size),
            limit: megabytes(limit),
        }))
    }
}

impl<'a, R: tauri::Runtime> CommandArg<'a, R> for FileBody {
    fn from_command(command: CommandItem<'a, R>) -> Result<Self, InvokeError> {
        let limit = command
            .message
            .webview()
            .try_state::<Workspace>()
            .map_or(UPLOAD_LIMIT, |w| {
                usize::try_from(w.limits().get(Limit::FileBytes)).unwrap_or(usize::MAX)
            });
        match command.message.payload() {
            InvokeBody::Raw(bytes) => {
                Self::within_limit(bytes.len(), limit)?;
                Ok(Self(bytes.clone()))
            }
            // Where the IPC falls back to `postMessage`, Tauri sends the bytes as a JSON array.
            InvokeBody::Json(value) => {
                let numbers = value.as_array().ok_or_else(|| {
                    InvokeError::from("upload_file takes the file's bytes as the request body")
                })?;
                Self::within_limit(numbers.len(), limit)?;
                numbers
                    .iter()
                    .map(|n| n.as_u64().and_then(|n| u8::try_from(n).ok()))
                    .collect::<Option<Vec<u8>>>()
                    .map(Self)
                    .ok_or_else(|| InvokeError::from("upload_file takes bytes, 0 to 255"))
            }
        }
    }
}

// The body is not a named argument, so the typed bindings leave it out; `ui/src/lib/api`
// sends it with `invoke` itself.
impl specta::function::FunctionArg for FileBody {
    fn to_datatype(_: &mut specta::Types) -> Option<specta::datatype::DataType> {
        None
    }
}

/// Hold a file's bytes (the raw request body) for the command that reads it; returns
/// the id to pass that command. Called by `upload` in `ui/src/lib/api`, never from the
/// bindings; a file over the file-size limit is refused as `fileTooLarge`.
#[tauri::command]
#[specta::specta]
pub fn upload_file(uploads: State<'_, Uploads>, file: FileBody) -> UploadId {
    uploads.hold(file.0)
}
