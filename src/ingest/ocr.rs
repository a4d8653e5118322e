//! Optional OCR of scanned PDF pages with the `tesseract` program (language `chi_sim`), the pages
//! rendered by `pdftoppm` (poppler). Neither is required: without them a scanned PDF is refused with a
//! message saying what to install. Both run as child processes with a time limit, on a copy of the
//! input in a private temporary folder that is removed afterwards.

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Most pages OCR reads from one file (a few minutes of work on a laptop).
pub const MAX_OCR_PAGES: usize = 60;

/// Time limit for rendering or recognising one page.
const PAGE_TIMEOUT: Duration = Duration::from_secs(120);

/// Time limit for the OCR of one document.
const TOTAL_TIMEOUT: Duration = Duration::from_secs(600);

/// Rendering resolution: enough for 四号/小四 Chinese type.
const DPI: &str = "200";

/// How to get OCR, for messages.
pub const INSTALL_HINT: &str = "to read scanned pages, install OCR: tesseract with Chinese and poppler \
     (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-chi-sim poppler-utils)";

/// Whether `tesseract` with `chi_sim` and `pdftoppm` are installed (checked once per run).
pub fn available() -> bool {
    static AVAILABLE: OnceLock<bool> = OnceLock::new();
    *AVAILABLE.get_or_init(|| {
        let langs = run(Command::new("tesseract").arg("--list-langs"), Duration::from_secs(20));
        let has_chinese = langs.is_some_and(|out| out.lines().any(|l| l.trim() == "chi_sim"));
        has_chinese && run(Command::new("pdftoppm").arg("-v"), Duration::from_secs(20)).is_some()
    })
}

/// Run a command to completion within `timeout`; its stdout (stderr appended) on success.
fn run(command: &mut Command, timeout: Duration) -> Option<String> {
    let mut child = command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().ok()?;
    let started = Instant::now();
    // Read the pipes on threads so a chatty child cannot block on a full pipe.
    let stdout = child.stdout.take().map(|mut out| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = std::io::Read::read_to_string(&mut out, &mut text);
            text
        })
    });
    let stderr = child.stderr.take().map(|mut err| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = std::io::Read::read_to_string(&mut err, &mut text);
            text
        })
    });
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < timeout => std::thread::sleep(Duration::from_millis(20)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    };
    let mut text = stdout.and_then(|t| t.join().ok()).unwrap_or_default();
    text.push_str(&stderr.and_then(|t| t.join().ok()).unwrap_or_default());
    status.success().then_some(text)
}

/// Why OCR could not run at all (a page it cannot read is just left empty).
#[derive(Debug, thiserror::Error)]
pub enum OcrError {
    /// tesseract (with Chinese) or pdftoppm is not installed; the text says how to install them.
    #[error("{INSTALL_HINT}")]
    NotInstalled,
    /// No temporary folder for the page images.
    #[error("cannot create a temporary folder for OCR ({0})")]
    TempFolder(#[source] std::io::Error),
    /// The temporary copy of the PDF could not be written.
    #[error("cannot write a temporary copy for OCR ({0})")]
    TempCopy(#[source] std::io::Error),
}

/// OCR `pages` (1-based) of the PDF `bytes`; the text of each page in order (empty where nothing was
/// recognised). `Err` says why OCR could not run.
pub fn ocr_pdf_pages(bytes: &[u8], pages: &[usize]) -> Result<Vec<String>, OcrError> {
    if !available() {
        return Err(OcrError::NotInstalled);
    }
    let dir = tempfile::Builder::new().prefix("duizhao-ocr-").tempdir().map_err(OcrError::TempFolder)?;
    let pdf = dir.path().join("input.pdf");
    std::fs::write(&pdf, bytes).map_err(OcrError::TempCopy)?;
    let started = Instant::now();
    let mut texts = Vec::new();
    for &page in pages.iter().take(MAX_OCR_PAGES) {
        // Past the total budget the remaining pages stay empty (the caller counts what was read).
        if started.elapsed() > TOTAL_TIMEOUT {
            break;
        }
        texts.push(ocr_page(dir.path(), &pdf, page).unwrap_or_default());
    }
    Ok(texts)
}

/// Render one page and recognise it.
fn ocr_page(dir: &Path, pdf: &Path, page: usize) -> Option<String> {
    let prefix = dir.join(format!("page-{page}"));
    let number = page.to_string();
    run(
        Command::new("pdftoppm")
            .args(["-r", DPI, "-gray", "-png", "-singlefile", "-f", &number, "-l", &number])
            .arg(pdf)
            .arg(&prefix),
        PAGE_TIMEOUT,
    )?;
    let image = prefix.with_extension("png");
    let out = run(Command::new("tesseract").arg(&image).arg("stdout").args(["-l", "chi_sim"]), PAGE_TIMEOUT);
    let _ = std::fs::remove_file(&image);
    out.map(|text| text.lines().filter(|l| !l.starts_with("Estimating resolution")).collect::<Vec<_>>().join("\n"))
}
