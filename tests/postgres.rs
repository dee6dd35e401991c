//! A throwaway PostgreSQL server for the tests: a cluster made by `initdb` in a fresh
//! temporary folder, listening only on a Unix socket in that folder, with trust
//! authentication (the tests connect as whichever role they test). One server per test
//! process, started by the first test that asks for it.
//!
//! Rust never drops statics, so the server is stopped by a watchdog: a small shell
//! process that waits for the test process to end, however it ends (a panic, a kill),
//! then stops the server and removes the folder.
//!
//! `initdb` and `postgres` refuse to run as root, and tests here run as root: they are
//! run as the `postgres` user (`runuser`), which owns the folder. As another user, they
//! run as that user.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

/// The running test server.
pub struct Server {
    dir: PathBuf,
    bin: PathBuf,
    port: u16,
    /// Whether it listens on a loopback TCP port with TLS too.
    tls: bool,
}

/// The port number in the socket's name (no TCP port is opened).
const PORT: u16 = 5432;

/// The test server, started on first use.
pub fn server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| Server::start(false))
}

/// A second test server that listens on a loopback TCP port as well, with TLS on and a
/// certificate for `localhost` and 127.0.0.1 made by `openssl` at start, signed by a
/// certificate authority of the test's own.
pub fn tls_server() -> &'static Server {
    static SERVER: OnceLock<Server> = OnceLock::new();
    SERVER.get_or_init(|| Server::start(true))
}

/// In `dir`: a certificate authority `ca` and another, `other` (`NAME.crt`,
/// `NAME.key`), and the server's certificate for `localhost` and 127.0.0.1 signed by
/// `ca` (`server.crt`, `server.key`), made by `openssl`.
fn certificates(dir: &Path) {
    let key = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
    ];
    for ca in ["ca", "other"] {
        run(Command::new("openssl")
            .args([
                "req",
                "-x509",
                "-days",
                "2",
                "-subj",
                &format!("/CN=Dragoman test {ca}"),
            ])
            .args(key)
            .arg("-keyout")
            .arg(dir.join(format!("{ca}.key")))
            .arg("-out")
            .arg(dir.join(format!("{ca}.crt"))));
    }
    run(Command::new("openssl")
        .args(["req", "-new", "-subj", "/CN=localhost"])
        .args(key)
        .arg("-keyout")
        .arg(dir.join("server.key"))
        .arg("-out")
        .arg(dir.join("server.csr")));
    let extensions = dir.join("server.ext");
    std::fs::write(
        &extensions,
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n\
         extendedKeyUsage=serverAuth\n",
    )
    .expect("write the certificate's extensions");
    run(Command::new("openssl")
        .args(["x509", "-req", "-days", "2", "-CAcreateserial"])
        .arg("-in")
        .arg(dir.join("server.csr"))
        .arg("-CA")
        .arg(dir.join("ca.crt"))
        .arg("-CAkey")
        .arg(dir.join("ca.key"))
        .arg("-extfile")
        .arg(&extensions)
        .arg("-out")
        .arg(dir.join("server.crt")));
}

/// A free TCP port on the loopback address (free when asked: the server takes it next).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free loopback port")
        .port()
}

impl Server {
    fn start(tls: bool) -> Server {
        let bin = binaries();
        let name = if tls {
            "dragoman-pg-tls"
        } else {
            "dragoman-pg"
        };
        let dir = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("make the server's folder");
        let as_root = is_root();
        if as_root {
            run(Command::new("chown").args(["postgres:postgres"]).arg(&dir));
        }
        let data = dir.join("data");
        run(as_owner(as_root, &bin.join("initdb"))
            .args([
                "--auth=trust",
                "--username=postgres",
                "--encoding=UTF8",
                "--no-sync",
            ])
            .arg("-D")
            .arg(&data));
        // The watchdog first: a failing start below still leaves nothing behind.
        watch(
            std::process::id(),
            &dir,
            &bin.join("pg_ctl"),
            &data,
            as_root,
        );
        let (port, listen) = if tls {
            certificates(&dir);
            // The server refuses a key others may read.
            run(Command::new("chmod").arg("600").arg(dir.join("server.key")));
            if as_root {
                run(Command::new("chown")
                    .args(["postgres:postgres"])
                    .arg(dir.join("server.key")));
            }
            let ssl = format!(
                "-c listen_addresses=127.0.0.1 -c ssl=on -c ssl_cert_file={0}/server.crt \
                 -c ssl_key_file={0}/server.key",
                dir.display()
            );
            (free_port(), ssl)
        } else {
            (PORT, "-c listen_addresses=''".to_string())
        };
        let options = format!(
            "-k {} -p {port} {listen} -c fsync=off -c max_connections=200",
            dir.display()
        );
        run(as_owner(as_root, &bin.join("pg_ctl"))
            .arg("-D")
            .arg(&data)
            .args(["-w", "-l"])
            .arg(dir.join("log"))
            .args(["-o", &options, "start"]));
        let server = Server {
            dir,
            bin,
            port,
            tls,
        };
        server.psql("postgres", "postgres", "CREATE DATABASE dragoman");
        server
    }

    /// A connection string for `user` to the test database, through the Unix socket.
    pub fn url(&self, user: &str) -> String {
        format!(
            "host={} port={} user={user} dbname=dragoman",
            self.dir.display(),
            self.port
        )
    }

    /// A connection string for `user` to the test database over loopback TCP, with
    /// `options` (`sslmode=require`, …) added; only for [`tls_server`].
    pub fn tcp_url(&self, user: &str, options: &str) -> String {
        assert!(self.tls, "only the TLS server listens on TCP");
        format!(
            "host=127.0.0.1 port={} user={user} dbname=dragoman {options}",
            self.port
        )
    }

    /// The certificate authority that signed the server's certificate (what
    /// `sslrootcert` names to verify it).
    pub fn certificate(&self) -> PathBuf {
        self.dir.join("ca.crt")
    }

    /// Another certificate authority, which did not sign the server's.
    pub fn other_certificate(&self) -> PathBuf {
        self.dir.join("other.crt")
    }

    /// The folder holding the server's socket (and its data).
    pub fn folder(&self) -> &Path {
        &self.dir
    }

    /// The superuser's connection string: what an admin runs `team init` with.
    pub fn admin_url(&self) -> String {
        self.url("postgres")
    }

    /// Run `sql` as `user` in database `db` with psql; what it printed, unaligned
    /// without headers. Panics if psql fails.
    pub fn psql(&self, user: &str, db: &str, sql: &str) -> String {
        let out = self.try_psql(user, db, sql);
        match out {
            Ok(text) => text,
            Err(e) => panic!("psql as {user}: {sql}: {e}"),
        }
    }

    /// [`Self::psql`], the error message when psql fails.
    pub fn try_psql(&self, user: &str, db: &str, sql: &str) -> Result<String, String> {
        let out = Command::new(self.bin.join("psql"))
            .arg("-h")
            .arg(&self.dir)
            .args(["-p", &self.port.to_string(), "-U", user, "-d", db])
            .args(["-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", sql])
            .output()
            .expect("run psql");
        if out.status.success() {
            Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
        }
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.trim_ascii() == b"0")
}

/// `program` as the folder's owner: `postgres` when running as root.
fn as_owner(as_root: bool, program: &Path) -> Command {
    if as_root {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

fn run(command: &mut Command) {
    let out = command.output().expect("run a PostgreSQL command");
    assert!(
        out.status.success(),
        "{command:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The folder of PostgreSQL's server programs: on PATH, or where Debian puts them.
fn binaries() -> PathBuf {
    let on_path = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .unwrap_or_default();
    let mut debian: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.path().join("bin"))
                .collect()
        })
        .unwrap_or_default();
    debian.sort();
    debian.reverse();
    on_path
        .into_iter()
        .chain(debian)
        .find(|dir| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file())
        // A link on PATH (as to Debian's folder) leads to the folder holding psql too.
        .and_then(|dir| std::fs::canonicalize(dir.join("initdb")).ok())
        .and_then(|initdb| initdb.parent().map(Path::to_path_buf))
        .expect("PostgreSQL's initdb and pg_ctl (Debian: apt-get install postgresql; make deps)")
}

/// Stop the server in `data` and remove `dir` once process `pid` has ended.
fn watch(pid: u32, dir: &Path, pg_ctl: &Path, data: &Path, as_root: bool) {
    let stop = if as_root {
        format!(
            "runuser -u postgres -- '{}' -D '{}' -m immediate stop",
            pg_ctl.display(),
            data.display()
        )
    } else {
        format!(
            "'{}' -D '{}' -m immediate stop",
            pg_ctl.display(),
            data.display()
        )
    };
    let script = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 0.5; done; {stop} >/dev/null 2>&1; rm -rf '{}'",
        dir.display()
    );
    // Never waited for: it outlives this process by design, and is reaped by init.
    #[expect(
        clippy::zombie_processes,
        reason = "the watchdog must outlive the tests"
    )]
    Command::new("sh")
        .args(["-c", &script])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the server's watchdog");
}
