#!/usr/bin/env bash
# Render the revision table (新旧条文对照表) of a real version pair and take screenshots of it:
#   screenshots/revision-docx.png      the .docx converted to PDF by LibreOffice, page 1 (pdftoppm)
#   screenshots/revision-docx-2.png    page 2 of the same PDF (moves, splits)
#   screenshots/revision-html.png      the HTML table in headless Chromium
# Needs: chromium fonts-noto-cjk libreoffice-writer-nogui poppler-utils.
# Usage: scripts/revision-screenshots.sh [OUTDIR]   (OUTDIR keeps the reports; default: a temporary folder)
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
out="${1:-$(mktemp -d)}"
mkdir -p "$out" screenshots
pair=tests/data/revision/zhongxiao-payment
cargo build --quiet --bin duizhao
bin="$CARGO_TARGET_DIR/debug/duizhao"
for ext in docx html md csv json; do
  "$bin" revise "$pair/old.md" "$pair/new.md" --report "$out/revision.$ext" > /dev/null 2>&1
done

profile="$(mktemp -d)"
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --user-data-dir="$profile" --hide-scrollbars \
  --screenshot=screenshots/revision-html.png --window-size=1400,1800 "file://$(realpath "$out/revision.html")" 2> /dev/null
rm -rf "$profile"

soffice -env:UserInstallation="file://$out/lo-profile" --headless --convert-to pdf --outdir "$out" "$out/revision.docx" > /dev/null
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$out/revision.pdf" screenshots/revision-docx
pdftoppm -png -r 80 -f 2 -l 2 -singlefile "$out/revision.pdf" screenshots/revision-docx-2
pages=$(pdfinfo "$out/revision.pdf" | awk '/^Pages:/ {print $2}')
echo "reports in $out; screenshots in screenshots/ (docx: $pages pages)"

# The app's revision-table view on the same pair, taken by the app itself under Xvfb
# (DUIZHAO_SCREENSHOT / DUIZHAO_VIEW, see src/gui/screenshot.rs): the view builds the table on its
# own because the two documents are versions of one another.
home="$(mktemp -d)"
HOME="$home" XDG_DATA_HOME="$home" LIBGL_ALWAYS_SOFTWARE=1 \
  DUIZHAO_SCREENSHOT=screenshots/revision-app.png DUIZHAO_VIEW=revision DUIZHAO_THEME=light DUIZHAO_SIZE=1400x900 \
  timeout 300 xvfb-run -a -s "-screen 0 1400x900x24" "$bin" "$pair/old.md" "$pair/new.md"
rm -rf "$home"
[ -s screenshots/revision-app.png ] || { echo "no app screenshot" >&2; exit 1; }
