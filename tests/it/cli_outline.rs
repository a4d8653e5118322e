//! `duizhao outline` end to end: the JSON contract and one clear line per bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn duizhao(args: &[&std::ffi::OsStr]) -> Output {
    match Command::new(env!("CARGO_BIN_EXE_duizhao")).args(args).output() {
        Ok(output) => output,
        Err(error) => panic!("cannot run duizhao: {error}"),
    }
}

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(name)
}

#[test]
fn json_outline_follows_the_contract() {
    let output = duizhao(&[
        "outline".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        corpus("guangdong-2012.txt").as_os_str(),
        corpus("qinghai-2016.txt").as_os_str(),
    ]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["schema"], "duizhao.report/1");
    let documents = report["documents"].as_array().unwrap();
    assert_eq!(documents.len(), 2);
    let guangdong = &documents[0];
    assert_eq!(guangdong["id"], "D1");
    assert_eq!(guangdong["format"], "txt");
    assert_eq!(guangdong["encoding"], "UTF-8");
    assert_eq!(guangdong["chars"], 5071);
    assert_eq!(guangdong["date"], "2012-12-25");
    // The corpus MANIFEST.tsv beside the file supplies the title and 文号 the text lacks.
    assert_eq!(guangdong["doc_number"], "粤府办〔2012〕131号");
    let finance = guangdong["sections"].as_array().unwrap().iter().find(|s| s["number"] == "（二十二）").unwrap();
    assert_eq!(finance["id"], "D1.S30");
    assert_eq!(finance["title"], "强化财政支持");
    assert_eq!(finance["level"], 2);
    assert_eq!((finance["heading_start"].as_u64(), finance["heading_end"].as_u64()), (Some(3541), Some(3552)));
    assert_eq!((finance["start"].as_u64(), finance["end"].as_u64()), (Some(3541), Some(3830)));
    assert_eq!(finance["parent"], "D1.S29");
    let text: Vec<char> = std::fs::read_to_string(corpus("guangdong-2012.txt")).unwrap().chars().collect();
    assert_eq!(text[3541..3552].iter().collect::<String>(), "（二十二）强化财政支持");
    assert_eq!(documents[1]["id"], "D2");
    assert_eq!(documents[1]["date"], "2016-05-14");
}

#[test]
fn text_outline_lists_sections() {
    let output = duizhao(&["outline".as_ref(), corpus("guizhou-2014.txt").as_os_str()]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("贵州省关于加快发展电子商务的指导意见"));
    assert!(text.contains("(三)强化用地支持"));
    assert!(text.contains("2、完善电子商务信用服务体系，强化电子商务数据安全保障与信息共享"));
}

/// Each bad input gives exit code 2 and exactly one stderr line that names the file.
fn assert_one_clear_error(path: &Path, expected: &str) {
    let output = duizhao(&["outline".as_ref(), path.as_os_str()]);
    assert_eq!(output.status.code(), Some(2), "{}", path.display());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "{}: {stderr}", path.display());
    let name = path.file_name().unwrap().to_string_lossy();
    assert!(lines[0].contains(&*name), "{stderr} should name {name}");
    assert!(lines[0].contains(expected), "{stderr} should say {expected}");
    assert!(!stderr.contains("panicked"));
}

#[test]
fn bad_inputs_get_one_line_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    assert_one_clear_error(&empty, "empty");

    let png = dir.path().join("picture.txt");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89").unwrap();
    assert_one_clear_error(&png, "PNG");

    let docx = dir.path().join("truncated.docx");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default()).unwrap();
    std::io::Write::write_all(&mut zip, "<w:document>".repeat(2000).as_bytes()).unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    std::fs::write(&docx, &bytes[..bytes.len() / 2]).unwrap();
    assert_one_clear_error(&docx, "docx");

    let huge = dir.path().join("huge.txt");
    std::fs::File::create(&huge).unwrap().set_len(100 * 1024 * 1024).unwrap();
    assert_one_clear_error(&huge, "too large");

    assert_one_clear_error(dir.path(), "folder");
    assert_one_clear_error(&dir.path().join("missing.txt"), "not found");

    // Root can read any file, so a FIFO stands in for an unreadable one: it must be refused, not
    // read (reading it would block forever).
    let fifo = dir.path().join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    assert_one_clear_error(&fifo, "not a regular file");
}

#[test]
fn good_files_are_still_printed_when_one_fails() {
    let output = duizhao(&["outline".as_ref(), corpus("xianning-2014.txt").as_os_str(), "/nonexistent/a.txt".as_ref()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stdout).contains("咸政办发〔2014〕47号"));
    assert!(String::from_utf8_lossy(&output.stderr).contains("/nonexistent/a.txt: file not found"));
}
