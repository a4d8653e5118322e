//! A panic leaves a crash report in the cache directory and says where.

#[test]
fn panic_writes_a_crash_report() {
    let cache = tempfile::tempdir().unwrap();
    // SAFETY: this test binary has this single test, so no other thread reads the environment.
    unsafe { std::env::set_var("XDG_CACHE_HOME", cache.path()) };
    duizhao::crash::install_panic_hook();
    let result = std::thread::Builder::new()
        .name("doomed".into())
        .spawn(|| panic!("simulated failure in analysis"))
        .unwrap()
        .join();
    assert!(result.is_err());
    let report = duizhao::crash::last_report().expect("a report path");
    assert!(report.starts_with(cache.path().join("duizhao")));
    let text = std::fs::read_to_string(report).unwrap();
    assert!(text.contains("simulated failure in analysis"));
    assert!(text.contains("thread: doomed"));
}
