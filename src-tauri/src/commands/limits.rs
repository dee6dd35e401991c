//! The limits on what the app reads (`docs/limits.md`), which the translator can raise
//! for a file the defaults refuse: kept in the database, used by every command after.

use serde::Serialize;
use tauri::State;

use dragoman_core::limits::{Limit, Limits};

use crate::error::{AppError, off_the_ui_thread};
use crate::workspace::Workspace;

/// One limit as the settings show it.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct LimitView {
    /// Its key, as `--max` names it: `segment-bytes`.
    pub key: String,
    /// Its value now.
    pub value: f64,
    /// Its default.
    pub default_value: f64,
}

fn views(limits: &Limits) -> Vec<LimitView> {
    // Values are far below 2^53, so a JavaScript number holds them exactly.
    Limit::ALL
        .into_iter()
        .map(|l| LimitView {
            key: l.key().to_string(),
            value: limits.get(l) as f64,
            default_value: l.default_value() as f64,
        })
        .collect()
}

/// Every limit with its value and default, in `docs/limits.md`'s order.
#[tauri::command]
#[specta::specta]
pub async fn limits(workspace: State<'_, Workspace>) -> Result<Vec<LimitView>, AppError> {
    let workspace = workspace.inner().clone();
    off_the_ui_thread(move || Ok(views(&workspace.limits()))).await
}

/// Set limit `key` to `value` (a whole number ≥ 1), or back to its default with `null`;
/// returns every limit as it now is.
#[tauri::command]
#[specta::specta]
pub async fn set_limit(
    workspace: State<'_, Workspace>,
    key: String,
    value: Option<f64>,
) -> Result<Vec<LimitView>, AppError> {
    let limit = Limit::from_key(&key).ok_or_else(|| AppError::BadLimit { key: key.clone() })?;
    let value = match value {
        Some(v) if v.fract() == 0.0 && (1.0..=9.0e15).contains(&v) => Some(v as u64),
        Some(_) => return Err(AppError::BadLimit { key }),
        None => None,
    };
    let workspace = workspace.inner().clone();
    off_the_ui_thread(move || Ok(views(&workspace.set_limit(limit, value)?))).await
}
