#!/usr/bin/env bash
# Render the reports of the five corpus documents and take screenshots of them:
#   screenshots/report-html.png         the HTML report in headless Chromium (top of the page)
#   screenshots/report-html-diff.png    the HTML report scrolled to the side-by-side view
#   screenshots/report-docx.png         the .docx converted to PDF by LibreOffice, page 1 (pdftoppm)
#   screenshots/report-docx-redline.png a later page of the same PDF, with the redline
#   screenshots/report-html-levers.png  the HTML report's 政策对标表 section
#   screenshots/report-docx-levers.png  the .docx page after the 政策对标表 heading
# Needs: chromium fonts-noto-cjk libreoffice-writer-nogui poppler-utils (apt-get install -y …).
# Usage: scripts/report-screenshots.sh [OUTDIR]   (OUTDIR keeps the reports; default: a temporary folder)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/work/target}"
out="${1:-$(mktemp -d)}"
mkdir -p "$out" screenshots

files=(corpus/guangdong-2012.txt corpus/guizhou-2014.txt corpus/xianning-2014.txt corpus/guangzhou-2014.txt
       corpus/qinghai-2016.txt)
cargo build --quiet --bin duizhao
bin="$CARGO_TARGET_DIR/debug/duizhao"
"$bin" compare "${files[@]}" --report "$out/report.html" > /dev/null
"$bin" compare "${files[@]}" --report "$out/report.docx" > /dev/null

# shellcheck source=scripts/lib/chrome.sh
. scripts/lib/chrome.sh
chrome --screenshot=screenshots/report-html.png --window-size=1280,1600 "file://$(realpath "$out/report.html")"

# A copy whose page starts at the side-by-side view (a screenshot cannot scroll to a fragment).
python3 - "$out/report.html" "$out/report-diff.html" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
start = html.index('<section id="side-by-side">')
end = html.index("</body>")
open(sys.argv[2], "w", encoding="utf-8").write(html[: html.index("<body>") + 6] + html[start:end] + html[end:])
PY
chrome --screenshot=screenshots/report-html-diff.png --window-size=1280,1600 "file://$(realpath "$out/report-diff.html")"

# The same for the 政策对标表 section.
python3 - "$out/report.html" "$out/report-levers.html" <<'PY'
import sys
html = open(sys.argv[1], encoding="utf-8").read()
start = html.index('<section id="levers">')
end = html.index('<section id="passages">')
open(sys.argv[2], "w", encoding="utf-8").write(html[: html.index("<body>") + 6] + html[start:end] + "</body></html>")
PY
chrome --screenshot=screenshots/report-html-levers.png --window-size=1280,1600 "file://$(realpath "$out/report-levers.html")"

soffice -env:UserInstallation="file://$out/lo-profile" --headless --convert-to pdf --outdir "$out" "$out/report.docx" > /dev/null
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$out/report.pdf" screenshots/report-docx
pages=$(pdfinfo "$out/report.pdf" | awk '/^Pages:/ {print $2}')
# The redline starts after the passage table; find the first page that has its heading.
redline=1
for ((p = 1; p <= pages; p++)); do
  if pdftotext -f "$p" -l "$p" "$out/report.pdf" - | grep -q "逐段对照（修订视图）"; then redline=$p; break; fi
done
pdftoppm -png -r 80 -f "$redline" -l "$redline" -singlefile "$out/report.pdf" screenshots/report-docx-redline
levers=1
for ((p = 1; p <= pages; p++)); do
  if pdftotext -f "$p" -l "$p" "$out/report.pdf" - | grep -q "政策对标表"; then levers=$p; break; fi
done
# The heading page is mostly the section before; the page after it is all 政策对标表.
levers=$((levers < pages ? levers + 1 : levers))
pdftoppm -png -r 80 -f "$levers" -l "$levers" -singlefile "$out/report.pdf" screenshots/report-docx-levers
echo "reports in $out; screenshots in screenshots/ (docx: $pages pages, redline on page $redline)"
