//! A panic leaves a crash report in the cache directory and says where.
//!
//! The panic hook and the cache directory are process-wide, and every integration test shares this
//! process, so the test runs itself again as a child process with its own `XDG_CACHE_HOME` and
//! checks the report that child left.

use std::process::Command;

/// Set in the child process: install the hook and panic there.
const CHILD: &str = "DUIZHAO_CRASH_TEST_CHILD";

#[test]
fn panic_writes_a_crash_report() {
    if std::env::var_os(CHILD).is_some() {
        panic_in_a_thread_and_check_the_report();
        return;
    }
    let cache = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let output = Command::new(exe)
        .args(["crash::panic_writes_a_crash_report", "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, "1")
        .env("XDG_CACHE_HOME", cache.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "child test failed: {stderr}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("1 passed"), "the child ran the test");
    // The hook says where the report is, and the report is in the child's cache directory.
    let dir = cache.path().join("duizhao");
    let reports: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(Result::ok).map(|e| e.path()).collect();
    assert_eq!(reports.len(), 1, "one report in {}", dir.display());
    assert!(stderr.contains(&reports[0].display().to_string()), "stderr names the report: {stderr}");
    let text = std::fs::read_to_string(&reports[0]).unwrap();
    assert!(text.contains("simulated failure in analysis"));
    assert!(text.contains("thread: doomed"));
}

/// The child's part: the hook installed, a named thread panics, the report is where it says.
fn panic_in_a_thread_and_check_the_report() {
    duizhao::crash::install_panic_hook();
    let result = std::thread::Builder::new()
        .name("doomed".into())
        .spawn(|| panic!("simulated failure in analysis"))
        .unwrap()
        .join();
    assert!(result.is_err());
    let report = duizhao::crash::last_report().expect("a report path");
    let cache = std::env::var_os("XDG_CACHE_HOME").expect("the parent sets the cache directory");
    assert!(report.starts_with(std::path::Path::new(&cache).join("duizhao")));
    let text = std::fs::read_to_string(report).unwrap();
    assert!(text.contains("simulated failure in analysis"));
    assert!(text.contains("thread: doomed"));
}
