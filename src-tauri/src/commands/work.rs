//! Long work the user watches and may cancel: aligning a new project, approving beads,
//! importing a memory or a glossary, pre-translating.
//!
//! Each piece of work has its own cancel flag, so cancelling one never stops another
//! running beside it (a glossary import while an approval runs). The UI asks for an id
//! with [`start_work`] before it starts the command, passes the id to that command and to
//! [`cancel_work`]; the command claims the id as it starts ([`LongWork::claim`]) and the
//! id is forgotten once it ends. Asking for the id first, rather than having the command
//! hand one out, means a click on "Cancel" can never come before the UI knows what to
//! cancel.

use std::collections::HashMap;
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use serde::{Deserialize, Serialize};
use tauri::State;
use tauri::ipc::Channel;

use crate::error::AppError;

/// How far long work has got, for a progress bar.
#[derive(Debug, Clone, Copy, Serialize, specta::Type)]
pub struct Progress {
    /// Steps done.
    pub done: u32,
    /// Steps in all.
    pub total: u32,
}

/// Which piece of long work: given by [`start_work`], passed to the command that does
/// the work and to [`cancel_work`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(transparent)]
pub struct WorkId(pub u32);

/// The cancel flag of each piece of long work started and not yet finished, managed by
/// Tauri and handed to commands as `State<LongWork>`.
#[derive(Debug, Default)]
pub struct LongWork {
    next: AtomicU32,
    flags: Arc<Mutex<HashMap<WorkId, Flag>>>,
}

/// One piece of work's flag, and whether a command has claimed it yet.
#[derive(Debug, Default)]
struct Flag {
    cancelled: Arc<AtomicBool>,
    claimed: bool,
}

impl LongWork {
    /// A new id with its flag down.
    pub fn start(&self) -> WorkId {
        // Ids are never reused while the app runs, so a late cancel of finished work
        // cannot reach work started after it.
        let id = WorkId(self.next.fetch_add(1, Ordering::Relaxed) + 1);
        self.flags().insert(id, Flag::default());
        id
    }

    /// Ask work `id` to stop. Work that has finished (or was never started) is left be:
    /// the user may click "Cancel" as the work ends.
    pub fn cancel(&self, id: WorkId) {
        if let Some(flag) = self.flags().get(&id) {
            flag.cancelled.store(true, Ordering::SeqCst);
        }
    }

    /// The flag of work `id` for the command doing it; the id is forgotten when the
    /// returned [`Cancel`] is dropped. An id is claimed once: two commands sharing it
    /// would share their cancel button, which is what the ids are there to prevent.
    pub fn claim(&self, id: WorkId) -> Result<Cancel, AppError> {
        let mut flags = self.flags();
        match flags.get_mut(&id) {
            Some(flag) if !flag.claimed => {
                flag.claimed = true;
                Ok(Cancel {
                    id,
                    cancelled: Arc::clone(&flag.cancelled),
                    flags: Arc::clone(&self.flags),
                })
            }
            Some(_) | None => Err(AppError::NoSuchWork { id: id.0 }),
        }
    }

    fn flags(&self) -> MutexGuard<'_, HashMap<WorkId, Flag>> {
        // The map holds plain flags: a thread that panicked holding the lock left it whole.
        self.flags.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The "Cancel" button of one piece of work, read by the work between steps.
#[derive(Debug)]
pub struct Cancel {
    id: WorkId,
    cancelled: Arc<AtomicBool>,
    flags: Arc<Mutex<HashMap<WorkId, Flag>>>,
}

impl Cancel {
    /// Whether stopping was asked for.
    pub(crate) fn requested(&self) -> bool {
        self.cancelled.load(Ordering::SeqCst)
    }
}

impl Drop for Cancel {
    fn drop(&mut self) {
        self.flags
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&self.id);
    }
}

/// A progress callback for the core: sends each report to the UI and breaks when the
/// user has asked to cancel this work.
pub(crate) fn reporter<'a>(
    progress: &'a Channel<Progress>,
    cancel: &'a Cancel,
) -> impl FnMut(usize, usize) -> ControlFlow<()> + 'a {
    move |done, total| {
        // A closed channel (the window went away) is no reason to stop the work.
        let _ = progress.send(Progress {
            done: done as u32,
            total: total as u32,
        });
        if cancel.requested() {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    }
}

/// An id for long work about to start, to pass to its command and to `cancel_work`.
#[tauri::command]
#[specta::specta]
pub fn start_work(long_work: State<'_, LongWork>) -> WorkId {
    long_work.start()
}

/// Ask `work` to stop; it leaves the database as it was. Other work goes on.
#[tauri::command]
#[specta::specta]
pub fn cancel_work(long_work: State<'_, LongWork>, work: WorkId) {
    long_work.cancel(work);
}
