#!/usr/bin/env python3
"""Count hand-judged reuse in a family of regulations (tests/data/families/<name>/).

The judgement is made by a person: `expected-spans.tsv` lists, per ordered pair (earlier → later),
the spans of each later article that were copied or closely rewritten from a source article of the
earlier text. This script only does the arithmetic and the checks:

  python3 scripts/family-count.py DIR            # check spans, write expected-articles.tsv and
                                                 # expected.tsv in DIR, print the ratios
  python3 scripts/family-count.py DIR --suggest EARLIER LATER
                                                 # aid for reading: for each article of LATER, the
                                                 # most similar article of EARLIER and their shared
                                                 # runs (>= 4 chars); not a judgement

Countable characters are letters and digits (Unicode categories L* and N*): whitespace,
punctuation and symbols do not count. Article numbers (第X条) and chapter lines never count as
copied. A document's ratio is copied countable chars / countable chars of the whole file (title and
date lines included); the ratio over article text only is given too.

expected-spans.tsv columns: earlier, later, later_article, source_article, span, note — `span` an
exact substring of the later article's text (its first occurrence there is counted; overlapping
spans of one pair are counted once; a line break inside a span is written \\n).
If DIR holds boilerplate.tsv (file, formula, …) or shared.tsv (…, file, text, …), every listed
text is checked to occur in its file.

Standard library only.
"""
import collections
import csv
import difflib
import pathlib
import re
import sys
import unicodedata

ARTICLE = re.compile(r"^(第[一二三四五六七八九十百零〇]+条)\s*")
CHAPTER = re.compile(r"^第[一二三四五六七八九十百零〇]+章")


def countable(text: str) -> int:
    return sum(1 for c in text if unicodedata.category(c)[0] in "LN")


def articles(path: pathlib.Path) -> "collections.OrderedDict[str, str]":
    """Article number → article text (number stripped; lines joined with newlines)."""
    arts: "collections.OrderedDict[str, str]" = collections.OrderedDict()
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        m = ARTICLE.match(line)
        if m:
            current = m.group(1)
            arts[current] = line[m.end():]
        elif CHAPTER.match(line) or current is None:
            continue
        else:
            arts[current] += "\n" + line
    return arts


def suggest(d: pathlib.Path, earlier: str, later: str) -> None:
    src = articles(d / f"{earlier}.txt")
    dst = articles(d / f"{later}.txt")
    for num, text in dst.items():
        best = max(src.items(), key=lambda kv: difflib.SequenceMatcher(None, kv[1], text, autojunk=False).ratio())
        sm = difflib.SequenceMatcher(None, best[1], text, autojunk=False)
        runs = [text[b.b:b.b + b.size] for b in sm.get_matching_blocks() if b.size >= 4]
        shared = sum(countable(r) for r in runs)
        print(f"{num} ({countable(text)}) ← {best[0]} ratio {sm.ratio():.2f} shared {shared}: {' | '.join(runs)}")


def count(d: pathlib.Path) -> int:
    errors = 0
    texts = {}
    per_pair_marks = collections.defaultdict(set)  # (earlier, later) → {(article, index)}
    per_article = collections.OrderedDict()  # (earlier, later, art, src) → [marks, notes]
    with (d / "expected-spans.tsv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    for row in rows:
        e, l, art, src, span = (row[k] for k in ("earlier", "later", "later_article", "source_article", "span"))
        span = span.replace("\\n", "\n")  # a list spanning lines is written with \n
        for name in (e, l):
            if name not in texts:
                texts[name] = articles(d / f"{name}.txt")
        if art not in texts[l]:
            print(f"no article {art} in {l}"); errors += 1; continue
        if src not in texts[e]:
            print(f"no article {src} in {e}"); errors += 1; continue
        body = texts[l][art]
        at = body.find(span)
        if at < 0:
            print(f"span not in {l} {art}: {span}"); errors += 1; continue
        marks = {(art, i) for i in range(at, at + len(span)) if unicodedata.category(body[i])[0] in "LN"}
        key = (e, l, art, src)
        entry = per_article.setdefault(key, [set(), []])
        entry[0] |= marks
        if row.get("note"):
            entry[1].append(row["note"])
        per_pair_marks[(e, l)] |= marks
    with (d / "expected-articles.tsv").open("w", encoding="utf-8") as out:
        out.write("earlier\tlater\tlater_article\tsource_article\tcopied_chars\tlater_article_chars\tnote\n")
        for (e, l, art, src), (marks, notes) in per_article.items():
            out.write(f"{e}\t{l}\t{art}\t{src}\t{len(marks)}\t{countable(texts[l][art])}\t{'; '.join(notes)}\n")
    with (d / "expected.tsv").open("w", encoding="utf-8") as out:
        out.write("earlier\tlater\tcopied_chars\tlater_chars\tratio\tlater_article_chars\tratio_of_articles\n")
        for (e, l), marks in per_pair_marks.items():
            whole = countable((d / f"{l}.txt").read_text(encoding="utf-8"))
            arts = sum(countable(t) for t in texts[l].values())
            line = f"{e}\t{l}\t{len(marks)}\t{whole}\t{len(marks) / whole:.3f}\t{arts}\t{len(marks) / arts:.3f}"
            out.write(line + "\n")
            print(line)
    for listing, column in (("boilerplate.tsv", "formula"), ("shared.tsv", "text")):
        if (d / listing).exists():
            with (d / listing).open(encoding="utf-8", newline="") as f:
                for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
                    if row[column] not in (d / row["file"]).read_text(encoding="utf-8"):
                        print(f"{listing}: not in {row['file']}: {row[column]}"); errors += 1
    return 1 if errors else 0


def main() -> int:
    d = pathlib.Path(sys.argv[1])
    if len(sys.argv) == 5 and sys.argv[2] == "--suggest":
        suggest(d, sys.argv[3], sys.argv[4])
        return 0
    return count(d)


if __name__ == "__main__":
    sys.exit(main())
