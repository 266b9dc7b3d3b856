//! Load test of `isnad serve`: a fixed number of requests from N concurrent clients on
//! loopback, cycling through the example queries; prints requests/s and p50/p99 latency
//! per concurrency level, the statuses seen, and the server's memory before and after.
//!
//! Run by `bash benches/serve_load.sh` (which generates the corpus and starts the server):
//! `cargo bench --bench serve_load -- BASE_URL SERVER_PID REQUESTS CONCURRENCY...`

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn rss_mb(pid: &str) -> f64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let [base, pid, requests, levels @ ..] = args.as_slice() else {
        eprintln!("usage: serve_load BASE_URL SERVER_PID REQUESTS CONCURRENCY...");
        std::process::exit(2);
    };
    let requests: usize = requests.parse().expect("REQUESTS is a number");
    let mut queries: Vec<(String, String)> = std::fs::read_dir("examples/queries")
        .expect("run from the project root")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rq"))
        .map(|p| {
            (
                p.file_stem().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    queries.sort();
    let queries = Arc::new(queries);
    println!(
        "server RSS before: {:.0} MB; {} example queries, {requests} requests per level",
        rss_mb(pid),
        queries.len()
    );
    println!(
        "| clients | requests | req/s | p50 ms | p99 ms | max ms | statuses | server RSS MB |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---|---:|");
    for level in levels {
        let clients: usize = level.parse().expect("CONCURRENCY is a number");
        let next = Arc::new(AtomicUsize::new(0));
        let latencies = Arc::new(Mutex::new(Vec::with_capacity(requests)));
        let statuses = Arc::new(Mutex::new(BTreeMap::<u16, usize>::new()));
        let started = Instant::now();
        let threads: Vec<_> = (0..clients)
            .map(|_| {
                let (next, latencies, statuses, queries, base) = (
                    Arc::clone(&next),
                    Arc::clone(&latencies),
                    Arc::clone(&statuses),
                    Arc::clone(&queries),
                    base.clone(),
                );
                std::thread::spawn(move || {
                    let agent: ureq::Agent = ureq::Agent::config_builder()
                        .http_status_as_error(false)
                        .build()
                        .into();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= requests {
                            break;
                        }
                        let (_, q) = &queries[i % queries.len()];
                        let t = Instant::now();
                        let status = match agent
                            .post(format!("{base}/sparql"))
                            .header(
                                "Accept",
                                "application/sparql-results+json, text/turtle;q=0.9",
                            )
                            .header("Content-Type", "application/sparql-query")
                            .send(q.as_str())
                        {
                            Ok(mut r) => {
                                let _ = r.body_mut().read_to_vec();
                                r.status().as_u16()
                            }
                            Err(_) => 0,
                        };
                        latencies.lock().unwrap().push(t.elapsed());
                        *statuses.lock().unwrap().entry(status).or_default() += 1;
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let secs = started.elapsed().as_secs_f64();
        let mut l = latencies.lock().unwrap().clone();
        l.sort();
        let st: Vec<String> = statuses
            .lock()
            .unwrap()
            .iter()
            .map(|(s, n)| format!("{s}×{n}"))
            .collect();
        println!(
            "| {clients} | {} | {:.1} | {:.1} | {:.1} | {:.1} | {} | {:.0} |",
            l.len(),
            l.len() as f64 / secs,
            percentile(&l, 0.5),
            percentile(&l, 0.99),
            percentile(&l, 1.0),
            st.join(" "),
            rss_mb(pid)
        );
    }
}
