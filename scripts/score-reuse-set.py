#!/usr/bin/env python3
"""Score a reuse result against the hand-judged set tests/data/reuse/corpus-sentences.tsv.

    cargo run --release -- compare corpus/*.txt --format json > /tmp/compare.json
    python3 scripts/score-reuse-set.py /tmp/compare.json [TSV] [CORPUS_DIR]

Reads the `duizhao.report/1` JSON of `duizhao compare` (documents with their paths, `reuse` passages
with char offsets `a:{doc,start,end}`, `b:{…}` and a `boilerplate` flag). Rules (as in
tests/data/reuse/README.md): a verbatim/edited row is found when non-boilerplate passages between
Guangdong 2012 and the row's document cover at least half of the countable characters (letters and
digits) of `later_text`; a not_reuse row is violated when they cover more than half of it.
Prints recall over reuse rows (overall, verbatim, edited), precision as 1 − violated/not_reuse rows,
and the rows missed or violated. Standard library only.
"""
import collections
import csv
import json
import pathlib
import sys
import unicodedata


def main() -> int:
    root = pathlib.Path(__file__).resolve().parent.parent
    report = json.loads(pathlib.Path(sys.argv[1]).read_text(encoding="utf-8"))
    tsv = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else root / "tests/data/reuse/corpus-sentences.tsv"
    corpus = pathlib.Path(sys.argv[3]) if len(sys.argv) > 3 else root / "corpus"
    doc_id = {pathlib.Path(d["path"]).stem: d["id"] for d in report["documents"]}
    source = doc_id.get("guangdong-2012")
    if source is None:
        print("guangdong-2012 is not among the compared documents")
        return 1
    covered = collections.defaultdict(set)  # doc id → covered char offsets (non-boilerplate, with the source)
    for p in report.get("reuse", []):
        if p.get("boilerplate"):
            continue
        a, b = p["a"], p["b"]
        if a["doc"] == source:
            covered[b["doc"]].update(range(b["start"], b["end"]))
        elif b["doc"] == source:
            covered[a["doc"]].update(range(a["start"], a["end"]))
    found = collections.Counter()
    total = collections.Counter()
    misses, violations = [], []
    with tsv.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            text = (corpus / f"{row['later_doc']}.txt").read_text(encoding="utf-8")
            start = text.find(row["later_text"])
            did = doc_id.get(row["later_doc"])
            if start < 0 or did is None:
                print(f"{row['id']}: cannot locate"); continue
            idx = [start + i for i, c in enumerate(row["later_text"]) if unicodedata.category(c)[0] in "LN"]
            share = sum(1 for i in idx if i in covered[did]) / max(1, len(idx))
            kind = row["kind"]
            total[kind] += 1
            if kind == "not_reuse":
                if share > 0.5:
                    violations.append((row["id"], share, row["later_text"]))
            elif share >= 0.5:
                found[kind] += 1
            else:
                misses.append((row["id"], kind, share, row["later_text"]))
    reuse_total = total["verbatim"] + total["edited"]
    recall = (found["verbatim"] + found["edited"]) / max(1, reuse_total)
    precision = 1 - len(violations) / max(1, total["not_reuse"])
    print(f"recall {recall:.3f} ({found['verbatim'] + found['edited']}/{reuse_total}); "
          f"verbatim {found['verbatim']}/{total['verbatim']}, edited {found['edited']}/{total['edited']}")
    print(f"must-not-match precision {precision:.3f} ({len(violations)} of {total['not_reuse']} violated)")
    for rid, kind, share, text in misses:
        print(f"  missed {rid} ({kind}, covered {share:.2f}): {text}")
    for rid, share, text in violations:
        print(f"  violated {rid} (covered {share:.2f}): {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
