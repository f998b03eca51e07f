//! A private PostgreSQL cluster started from the machine's PostgreSQL binaries.
//!
//! Used by `nourx up` when `DATABASE_URL` is unset, and by the test kit. The
//! server runs as a direct child (never daemonized) in its own process group, so
//! that a terminal's Ctrl-C reaches only us and we stop it after the API drained;
//! Linux's parent-death signal stops it if we die without cleaning up.

use std::fs;
use std::io::Write;
use std::net::TcpListener;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use diesel::{Connection, PgConnection, RunQueryDsl};
use nix::sys::signal::{Signal, kill};
use nix::unistd::{Gid, Pid, Uid, User};

/// The role created by `initdb`, superuser of the private cluster.
pub const SUPERUSER: &str = "nourx";

#[derive(Debug, thiserror::Error)]
pub enum ClusterError {
    #[error(
        "PostgreSQL server binaries (initdb, postgres) were not found.\n\
         Install them (Debian/Ubuntu: `apt-get install postgresql-15`, Fedora: `dnf install postgresql-server`, \
         macOS: `brew install postgresql@15`), or set DATABASE_URL to use an existing server."
    )]
    BinariesNotFound,
    #[error(
        "running as root: PostgreSQL refuses to run as root and no `postgres` system user exists to run it.\n\
         Create one (`useradd --system postgres`, or install the postgresql package), run as a normal user, or set DATABASE_URL."
    )]
    NoUnprivilegedUser,
    #[error(
        "the data directory {dir} was created by PostgreSQL {found}, but the binaries found are PostgreSQL {expected}.\n\
         Use matching binaries, or move the directory away to start from empty demo data."
    )]
    VersionMismatch { dir: String, found: String, expected: String },
    #[error("{step} failed: {detail}")]
    Command { step: &'static str, detail: String },
    #[error("PostgreSQL did not become ready within {seconds} s; its log ({log}) ends with:\n{tail}")]
    NotReady { seconds: u64, log: String, tail: String },
    #[error("PostgreSQL exited during start-up; its log ({log}) ends with:\n{tail}")]
    Exited { log: String, tail: String },
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

fn io_error(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> ClusterError {
    let context = context.into();
    move |source| ClusterError::Io { context, source }
}

/// Where the server binaries live and which major version they are.
#[derive(Debug, Clone)]
pub struct PgBinaries {
    pub bin_dir: PathBuf,
    pub major_version: String,
    pub full_version: String,
}

impl PgBinaries {
    /// `pg_config --bindir` first (it may name a client-only directory, so the
    /// server binaries are checked for), then the newest `/usr/lib/postgresql/*/bin`.
    pub fn find() -> Result<PgBinaries, ClusterError> {
        let mut candidates = Vec::new();
        if let Ok(dir) = std::env::var("NOURX_PG_BINDIR") {
            candidates.push(PathBuf::from(dir));
        }
        if let Ok(output) = Command::new("pg_config").arg("--bindir").output()
            && output.status.success()
        {
            candidates.push(PathBuf::from(String::from_utf8_lossy(&output.stdout).trim()));
        }
        let mut versioned: Vec<(u32, PathBuf)> = fs::read_dir("/usr/lib/postgresql")
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| {
                let major = entry.file_name().to_str()?.parse::<u32>().ok()?;
                Some((major, entry.path().join("bin")))
            })
            .collect();
        versioned.sort_by_key(|(major, _)| std::cmp::Reverse(*major));
        candidates.extend(versioned.into_iter().map(|(_, dir)| dir));

        let bin_dir = candidates
            .into_iter()
            .find(|dir| dir.join("postgres").is_file() && dir.join("initdb").is_file())
            .ok_or(ClusterError::BinariesNotFound)?;
        let output = Command::new(bin_dir.join("postgres"))
            .arg("--version")
            .output()
            .map_err(io_error("running postgres --version"))?;
        // "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
        let full_version =
            String::from_utf8_lossy(&output.stdout).split_whitespace().nth(2).unwrap_or("unknown").to_owned();
        let major_version = full_version.split('.').next().unwrap_or("unknown").to_owned();
        Ok(PgBinaries { bin_dir, major_version, full_version })
    }

    fn command(&self, name: &str) -> Command {
        Command::new(self.bin_dir.join(name))
    }
}

/// How to start a cluster.
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// The PostgreSQL data directory (`$NOURX_DATA_DIR/pg` for `nourx up`).
    pub data_dir: PathBuf,
    /// fsync and synchronous commit on. Off for throw-away test clusters, where speed matters more.
    pub durable: bool,
    /// A port to try first (the previous run's, so that tools pointed at it keep working).
    pub preferred_port: Option<u16>,
}

/// The OS account the server runs as: ourselves, or `postgres` when we are root.
#[derive(Debug, Clone, Copy)]
struct RunAs {
    uid: Uid,
    gid: Gid,
    switch: bool,
}

impl RunAs {
    fn detect() -> Result<RunAs, ClusterError> {
        if !Uid::effective().is_root() {
            return Ok(RunAs { uid: Uid::effective(), gid: Gid::effective(), switch: false });
        }
        let user = User::from_name("postgres").ok().flatten().ok_or(ClusterError::NoUnprivilegedUser)?;
        Ok(RunAs { uid: user.uid, gid: user.gid, switch: true })
    }

    fn apply(&self, command: &mut Command) {
        if self.switch {
            command.uid(self.uid.as_raw()).gid(self.gid.as_raw());
            command.env("HOME", "/tmp");
        }
    }

    fn own(&self, path: &Path) -> Result<(), ClusterError> {
        if self.switch {
            std::os::unix::fs::chown(path, Some(self.uid.as_raw()), Some(self.gid.as_raw()))
                .map_err(io_error(format!("giving {} to the postgres user", path.display())))?;
        }
        Ok(())
    }

    /// Whether this account may walk down to `path` (every ancestor searchable).
    fn can_reach(&self, path: &Path) -> bool {
        if !self.switch {
            return true;
        }
        path.ancestors().skip(1).all(|dir| match fs::metadata(dir) {
            Ok(meta) => {
                use std::os::unix::fs::MetadataExt;
                let mode = meta.mode();
                (mode & 0o001 != 0)
                    || (meta.uid() == self.uid.as_raw() && mode & 0o100 != 0)
                    || (meta.gid() == self.gid.as_raw() && mode & 0o010 != 0)
            }
            Err(_) => true, // does not exist yet: we create it with open permissions
        })
    }
}

/// A running private cluster. Dropping it stops the server (fast shutdown).
#[derive(Debug)]
pub struct EmbeddedCluster {
    child: Option<Child>,
    pub binaries: PgBinaries,
    pub data_dir: PathBuf,
    pub socket_dir: PathBuf,
    pub port: u16,
    pub log_file: PathBuf,
}

impl EmbeddedCluster {
    /// Creates the cluster on first use (`initdb`), then starts it and waits until it accepts connections.
    pub fn start(options: &ClusterOptions) -> Result<EmbeddedCluster, ClusterError> {
        let binaries = PgBinaries::find()?;
        let run_as = RunAs::detect()?;
        let requested = absolute(&options.data_dir)?;
        // As root, PostgreSQL runs as `postgres`, which must be able to reach the
        // directory; a checkout under a private home directory is not reachable.
        let data_dir = if run_as.can_reach(&requested) {
            requested
        } else {
            let fallback = short_dir("pgdata", &requested);
            tracing::warn!(
                requested = %requested.display(),
                used = %fallback.display(),
                "the postgres user cannot reach the data directory; using a directory it can reach"
            );
            fallback
        };
        let parent = data_dir.parent().unwrap_or(Path::new("/"));
        fs::create_dir_all(parent).map_err(io_error(format!("creating {}", parent.display())))?;
        let log_file = parent.join(format!("{}.log", data_dir.file_name().and_then(|n| n.to_str()).unwrap_or("pg")));

        if !data_dir.join("PG_VERSION").is_file() {
            init_cluster(&binaries, run_as, &data_dir)?;
        } else {
            let found = fs::read_to_string(data_dir.join("PG_VERSION")).unwrap_or_default();
            if found.trim() != binaries.major_version {
                return Err(ClusterError::VersionMismatch {
                    dir: data_dir.display().to_string(),
                    found: found.trim().to_owned(),
                    expected: binaries.major_version.clone(),
                });
            }
            stop_leftover_server(&data_dir);
        }

        // Unix socket paths are limited to ~107 bytes; deep checkouts get a short directory.
        let socket_dir = if data_dir.as_os_str().len() > 80 {
            let dir = short_dir("sock", &data_dir);
            fs::create_dir_all(&dir).map_err(io_error(format!("creating {}", dir.display())))?;
            fs::set_permissions(&dir, fs::Permissions::from_mode(0o700))
                .map_err(io_error("restricting the socket directory"))?;
            run_as.own(&dir)?;
            dir
        } else {
            data_dir.clone()
        };

        let port = options
            .preferred_port
            .filter(|port| TcpListener::bind(("127.0.0.1", *port)).is_ok())
            .map(Ok)
            .unwrap_or_else(free_port)?;

        let log = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log_file)
            .map_err(io_error(format!("opening {}", log_file.display())))?;
        run_as.own(&log_file)?;
        let mut command = binaries.command("postgres");
        command
            .arg("-D")
            .arg(&data_dir)
            .arg("-p")
            .arg(port.to_string())
            .arg("-k")
            .arg(&socket_dir)
            .args(["-c", "listen_addresses=127.0.0.1"])
            .args(["-c", "max_connections=200"])
            .args(["-c", "shared_buffers=64MB"])
            .args(["-c", "unix_socket_permissions=0700"]);
        if !options.durable {
            command.args(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }
        command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log.try_clone().map_err(io_error("duplicating the log handle"))?)
            .process_group(0);
        run_as.apply(&mut command);
        stop_with_parent(&mut command);
        let child = command.spawn().map_err(io_error("starting postgres"))?;

        let mut cluster = EmbeddedCluster { child: Some(child), binaries, data_dir, socket_dir, port, log_file };
        cluster.wait_until_ready(Duration::from_secs(60))?;
        Ok(cluster)
    }

    /// A libpq URL reaching `database` through the unix socket.
    pub fn url(&self, database: &str) -> String {
        format!(
            "postgres://{SUPERUSER}@localhost:{}/{database}?host={}",
            self.port,
            percent_encode_path(&self.socket_dir)
        )
    }

    /// Creates `database` if it does not exist yet.
    pub fn ensure_database(&self, database: &str) -> Result<(), ClusterError> {
        let mut conn = PgConnection::establish(&self.url("postgres"))
            .map_err(|e| ClusterError::Command { step: "connecting to the embedded cluster", detail: e.to_string() })?;
        let exists: bool = diesel::select(diesel::dsl::sql::<diesel::sql_types::Bool>(&format!(
            "EXISTS (SELECT 1 FROM pg_database WHERE datname = '{}')",
            database.replace('\'', "''")
        )))
        .get_result(&mut conn)
        .map_err(|e| ClusterError::Command { step: "looking up the database", detail: e.to_string() })?;
        if !exists {
            diesel::sql_query(format!("CREATE DATABASE \"{}\"", database.replace('"', "\"\"")))
                .execute(&mut conn)
                .map_err(|e| ClusterError::Command { step: "creating the database", detail: e.to_string() })?;
        }
        Ok(())
    }

    fn wait_until_ready(&mut self, limit: Duration) -> Result<(), ClusterError> {
        let started = Instant::now();
        let url = self.url("postgres");
        loop {
            if let Some(child) = self.child.as_mut()
                && let Ok(Some(_)) = child.try_wait()
            {
                self.child = None;
                return Err(ClusterError::Exited {
                    log: self.log_file.display().to_string(),
                    tail: log_tail(&self.log_file),
                });
            }
            if PgConnection::establish(&url).is_ok() {
                return Ok(());
            }
            if started.elapsed() > limit {
                return Err(ClusterError::NotReady {
                    seconds: limit.as_secs(),
                    log: self.log_file.display().to_string(),
                    tail: log_tail(&self.log_file),
                });
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Fast shutdown: active sessions are disconnected, the data is checkpointed.
    pub fn stop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        let pid = Pid::from_raw(child.id() as i32);
        for (signal, wait) in [
            (Signal::SIGINT, Duration::from_secs(30)),
            (Signal::SIGQUIT, Duration::from_secs(5)),
            (Signal::SIGKILL, Duration::from_secs(5)),
        ] {
            if kill(pid, signal).is_err() {
                break;
            }
            let deadline = Instant::now() + wait;
            while Instant::now() < deadline {
                if let Ok(Some(_)) = child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        let _ = child.wait();
    }

    pub fn is_running(&mut self) -> bool {
        matches!(self.child.as_mut().map(|c| c.try_wait()), Some(Ok(None)))
    }
}

impl Drop for EmbeddedCluster {
    fn drop(&mut self) {
        self.stop();
    }
}

fn init_cluster(binaries: &PgBinaries, run_as: RunAs, data_dir: &Path) -> Result<(), ClusterError> {
    fs::create_dir_all(data_dir).map_err(io_error(format!("creating {}", data_dir.display())))?;
    fs::set_permissions(data_dir, fs::Permissions::from_mode(0o700))
        .map_err(io_error("restricting the data directory"))?;
    run_as.own(data_dir)?;
    // TCP connections need a password (the unix socket, private to us, does not):
    // a random one, kept beside the cluster for people who connect with their own tools.
    let password = random_password()?;
    let parent = data_dir.parent().unwrap_or(Path::new("/"));
    let password_file =
        parent.join(format!("{}.password", data_dir.file_name().and_then(|n| n.to_str()).unwrap_or("pg")));
    {
        let mut file = fs::OpenOptions::new()
            .create(true)
            .write(true)
            .truncate(true)
            .mode_0600()
            .open(&password_file)
            .map_err(io_error(format!("writing {}", password_file.display())))?;
        writeln!(file, "{password}").map_err(io_error("writing the password file"))?;
    }
    run_as.own(&password_file)?;
    let mut command = binaries.command("initdb");
    command
        .arg("-D")
        .arg(data_dir)
        .args(["-U", SUPERUSER, "--encoding=UTF8", "--no-locale", "--auth-local=trust", "--auth-host=scram-sha-256"])
        .arg(format!("--pwfile={}", password_file.display()))
        .stdin(Stdio::null());
    run_as.apply(&mut command);
    let output = command.output().map_err(io_error("running initdb"))?;
    if !output.status.success() {
        // Leave no half-made cluster behind: the next run would take it for a real one.
        let _ = fs::remove_dir_all(data_dir);
        return Err(ClusterError::Command {
            step: "initdb",
            detail: String::from_utf8_lossy(&output.stderr).into_owned(),
        });
    }
    Ok(())
}

trait OpenOptionsExt600 {
    fn mode_0600(&mut self) -> &mut Self;
}

impl OpenOptionsExt600 for fs::OpenOptions {
    fn mode_0600(&mut self) -> &mut Self {
        std::os::unix::fs::OpenOptionsExt::mode(self, 0o600)
    }
}

/// A server left running by a run that was killed (SIGKILL skips our clean-up):
/// stop it so that this run can start its own.
fn stop_leftover_server(data_dir: &Path) {
    let Ok(pid_file) = fs::read_to_string(data_dir.join("postmaster.pid")) else {
        return;
    };
    let Some(pid) = pid_file.lines().next().and_then(|l| l.trim().parse::<i32>().ok()) else {
        return;
    };
    let is_postgres = fs::read(format!("/proc/{pid}/cmdline"))
        .map(|cmd| String::from_utf8_lossy(&cmd).contains("postgres"))
        .unwrap_or(false);
    if !is_postgres {
        return; // a stale file; postgres removes it itself
    }
    tracing::warn!(pid, "stopping a PostgreSQL left running by an earlier run on this data directory");
    let pid = Pid::from_raw(pid);
    if kill(pid, Signal::SIGINT).is_ok() {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline && kill(pid, None).is_ok() {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

#[allow(unsafe_code)]
fn stop_with_parent(command: &mut Command) {
    // SAFETY: prctl is async-signal-safe and touches only the child's own state.
    // It runs after the uid switch, which would otherwise clear the setting.
    unsafe {
        command.pre_exec(|| {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGINT) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

fn free_port() -> Result<u16, ClusterError> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).map_err(io_error("finding a free port"))?;
    let port = listener.local_addr().map_err(io_error("finding a free port"))?.port();
    Ok(port)
}

fn random_password() -> Result<String, ClusterError> {
    let mut bytes = [0u8; 18];
    fs::File::open("/dev/urandom")
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut bytes))
        .map_err(io_error("reading /dev/urandom"))?;
    Ok(hex::encode(bytes))
}

fn absolute(path: &Path) -> Result<PathBuf, ClusterError> {
    if path.is_absolute() {
        return Ok(path.to_path_buf());
    }
    let cwd = std::env::current_dir().map_err(io_error("reading the current directory"))?;
    Ok(cwd.join(path))
}

/// A short, stable directory under /tmp derived from `origin`, open for traversal.
fn short_dir(kind: &str, origin: &Path) -> PathBuf {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    origin.hash(&mut hasher);
    PathBuf::from(format!("/tmp/nourx-{kind}-{:012x}", hasher.finish() & 0xffff_ffff_ffff))
}

fn percent_encode_path(path: &Path) -> String {
    let mut out = String::new();
    for byte in path.as_os_str().as_encoded_bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => out.push(*byte as char),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

fn log_tail(log_file: &Path) -> String {
    let text = fs::read_to_string(log_file).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(15)..].join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn socket_paths_are_percent_encoded() {
        assert_eq!(percent_encode_path(Path::new("/tmp/a b/pg")), "/tmp/a%20b/pg");
    }

    #[test]
    fn short_dirs_are_stable_and_short() {
        let long = Path::new("/home/someone/a/very/long/checkout/path/that/goes/on/.data/pg");
        assert_eq!(short_dir("sock", long), short_dir("sock", long));
        assert!(short_dir("sock", long).as_os_str().len() < 40);
    }
}
