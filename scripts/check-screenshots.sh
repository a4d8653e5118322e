#!/usr/bin/env bash
# Render the 查重 report of a draft checked against a folder and take screenshots of it:
#   screenshots/check-report-html.png           the HTML report in headless Chromium (page one: summary box)
#   screenshots/check-report-html-passages.png  the same page from the side-by-side passages
#   screenshots/check-report-docx.png           the .docx converted to PDF by LibreOffice, page 1 (pdftoppm)
#   screenshots/check-report-docx-passages.png  the first .docx page of the side-by-side passages
#   screenshots/check-report-app.png            the app: File → Check against a folder…, result and Export row
#                                               (a real window under Xvfb, as scripts/screenshots.sh)
# The folder holds three corpus documents (Guangdong 2012, Guizhou 2014, Guangzhou 2014, with their
# MANIFEST rows); the draft is the Xianning 2014 opinions.
# Needs: chromium fonts-noto-cjk libreoffice-writer-nogui poppler-utils, and for the app picture the
# packages scripts/screenshots.sh names (xvfb, mesa) (apt-get install -y …).
# Usage: scripts/check-screenshots.sh [OUTDIR]   (OUTDIR keeps the reports; default: a temporary folder)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
out="${1:-$(mktemp -d)}"
mkdir -p "$out/政策库" screenshots

for name in guangdong-2012 guizhou-2014 guangzhou-2014; do cp "corpus/$name.txt" "$out/政策库/"; done
grep -E '^(file|guangdong-2012|guizhou-2014|guangzhou-2014)' corpus/MANIFEST.tsv > "$out/政策库/MANIFEST.tsv"
cargo build --quiet --bin duizhao
bin="$CARGO_TARGET_DIR/debug/duizhao"
draft="$(realpath corpus/xianning-2014.txt)"
# Run from OUTDIR with a relative folder, so the report names the folder as a user would type it.
for ext in html docx; do
  (cd "$out" && "$bin" scan --corpus 政策库 --against "$draft" --report "check.$ext" > /dev/null)
done

# shellcheck source=scripts/lib/chrome.sh
. scripts/lib/chrome.sh
chrome --screenshot=screenshots/check-report-html.png --window-size=1280,1500 "file://$(realpath "$out/check.html")"

# A copy whose page starts at the passages (a screenshot cannot scroll to a fragment).
python3 - "$out/check.html" "$out/check-passages.html" <<'PY'
import sys
html = open(sys.argv[1], encoding="utf-8").read()
start = html.index('<section id="passages">')
end = html.index("</body>")
open(sys.argv[2], "w", encoding="utf-8").write(html[: html.index("<body>") + 6] + html[start:end] + html[end:])
PY
chrome --screenshot=screenshots/check-report-html-passages.png --window-size=1280,1500 \
  "file://$(realpath "$out/check-passages.html")"

soffice -env:UserInstallation="file://$out/lo-profile" --headless --convert-to pdf --outdir "$out" "$out/check.docx" > /dev/null
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$out/check.pdf" screenshots/check-report-docx
pages=$(pdfinfo "$out/check.pdf" | awk '/^Pages:/ {print $2}')
passages=1
for ((p = 1; p <= pages; p++)); do
  if pdftotext -f "$p" -l "$p" "$out/check.pdf" - | grep -q "逐段对照"; then passages=$p; break; fi
done
# The heading page may be mostly the sections table; show the page after it unless it is the last.
passages=$((passages < pages ? passages + 1 : passages))
pdftoppm -png -r 80 -f "$passages" -l "$passages" -singlefile "$out/check.pdf" screenshots/check-report-docx-passages
# The app, on its bundled corpus (Guangdong 2012 beside Xianning 2014), checks Xianning against the
# same folder; a private home keeps this machine's settings out of the picture.
mkdir -p "$out/home"
HOME="$out/home" XDG_DATA_HOME="$out/home" LIBGL_ALWAYS_SOFTWARE=1 DUIZHAO_SCREENSHOT=screenshots/check-report-app.png \
  DUIZHAO_VIEW=side_by_side DUIZHAO_THEME=light DUIZHAO_FOLDER_CHECK="$(realpath "$out/政策库")" \
  timeout 300 xvfb-run -a -s "-screen 0 1400x900x24" "$bin"
echo "reports in $out; screenshots in screenshots/ (docx: $pages pages, passages on page $passages)"
