#!/bin/sh
# Recipe for tests/fixtures/word97/*.doc and *.wps: two corpus texts (and a Latin text, a list-numbered
# document and one with tracked changes, below) converted by LibreOffice Writer
# to Word 97–2003 (.doc, "MS Word 97" filter). The .wps copies are the same bytes under Kingsoft's
# extension: WPS Office saves .wps files in the Word binary format inside an OLE compound file, which
# is the case Duizhao reads (the pre-2005 Kingsoft format is refused with a message).
# Run from the repository root:  sh scripts/make_doc_fixtures.sh   (needs soffice and python3, e.g. the Debian
# package libreoffice-writer-nogui). CI does not run this; the outputs are committed.
set -eu
out=tests/fixtures/word97
mkdir -p "$out"
work=$(mktemp -d)
for name in guangdong-2012 xianning-2014; do
    cp "corpus/$name.txt" "$work/$name.txt"
    soffice --headless --infilter="Text (encoded):UTF8,LF,,," --convert-to 'doc:MS Word 97' \
        --outdir "$work" "$work/$name.txt" >/dev/null
    cp "$work/$name.doc" "$out/$name.doc"
done
cp "$out/xianning-2014.doc" "$out/xianning-2014.wps"
# Latin text with cp1252 punctuation (tests/it/formats.rs rewrites its piece as a compressed one).
printf 'Article 1 \342\200\234Quoted\342\200\235 text \342\200\223 dash\nSecond paragraph caf\303\251\n' > "$work/latin.txt"
soffice --headless --infilter="Text (encoded):UTF8,LF,,," --convert-to 'doc:MS Word 97' --outdir "$work" \
    "$work/latin.txt" >/dev/null
cp "$work/latin.doc" "$out/latin.doc"
# Automatic list numbering (一、 （一） 1. from Word's list feature, not typed): a .docx made by
# scripts/make_numbered_docx.py, converted to .doc; both are kept.
python3 scripts/make_numbered_docx.py "$work/numbered.docx"
soffice --headless --convert-to 'doc:MS Word 97' --outdir "$work" "$work/numbered.docx" >/dev/null
cp "$work/numbered.docx" "$work/numbered.doc" "$out/"
# Tracked changes (an insertion and a deletion in two paragraphs), by scripts/make_tracked_docx.py.
python3 scripts/make_tracked_docx.py "$work/tracked.docx"
soffice --headless --convert-to 'doc:MS Word 97' --outdir "$work" "$work/tracked.docx" >/dev/null
cp "$work/tracked.docx" "$work/tracked.doc" "$out/"
rm -r "$work"
ls -l "$out"
