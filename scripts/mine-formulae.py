#!/usr/bin/env python3
"""Mine the boilerplate formula table (assets/boilerplate/formulae.tsv) from a law collection.

What it finds: normalised character strings (8–40 chars) that recur in many UNRELATED documents —
documents of different subjects, so that a clause a family of regulations copied from a common
source (法律援助条例 → 省 → 市) does not count, however many members the family has, while
构成犯罪的，依法追究刑事责任 or 本条例自…起施行 does.

Recipe
------
Collection: LawRefBook/Laws (https://github.com/LawRefBook/Laws), Markdown texts of national laws,
administrative regulations, judicial interpretations, departmental rules and local regulations
(DLC/ folders). The table in assets/ was mined from commit
2f4c5c23716267af9dbebbbbd6cbbf732b101981 (3,504 Markdown files, 58 MB). Do not commit the
collection itself.

    git clone --bare https://github.com/LawRefBook/Laws /tmp/Laws.git      # or any mirror
    python3 scripts/mine-formulae.py --git /tmp/Laws.git --rev 2f4c5c23716267af9dbebbbbd6cbbf732b101981 \
        --review assets/boilerplate/review.tsv --out assets/boilerplate/formulae.tsv
    # or, on a checked-out tree:  --dir /path/to/Laws

Python 3.8+, standard library only; about a minute and < 1 GB on one core.

Method and parameters
---------------------
1. Documents: every *.md except case reports (案例/), indexes (_index.md), README and templates.
   The text after <!-- INFO END --> (the article text; the adoption-date lines are skipped).
2. Subject of a document, from its title: region prefix (…省/…市/…自治区/…自治州/…县/经济特区),
   中华人民共和国, the genre words (条例, 办法, 规定, 实施细则, 决定, 若干, 暂行, 试行, 修正 …) and
   the date are removed; what is left (法律援助, 气象灾害防御, 物业管理 …) is the subject. Documents
   with the same subject form one family (the national text, provincial and city versions, and
   every revision). Subject keywords are the character bigrams of the subject, minus bigrams found in
   more than --generic-share of all subjects (管理, 保护 … are not subjects by themselves).
3. Normalisation: NFKC (full/half width), only letters and digits kept (punctuation and whitespace
   dropped), every run of Arabic digits → '#', 第<Chinese numeral>条/款/项/章/节/编 → 第#条 …,
   article numbers at the start of a line and list markers （一） removed. Text is cut into
   sentences at 。；！？ and line ends; strings never cross a sentence end.
4. Counting: every k-gram (--k, default 8) is counted once per family (hashed into a 2^24 table, then
   counted exactly for the k-grams that pass). From each position a string is extended while the
   families holding all its k-grams stay >= --min-families, up to --max-len chars; the families
   that hold the whole string are then checked exactly.
5. Unrelatedness: doc_count is the size of a greedy set of families holding the string whose
   subjects share no keyword (deterministic order). Strings with doc_count < --min-families are
   dropped. A string contained in a longer kept string with at least --subsume of its doc_count is
   dropped (the longer one says it). Defaults: k 8, max-len 40, min-families 40, subsume 0.5,
   generic-share 0.02.
6. Kind: by pattern, first match wins (adoption_note, commendation, purpose_clause,
   effective_clause, interpretation, liability, penalty, deference, approval, party_line,
   department_list, authorization, definition, procedure, cross_reference, generic).
7. Hand review: --review TSV (columns formula, decision, kind, reason): decision `drop` removes a
   mined string that is a real provision (or noise), a non-empty kind overrides the pattern's
   kind. The review file is the human part of the recipe and is committed beside the table.

Output columns: formula, kind, doc_count, example_source. `formula` is the normalised string with
'…' where the normalised text had a digit run ('#'), which the reuse engine's formula matcher
(src/reuse/boilerplate.rs) reads as "up to 40 chars of any text"; leading/trailing number
wildcards are trimmed.
"""
import argparse
import array
import collections
import pathlib
import re
import subprocess
import sys
import unicodedata

CN_NUM = "〇零一二三四五六七八九十百千"
ARTICLE_HEAD = re.compile(rf"^\s*第[{CN_NUM}]+[条章节编]\s*")
LIST_MARK = re.compile(rf"^\s*[（(][{CN_NUM}\d]+[)）]\s*")
CN_REF = re.compile(rf"第[{CN_NUM}]+(?=[条章节编款项目])")
DIGITS = re.compile(r"\d+")
SENTENCE_END = re.compile(r"[。；;！!？?\n]")

GENRE_WORDS = [
    "中华人民共和国", "实施细则", "实施办法", "实施条例", "若干规定", "若干问题", "暂行规定", "暂行条例",
    "暂行办法", "条例", "办法", "规定", "规则", "细则", "决定", "解释", "意见", "通知", "批复", "规程",
    "实施", "若干", "暂行", "试行", "修正", "修订", "草案", "关于", "的", "法",
]
REGION = re.compile(
    r"^(?:[^\s]{2,7}?(?:省|自治区|特别行政区))?(?:[^\s]{2,7}?(?:市|自治州|地区|盟))?"
    r"(?:[^\s]{2,7}?(?:县|区|旗))?(?:经济特区)?"
)

KINDS = [
    ("adoption_note", re.compile(r"常务委员会第|会议通过|年…月…日.{0,3}(省|市|国务院)")),
    ("commendation", re.compile(r"表彰|奖励|突出贡献|显著成绩|做出成绩|作出成绩")),
    ("purpose_clause", re.compile(r"制定本(条例|办法|规定|法|细则|决定)|为了.*根据|结合本(省|市|自治区|地)实际")),
    ("effective_clause", re.compile(r"起施行|施行之日|同时废止|公布之日")),
    ("interpretation", re.compile(r"负责解释|具体应用问题")),
    ("liability", re.compile(r"刑事责任|行政处分|依法给予处分|处分|赔偿责任|治安管理")),
    ("penalty", re.compile(r"罚款|没收|吊销|责令(改正|停止|限期)|警告|元以上|元以下|违法所得")),
    ("deference", re.compile(r"从其规定|另有规定|适用本(条例|办法|规定)|依照.*规定执行")),
    ("approval", re.compile(r"同意|批准后|备案")),
    ("party_line", re.compile(r"党的|中国共产党|习近平|思想|社会主义核心价值观")),
    ("department_list", re.compile(r"(部门|机关|机构)按照.*职责|有关部门|主管部门")),
    ("authorization", re.compile(r"县级以上.*人民政府|国务院")),
    ("definition", re.compile(r"本(条例|办法|规定|法)所称|是指|下列用语的含义")),
    ("procedure", re.compile(r"之日起|工作日内|日内|行政复议|行政诉讼|人民法院|起诉|强制执行")),
    ("party_line", re.compile(r"社会主义")),
    ("cross_reference", re.compile(r"第…(条|款|项|章)|本(条例|办法|规定|法)第|前款")),
]


def normalise_sentence(s: str) -> str:
    s = unicodedata.normalize("NFKC", s)
    s = CN_REF.sub("第#", s)
    s = DIGITS.sub("#", s)
    return "".join(c for c in s if c == "#" or unicodedata.category(c)[0] in "LN")


def sentences(body: str):
    for line in body.splitlines():
        line = re.sub(r"^#+\s*", "", line.strip()).replace("**", "")
        line = ARTICLE_HEAD.sub("", line)
        line = LIST_MARK.sub("", line)
        for piece in SENTENCE_END.split(line):
            n = normalise_sentence(piece)
            if n:
                yield n


def subject_of(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    name = re.sub(r"\.md$", "", name)
    name = re.sub(r"[（(][^）)]*[）)]", "", name)
    name = unicodedata.normalize("NFKC", name).replace("中华人民共和国", "")
    m = REGION.match(name)
    if m and m.end() < len(name) - 1:
        name = name[m.end():]
    for w in GENRE_WORDS:
        if len(name) > len(w) + 1:
            name = name.replace(w, "")
    name = re.sub(r"[^\w]", "", name)
    return name or path


def load_git(git_dir: str, rev: str):
    ls = subprocess.run(["git", "-C", git_dir, "-c", "core.quotepath=off", "ls-tree", "-r", rev],
                        capture_output=True, check=True, text=True).stdout
    items = []
    for line in ls.splitlines():
        meta, path = line.split("\t", 1)
        if path.endswith(".md"):
            items.append((path, meta.split()[2]))
    proc = subprocess.Popen(["git", "-C", git_dir, "cat-file", "--batch"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE)
    for path, sha in items:
        proc.stdin.write((sha + "\n").encode()); proc.stdin.flush()
        header = proc.stdout.readline().split()
        size = int(header[2])
        data = proc.stdout.read(size); proc.stdout.read(1)
        yield path, data.decode("utf-8", errors="replace")
    proc.stdin.close(); proc.wait()


def load_dir(root: str):
    base = pathlib.Path(root)
    for p in sorted(base.rglob("*.md")):
        yield str(p.relative_to(base)), p.read_text(encoding="utf-8", errors="replace")


def wanted(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return not (path.startswith("案例/") or "/案例/" in path or name in ("_index.md", "README.md")
                or "模版" in name or "模板" in name or path.startswith(".github"))


def kind_of(formula: str) -> str:
    for kind, pat in KINDS:
        if pat.search(formula):
            return kind
    return "generic"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--git", help="a git directory of the collection (bare or not)")
    src.add_argument("--dir", help="a checked-out collection")
    ap.add_argument("--rev", default="HEAD")
    ap.add_argument("--k", type=int, default=8)
    ap.add_argument("--max-len", type=int, default=40)
    ap.add_argument("--min-families", type=int, default=40,
                    help="min number of unrelated subject families holding a string")
    ap.add_argument("--generic-share", type=float, default=0.02,
                    help="subject bigrams in more than this share of subjects are not keywords")
    ap.add_argument("--subsume", type=float, default=0.5)
    ap.add_argument("--review", help="hand review TSV (formula, decision, kind, reason)")
    ap.add_argument("--out", help="output TSV (default stdout)")
    args = ap.parse_args()
    k = args.k

    docs = []  # (path, subject, [sentences])
    loader = load_git(args.git, args.rev) if args.git else load_dir(args.dir)
    for path, text in loader:
        if not wanted(path):
            continue
        body = text.split("<!-- INFO END -->", 1)[1] if "<!-- INFO END -->" in text else text
        sents = [s for s in sentences(body) if len(s) >= k]
        if sents:
            docs.append((path, subject_of(path), sents))
    docs.sort()
    fam_of_subject = {}
    for _, subj, _ in docs:
        fam_of_subject.setdefault(subj, len(fam_of_subject))
    n_fam = len(fam_of_subject)
    print(f"{len(docs)} documents, {n_fam} subject families", file=sys.stderr)

    # subject keywords
    def bigrams(s):
        return {s[i:i + 2] for i in range(len(s) - 1)}
    bg_count = collections.Counter(b for s in fam_of_subject for b in bigrams(s))
    generic = {b for b, c in bg_count.items() if c > args.generic_share * n_fam}
    keywords = {f: (bigrams(s) - generic) or {s} for s, f in fam_of_subject.items()}
    example = {}
    fam_docs = collections.defaultdict(list)
    for path, subj, sents in docs:
        fam_docs[fam_of_subject[subj]].append((path, sents))

    # pass 1: hashed k-gram family counts
    size = 1 << 24
    table = array.array("H", bytes(2 * size))
    for f, members in fam_docs.items():
        seen = set()
        for _, sents in members:
            for s in sents:
                for i in range(len(s) - k + 1):
                    seen.add(hash(s[i:i + k]) & (size - 1))
        for b in seen:
            if table[b] < 65535:
                table[b] += 1
    # pass 2: exact family sets of the k-grams that passed
    gram_fams = collections.defaultdict(set)
    for f, members in fam_docs.items():
        for _, sents in members:
            for s in sents:
                for i in range(len(s) - k + 1):
                    g = s[i:i + k]
                    if table[hash(g) & (size - 1)] >= args.min_families:
                        gram_fams[g].add(f)
    frequent = {g: fs for g, fs in gram_fams.items() if len(fs) >= args.min_families}
    del gram_fams, table
    print(f"{len(frequent)} frequent {k}-grams", file=sys.stderr)

    # pass 3: extend from every position while the families holding all k-grams stay numerous
    candidates = {}
    for f, members in fam_docs.items():
        for path, sents in members:
            for s in sents:
                i = 0
                while i <= len(s) - k:
                    g = s[i:i + k]
                    if g not in frequent:
                        i += 1
                        continue
                    fams = frequent[g]
                    j = i + 1
                    while j <= len(s) - k and j + k - i <= args.max_len:
                        nxt = s[j:j + k]
                        if nxt not in frequent:
                            break
                        inter = fams & frequent[nxt]
                        if len(inter) < args.min_families:
                            break
                        fams = inter
                        j += 1
                    cand = s[i:j + k - 1].strip("#")
                    if len(cand) >= k and cand not in candidates:
                        candidates[cand] = fams
                        example.setdefault(cand, path)
                    i += 1
    print(f"{len(candidates)} candidate strings", file=sys.stderr)

    fam_text = {f: "|".join(s for _, sents in members for s in sents) for f, members in fam_docs.items()}
    order = sorted(fam_docs, key=lambda f: (len(keywords[f]), f))
    rank = {f: r for r, f in enumerate(order)}
    scored = {}
    for cand, fams in candidates.items():
        holding = sorted((f for f in fams if cand in fam_text[f]), key=rank.__getitem__)
        if len(holding) < args.min_families:
            continue
        picked, used = [], set()
        for f in holding:
            if keywords[f].isdisjoint(used):
                picked.append(f)
                used |= keywords[f]
        if len(picked) >= args.min_families:
            scored[cand] = len(picked)
    # drop strings said by a longer kept string
    kept = []
    for cand in sorted(scored, key=lambda c: (-len(c), c)):
        if any(cand in longer and scored[longer] >= args.subsume * scored[cand] for longer in kept):
            continue
        kept.append(cand)

    review = {}
    if args.review:
        for line in pathlib.Path(args.review).read_text(encoding="utf-8").splitlines()[1:]:
            cols = line.split("\t")
            if cols and cols[0]:
                review[cols[0]] = (cols[1] if len(cols) > 1 else "", cols[2] if len(cols) > 2 else "")
    rows = []
    for cand in kept:
        formula = cand.replace("#", "…")
        decision, kind = review.get(formula, ("", ""))
        if decision == "drop":
            continue
        path = example[cand]
        rows.append((formula, kind or kind_of(formula), scored[cand], path))
    rows.sort(key=lambda r: (r[1], -r[2], r[0]))
    out = ["formula\tkind\tdoc_count\texample_source"]
    out += [f"{f}\t{kd}\t{n}\t{p}" for f, kd, n, p in rows]
    text = "\n".join(out) + "\n"
    if args.out:
        pathlib.Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    print(f"{len(rows)} formulae written ({len(kept) - len(rows)} dropped by review)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
