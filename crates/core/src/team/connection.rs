//! Connecting to the team's server from a connection string, as libpq users expect:
//! `postgres://user@host:5432/db` or `host=/run/postgresql user=anna dbname=team`.
//!
//! The `postgres` crate reads no environment (no `PGPASSWORD`, no `~/.pgpass`, no
//! default user), so what libpq would take from there is added here: the password from
//! `PGPASSWORD`, else from the password file (`PGPASSFILE`, default `~/.pgpass`, lines
//! `host:port:database:user:password` with `*` for any and `\` escaping `:`), and the
//! user from `PGUSER`, else the login name. No password is ever written anywhere.
//!
//! TLS (rustls, the system's root certificates) is required unless every host is a Unix
//! socket or a loopback address: a translation service's memory does not cross a
//! network in clear.

use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;

use postgres::config::{Host, SslMode};
use postgres::{Client, Config, NoTls};

use super::TeamError;

/// A parsed connection string.
#[derive(Clone)]
pub struct ServerAddress {
    config: Config,
    given: String,
}

impl std::fmt::Debug for ServerAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The connection string as given, which a caller stores only without a password.
        f.write_str(&self.given)
    }
}

impl ServerAddress {
    /// Parse `url`, with the user from the environment when it names none.
    pub fn parse(url: &str) -> Result<Self, TeamError> {
        let mut config = Config::from_str(url).map_err(|e| TeamError::BadServer {
            reason: e.to_string(),
        })?;
        if config.get_user().is_none() {
            let user = std::env::var("PGUSER")
                .ok()
                .filter(|u| !u.is_empty())
                .or_else(crate::author::from_environment)
                .ok_or_else(|| TeamError::BadServer {
                    reason: "no user: name one in the connection string or set PGUSER".into(),
                })?;
            config.user(&user);
        }
        config.application_name("dragoman");
        Ok(Self {
            config,
            given: url.to_string(),
        })
    }

    /// The connection string as given.
    pub fn as_str(&self) -> &str {
        &self.given
    }

    /// The role this connects as.
    pub fn user(&self) -> &str {
        self.config.get_user().unwrap_or_default()
    }

    /// Whether the connection string itself holds a password (refused where it would
    /// be stored).
    pub fn has_password(&self) -> bool {
        self.config.get_password().is_some()
    }

    /// Whether every host is a Unix socket or a loopback address.
    pub fn is_local(&self) -> bool {
        let hosts = self.config.get_hosts();
        !hosts.is_empty()
            && hosts.iter().all(|h| match h {
                Host::Unix(_) => true,
                Host::Tcp(name) => {
                    name == "localhost"
                        || name
                            .parse::<std::net::IpAddr>()
                            .is_ok_and(|ip| ip.is_loopback())
                }
            })
    }

    /// Open a connection: the password from the environment or the password file when
    /// the string has none, TLS unless [`Self::is_local`].
    pub fn connect(&self) -> Result<Client, TeamError> {
        let mut config = self.config.clone();
        if config.get_password().is_none()
            && let Some(password) = self.password_from_environment()
        {
            config.password(password);
        }
        let failed = |e: postgres::Error| TeamError::Connect {
            server: self.given.clone(),
            reason: super::server_reason(&e),
        };
        if self.is_local() {
            return config.connect(NoTls).map_err(failed);
        }
        config.ssl_mode(SslMode::Require);
        config.connect(tls()?).map_err(failed)
    }

    fn password_from_environment(&self) -> Option<String> {
        if let Ok(p) = std::env::var("PGPASSWORD") {
            return Some(p);
        }
        let file = std::env::var_os("PGPASSFILE")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".pgpass")))?;
        let text = std::fs::read_to_string(file).ok()?;
        let host = match self.config.get_hosts().first() {
            Some(Host::Tcp(name)) => name.clone(),
            Some(Host::Unix(path)) => path.display().to_string(),
            None => "localhost".into(),
        };
        let port = self.config.get_ports().first().copied().unwrap_or(5432);
        let user = self.user();
        let db = self.config.get_dbname().unwrap_or(user);
        password_in(&text, &host, port, db, user)
    }
}

/// The password of the first line of a password file that matches, as libpq reads it:
/// fields `host:port:database:user:password`, `*` matching anything, `\:` and `\\`
/// standing for `:` and `\`; a Unix socket's folder matches `localhost` too.
fn password_in(text: &str, host: &str, port: u16, db: &str, user: &str) -> Option<String> {
    let port = port.to_string();
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(fields)
        .find(|f| {
            let host_ok =
                f[0] == "*" || f[0] == host || (f[0] == "localhost" && host.starts_with('/'));
            host_ok
                && (f[1] == "*" || f[1] == port)
                && (f[2] == "*" || f[2] == db)
                && (f[3] == "*" || f[3] == user)
        })
        .map(|mut f| f.swap_remove(4))
}

/// A password file line's five fields, unescaped; `None` for a line with fewer.
fn fields(line: &str) -> Option<Vec<String>> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => fields.last_mut()?.extend(chars.next()),
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => fields.last_mut()?.push(c),
        }
    }
    (fields.len() == 5).then_some(fields)
}

/// rustls with the ring provider and the system's root certificates.
fn tls() -> Result<tokio_postgres_rustls::MakeRustlsConnect, TeamError> {
    let mut roots = rustls::RootCertStore::empty();
    roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
    // Deprecated since rustls 0.23.48 only for lacking post-quantum key exchange; the
    // other provider, aws-lc-rs, would add a CMake and assembler build on every platform.
    #[expect(deprecated, reason = "ring, as chosen in decision 0018")]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| TeamError::Tls(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_file_line_matches_as_libpq_reads_it() {
        let file = "# comment\n\
                    db.example:5432:team:anna:s3cr\\:et\n\
                    *:*:*:boris:any\n\
                    localhost:5433:*:*:sock\n";
        let got = |host, port, db, user| password_in(file, host, port, db, user);
        assert_eq!(
            got("db.example", 5432, "team", "anna").as_deref(),
            Some("s3cr:et")
        );
        assert_eq!(got("db.example", 5433, "team", "anna"), None);
        assert_eq!(got("other", 1, "x", "boris").as_deref(), Some("any"));
        assert_eq!(
            got("/run/postgresql", 5433, "t", "cora").as_deref(),
            Some("sock")
        );
    }

    #[test]
    fn only_sockets_and_loopback_go_without_tls() {
        let local = |url| ServerAddress::parse(url).unwrap().is_local();
        assert!(local("host=/run/postgresql user=anna"));
        assert!(local("postgres://anna@localhost/team"));
        assert!(local("postgres://anna@127.0.0.1:5433/team"));
        assert!(local("postgres://anna@[::1]/team"));
        assert!(!local("postgres://anna@db.example/team"));
        assert!(!local("postgres://anna@10.0.0.5/team"));
        assert!(!local("host=/run/postgresql,db.example user=anna"));
    }

    #[test]
    fn a_password_in_the_string_is_seen() {
        assert!(
            ServerAddress::parse("postgres://anna:pw@db/team")
                .unwrap()
                .has_password()
        );
        assert!(
            !ServerAddress::parse("postgres://anna@db/team")
                .unwrap()
                .has_password()
        );
    }
}
