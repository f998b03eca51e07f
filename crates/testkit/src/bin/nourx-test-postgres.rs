//! Starts one throw-away PostgreSQL cluster for a whole test run (`./x test`), so that
//! nextest's one-process-per-test model shares it instead of starting one per test.
//!
//! Usage: `nourx-test-postgres <data-dir> <url-file>`; writes the maintenance database
//! URL to `<url-file>` once ready, then runs until it is killed; the cluster stops with
//! it (fast shutdown through the parent-death signal).

use nourx_db::embedded::{ClusterOptions, EmbeddedCluster};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(data_dir), Some(url_file)) = (args.next(), args.next()) else {
        eprintln!("usage: nourx-test-postgres <data-dir> <url-file>");
        std::process::exit(2);
    };
    let _ = std::fs::remove_dir_all(&data_dir);
    let cluster = match EmbeddedCluster::start(&ClusterOptions {
        data_dir: data_dir.into(),
        durable: false,
        preferred_port: None,
    }) {
        Ok(cluster) => cluster,
        Err(error) => {
            eprintln!("error: {error}");
            std::process::exit(1);
        }
    };
    if let Err(error) = std::fs::write(&url_file, cluster.url("postgres")) {
        eprintln!("error: writing {url_file}: {error}");
        std::process::exit(1);
    }
    let _cluster = cluster;
    loop {
        std::thread::park();
    }
}
