//! Who is working: the name recorded as a unit's or a concept's author.
//!
//! Both shells take it from here, so a unit approved in the app and one imported by a
//! script carry the same name. The desktop app and a script both run as the user, whose
//! login name is `USER` on Linux and macOS and `USERNAME` on Windows.

/// The user's login name, from the environment; `None` when neither variable is set or
/// both are blank.
pub fn from_environment() -> Option<String> {
    ["USER", "USERNAME"]
        .into_iter()
        .filter_map(|key| std::env::var(key).ok())
        .map(|name| name.trim().to_string())
        .find(|name| !name.is_empty())
}
