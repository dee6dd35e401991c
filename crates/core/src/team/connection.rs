//! Connecting to the team's server from a connection string, as libpq users expect:
//! `postgres://user@host:5432/db` or `host=/run/postgresql user=anna dbname=team`.
//!
//! The `postgres` crate reads no environment (no `PGPASSWORD`, no `~/.pgpass`, no
//! default user), so what libpq would take from there is added here: the password from
//! `PGPASSWORD`, else from the password file (`PGPASSFILE`, default `~/.pgpass`, lines
//! `host:port:database:user:password` with `*` for any and `\` escaping `:`), and the
//! user from `PGUSER`, else the login name. No password is ever written anywhere.
//!
//! TLS (rustls) is required unless every host is a Unix socket or a loopback address: a
//! translation service's memory does not cross a network in clear. The certificate is
//! checked as libpq checks it for the `sslmode` given (`require`: not at all, unless
//! `sslrootcert` names a root; `verify-ca`: its chain; `verify-full`: its chain and
//! name), and fully, against the system's roots or `sslrootcert`, when the string names
//! no `sslmode`. Neither `sslrootcert` nor the `verify-` modes are known to the
//! `postgres` crate: they are read here.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

use postgres::config::{Host, SslMode};
use postgres::{Client, Config, NoTls};
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, SignatureScheme};

use super::TeamError;

/// A parsed connection string.
#[derive(Clone)]
pub struct ServerAddress {
    config: Config,
    given: String,
    /// `sslmode` as given (`None`: not given).
    ssl_mode: Option<TlsMode>,
    /// `sslrootcert`: the certificate (PEM) the server's must be signed by, instead of
    /// the system's roots.
    root_cert: Option<PathBuf>,
}

/// libpq's `sslmode` values, of which the `postgres` crate reads only the first three.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TlsMode {
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

/// How a connection is secured, from the host and `sslmode` ([`ServerAddress::tls`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TlsCheck {
    /// No TLS: a Unix socket or a loopback address, without an `sslmode` asking for it.
    Plain,
    /// Encrypted, the certificate not checked (`sslmode=require` without
    /// `sslrootcert`, as libpq reads it).
    Encrypted,
    /// The certificate's chain checked, not the host name it names (`verify-ca`, or
    /// `require` with `sslrootcert`).
    Chain,
    /// The chain and the host name checked (`verify-full`, and any other host when the
    /// string names no `sslmode`).
    Full,
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
        // `sslrootcert` and the verifying `sslmode`s are libpq's, unknown to the
        // `postgres` crate: taken out here, applied by [`Self::connect`].
        let (rest, tls_options) = split_tls_options(url);
        let mut ssl_mode = None;
        let mut root_cert = None;
        for (key, value) in tls_options {
            match key.as_str() {
                "sslrootcert" => root_cert = Some(PathBuf::from(value)),
                _ => {
                    ssl_mode = Some(match value.as_str() {
                        "disable" => TlsMode::Disable,
                        "prefer" | "allow" => TlsMode::Prefer,
                        "require" => TlsMode::Require,
                        "verify-ca" => TlsMode::VerifyCa,
                        "verify-full" => TlsMode::VerifyFull,
                        other => {
                            return Err(TeamError::BadServer {
                                reason: format!("sslmode {other:?} is not one libpq knows"),
                            });
                        }
                    });
                }
            }
        }
        let mut config = Config::from_str(&rest).map_err(|e| TeamError::BadServer {
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
            ssl_mode,
            root_cert,
        })
    }

    /// How a connection to this server is secured: TLS unless every host is a Unix
    /// socket or a loopback address (and the string asks for none), checked as libpq
    /// checks it for the `sslmode` given, and fully (chain and host name) when none is
    /// given. A server elsewhere without TLS is refused before anything is sent.
    pub fn tls(&self) -> Result<TlsCheck, TeamError> {
        let local = self.is_local();
        Ok(match self.ssl_mode {
            None | Some(TlsMode::Prefer) if local => TlsCheck::Plain,
            Some(TlsMode::Disable) if local => TlsCheck::Plain,
            Some(TlsMode::Disable) => {
                return Err(TeamError::Tls(format!(
                    "{} is not on this machine: Dragoman sends a team's memory there only \
                     over TLS (leave out sslmode=disable)",
                    self.hosts()
                )));
            }
            None | Some(TlsMode::Prefer | TlsMode::VerifyFull) => TlsCheck::Full,
            Some(TlsMode::Require) if self.root_cert.is_none() => TlsCheck::Encrypted,
            Some(TlsMode::Require | TlsMode::VerifyCa) => TlsCheck::Chain,
        })
    }

    /// The hosts, for messages.
    fn hosts(&self) -> String {
        let names: Vec<String> = self
            .config
            .get_hosts()
            .iter()
            .map(|h| match h {
                Host::Tcp(name) => name.clone(),
                Host::Unix(path) => path.display().to_string(),
            })
            .collect();
        names.join(", ")
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
        let check = self.tls()?;
        let failed = |e: postgres::Error| {
            let reason = super::server_reason(&e);
            if reason.contains("invalid peer certificate") {
                let roots = match &self.root_cert {
                    Some(file) => format!("the root in sslrootcert={}", file.display()),
                    None => "the system's root certificates".to_string(),
                };
                return TeamError::Tls(format!(
                    "the certificate of {} could not be verified against {roots}: {reason}",
                    self.hosts()
                ));
            }
            TeamError::Connect {
                server: self.given.clone(),
                reason,
            }
        };
        if check == TlsCheck::Plain {
            config.ssl_mode(SslMode::Disable);
            return config.connect(NoTls).map_err(failed);
        }
        config.ssl_mode(SslMode::Require);
        config
            .connect(tls(check, self.root_cert.as_deref())?)
            .map_err(failed)
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

/// The `sslmode` and `sslrootcert` options of a connection string, taken out; the rest
/// of the string as it was. Both forms: `key=value` pairs (values perhaps quoted) and a
/// URL's query.
fn split_tls_options(url: &str) -> (String, Vec<(String, String)>) {
    let is_tls = |key: &str| key == "sslmode" || key == "sslrootcert";
    let mut taken = Vec::new();
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let Some((base, query)) = url.split_once('?') else {
            return (url.to_string(), taken);
        };
        let mut kept = Vec::new();
        for pair in query.split('&') {
            match pair.split_once('=') {
                Some((key, value)) if is_tls(key) => {
                    taken.push((key.to_string(), percent_decoded(value)));
                }
                _ => kept.push(pair),
            }
        }
        let rest = if kept.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{}", kept.join("&"))
        };
        return (rest, taken);
    }
    let mut kept = Vec::new();
    for (key, value, raw) in key_values(url) {
        if is_tls(&key) {
            taken.push((key, value));
        } else {
            kept.push(raw);
        }
    }
    (kept.join(" "), taken)
}

/// The `key=value` pairs of a libpq connection string with each pair's text as
/// written: values in single quotes may hold spaces, `\` escapes the next character.
fn key_values(text: &str) -> Vec<(String, String, &str)> {
    let mut pairs = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while i < bytes.len() && bytes[i] != b'=' && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let key = text[start..i].to_string();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let quoted = i < bytes.len() && bytes[i] == b'\'';
            if quoted {
                i += 1;
            }
            let mut chars = text[i..].char_indices();
            let mut end = text.len() - i;
            while let Some((at, c)) = chars.next() {
                match c {
                    '\\' => value.extend(chars.next().map(|(_, c)| c)),
                    '\'' if quoted => {
                        end = at + 1;
                        break;
                    }
                    c if c.is_whitespace() && !quoted => {
                        end = at;
                        break;
                    }
                    c => value.push(c),
                }
            }
            i += end;
        }
        if !key.is_empty() {
            pairs.push((key, value, text[start..i].trim_end()));
        }
    }
    pairs
}

/// `%XX` escapes of a URL's query value decoded (a path with spaces).
fn percent_decoded(value: &str) -> String {
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// rustls with the ring provider, checking the server's certificate as `check` says
/// against `root` (a PEM file) or the system's root certificates.
fn tls(
    check: TlsCheck,
    root: Option<&Path>,
) -> Result<tokio_postgres_rustls::MakeRustlsConnect, TeamError> {
    // Deprecated since rustls 0.23.48 only for lacking post-quantum key exchange; the
    // other provider, aws-lc-rs, would add a CMake and assembler build on every platform.
    #[expect(deprecated, reason = "ring, as chosen in decision 0018")]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = rustls::RootCertStore::empty();
    match root {
        Some(file) => {
            let unreadable = |e: &dyn std::fmt::Display| {
                TeamError::Tls(format!("sslrootcert={}: {e}", file.display()))
            };
            for cert in CertificateDer::pem_file_iter(file).map_err(|e| unreadable(&e))? {
                roots
                    .add(cert.map_err(|e| unreadable(&e))?)
                    .map_err(|e| unreadable(&e))?;
            }
            if roots.is_empty() {
                return Err(unreadable(&"no certificate in it"));
            }
        }
        None => {
            roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
        }
    }
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| TeamError::Tls(e.to_string()))?;
    let config = match check {
        TlsCheck::Full | TlsCheck::Plain => builder.with_root_certificates(roots),
        TlsCheck::Chain => {
            let chain = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider)
                .build()
                .map_err(|e| TeamError::Tls(e.to_string()))?;
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(AnyName(chain)))
        }
        TlsCheck::Encrypted => builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(Unchecked(provider))),
    }
    .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

/// `verify-ca`: the chain is checked, the name in the certificate is not (a server
/// reached by an address its certificate does not name).
#[derive(Debug)]
struct AnyName(Arc<WebPkiServerVerifier>);

impl ServerCertVerifier for AnyName {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp, now)
        {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

/// `sslmode=require` without a root, as libpq reads it: encrypted, whoever the server
/// is (the handshake's signatures are still checked).
#[derive(Debug)]
struct Unchecked(Arc<rustls::crypto::CryptoProvider>);

impl ServerCertVerifier for Unchecked {
    fn verify_server_cert(
        &self,
        _: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
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
    fn tls_is_required_elsewhere_and_checked_as_libpq_reads_sslmode() {
        let check = |url| ServerAddress::parse(url).unwrap().tls();
        assert_eq!(
            check("host=/run/postgresql user=anna").unwrap(),
            TlsCheck::Plain
        );
        assert_eq!(
            check("postgres://anna@127.0.0.1/t").unwrap(),
            TlsCheck::Plain
        );
        assert_eq!(
            check("postgres://anna@db.example/t").unwrap(),
            TlsCheck::Full
        );
        assert_eq!(
            check("host=db.example user=anna sslmode=prefer").unwrap(),
            TlsCheck::Full,
            "elsewhere, TLS is not a preference"
        );
        assert_eq!(
            check("host=db.example user=anna sslmode=require").unwrap(),
            TlsCheck::Encrypted
        );
        assert_eq!(
            check("host=db.example user=anna sslmode=require sslrootcert=/etc/ca.pem").unwrap(),
            TlsCheck::Chain
        );
        assert_eq!(
            check("host=127.0.0.1 user=anna sslmode=require").unwrap(),
            TlsCheck::Encrypted,
            "asked for on loopback, TLS is used"
        );
        assert_eq!(
            check("postgres://anna@db.example/t?sslmode=verify-ca&application_name=x").unwrap(),
            TlsCheck::Chain
        );
        assert_eq!(
            check("host=db.example user=anna sslmode=verify-full").unwrap(),
            TlsCheck::Full
        );
        let refused = check("postgres://anna@db.example/t?sslmode=disable").unwrap_err();
        assert!(
            refused
                .to_string()
                .contains("db.example is not on this machine"),
            "{refused}"
        );
        assert!(ServerAddress::parse("host=db.example user=anna sslmode=sometimes").is_err());
    }

    #[test]
    fn a_server_elsewhere_without_tls_is_refused_before_connecting() {
        // 192.0.2.1 is reserved for documentation: nothing answers there, so a
        // connection attempt would end in a timeout, not this error.
        let address = ServerAddress::parse(
            "host=192.0.2.1 user=anna dbname=t sslmode=disable connect_timeout=5",
        )
        .unwrap();
        let started = std::time::Instant::now();
        let refused = address.connect().map(|_| ()).unwrap_err();
        assert!(matches!(refused, TeamError::Tls(_)), "{refused}");
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn tls_options_are_taken_out_of_both_forms_of_connection_string() {
        let (rest, taken) = split_tls_options(
            "host=db user=anna sslrootcert='/a b/c\\'d.pem' sslmode=verify-ca dbname=t",
        );
        assert_eq!(rest, "host=db user=anna dbname=t");
        assert_eq!(
            taken,
            [
                ("sslrootcert".to_string(), "/a b/c'd.pem".to_string()),
                ("sslmode".to_string(), "verify-ca".to_string())
            ]
        );
        let (rest, taken) =
            split_tls_options("postgres://anna@db/t?sslrootcert=%2Ftmp%2Fca.pem&connect_timeout=3");
        assert_eq!(rest, "postgres://anna@db/t?connect_timeout=3");
        assert_eq!(
            taken,
            [("sslrootcert".to_string(), "/tmp/ca.pem".to_string())]
        );
        let address = ServerAddress::parse("host=db user=anna sslrootcert=/tmp/ca.pem").unwrap();
        assert_eq!(address.root_cert.as_deref(), Some(Path::new("/tmp/ca.pem")));
        assert_eq!(
            address.as_str(),
            "host=db user=anna sslrootcert=/tmp/ca.pem",
            "the string is kept as given"
        );
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
