#!/usr/bin/env python3
"""Check a hand-judged sentence-level reuse set (tests/data/reuse/corpus-sentences.tsv).

Every row must name a later document in corpus/, and its `later_text` (and `source_text`, when
given) must occur exactly once in the later document (resp. corpus/guangdong-2012.txt), so that a
test can locate them with `str::find`. Also reports rows of different kinds that overlap in the same
later document (a contradiction), and the counts per kind and per document.

Usage: python3 scripts/check-reuse-set.py [TSV] [CORPUS_DIR] [SOURCE_NAME]
Standard library only; exit status 1 on any error.
"""
import collections
import csv
import pathlib
import sys


def main() -> int:
    root = pathlib.Path(__file__).resolve().parent.parent
    tsv = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else root / "tests/data/reuse/corpus-sentences.tsv"
    corpus = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else root / "corpus"
    source_name = sys.argv[3] if len(sys.argv) > 3 else "guangdong-2012"
    source = (corpus / f"{source_name}.txt").read_text(encoding="utf-8")
    errors = 0
    spans = collections.defaultdict(list)
    kinds = collections.Counter()
    docs = collections.Counter()
    ids = set()
    with tsv.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    for row in rows:
        rid, doc, later, src, kind = (row[k] for k in ("id", "later_doc", "later_text", "source_text", "kind"))
        if rid in ids:
            print(f"{rid}: duplicate id"); errors += 1
        ids.add(rid)
        if kind not in ("verbatim", "edited", "not_reuse"):
            print(f"{rid}: unknown kind {kind!r}"); errors += 1
        path = corpus / f"{doc}.txt"
        if not path.exists():
            print(f"{rid}: no such document {path}"); errors += 1
            continue
        text = path.read_text(encoding="utf-8")
        n = text.count(later)
        if n != 1:
            print(f"{rid}: later_text occurs {n} times in {doc}: {later[:30]}"); errors += 1
        if src:
            m = source.count(src)
            if m != 1:
                print(f"{rid}: source_text occurs {m} times in {source_name}: {src[:30]}"); errors += 1
        elif kind != "not_reuse":
            print(f"{rid}: reuse row without source_text"); errors += 1
        start = text.find(later)
        if start >= 0:
            # char offsets (Unicode scalar values), as the Rust side uses
            spans[doc].append((len(text[:start]), len(text[:start]) + len(later), kind, rid))
        kinds[kind] += 1
        docs[doc] += 1
    for doc, ss in spans.items():
        ss.sort()
        for a, b in zip(ss, ss[1:]):
            if b[0] < a[1] and (a[2] == "not_reuse") != (b[2] == "not_reuse"):
                print(f"{a[3]} and {b[3]} overlap in {doc} with contradicting kinds"); errors += 1
    print(f"{len(rows)} rows; kinds {dict(kinds)}; documents {dict(docs)}; errors {errors}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
