//! corpus/MANIFEST.tsv says, in its `app_reads` column, what the app reads from each file; this
//! keeps that column true.

#[test]
fn manifest_app_reads_column_matches_the_app() {
    let documents = duizhao::corpus::embedded_documents();
    let manifest = duizhao::corpus::MANIFEST;
    let header: Vec<&str> = manifest.lines().next().unwrap().split('\t').collect();
    let column = header.iter().position(|h| *h == "app_reads").expect("an app_reads column");
    let mut checked = 0;
    for line in manifest.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        let document = documents.iter().find(|d| d.path.ends_with(cols[0])).unwrap();
        let expected = duizhao::corpus::describe_reading(document);
        assert_eq!(cols[column], expected, "{}: update MANIFEST.tsv", cols[0]);
        checked += 1;
    }
    assert_eq!(checked, 5);
}
