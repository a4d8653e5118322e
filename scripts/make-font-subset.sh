#!/usr/bin/env bash
# Rebuild assets/fonts/NotoSansSC-Subset.otf: Noto Sans CJK SC cut down to what Duizhao draws.
#
# The subset holds GB2312 (the 6,763 common simplified hanzi and their symbols), every char of the
# bundled corpus, CJK / full-width / general punctuation, arrows and ASCII. Rarer characters fall back
# to fonts installed on the user's system at run time (eframe `system_fonts`).
#
# Needs: apt-get install -y fonts-noto-cjk; pip install fonttools
set -euo pipefail
cd "$(dirname "$0")/.."

SOURCE=${SOURCE:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}
OUT=assets/fonts/NotoSansSC-Subset.otf
CHARS=$(mktemp)
trap 'rm -f "$CHARS"' EXIT

# Index of "Noto Sans CJK SC" inside the collection (2 in the Debian package; looked up, not assumed).
INDEX=$(python3 - "$SOURCE" <<'PY'
import sys
from fontTools.ttLib import TTCollection
for i, font in enumerate(TTCollection(sys.argv[1]).fonts):
    if font["name"].getDebugName(4) == "Noto Sans CJK SC":
        print(i)
        break
else:
    sys.exit("Noto Sans CJK SC not found in " + sys.argv[1])
PY
)

python3 - "$CHARS" corpus/*.txt <<'PY'
import sys
chars = set()
for hi in range(0xA1, 0xF8):
    for lo in range(0xA1, 0xFF):
        try:
            chars.update(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
for path in sys.argv[2:]:
    chars.update(open(path, encoding="utf-8").read())
ranges = [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x2190, 0x21FF), (0x2460, 0x24FF),
          (0x25A0, 0x25FF), (0x3000, 0x303F), (0xFF00, 0xFFEF)]
for lo, hi in ranges:
    chars.update(chr(c) for c in range(lo, hi + 1))
chars.discard("\n"); chars.discard("\r"); chars.discard("\t")
open(sys.argv[1], "w", encoding="utf-8").write("".join(sorted(chars)))
print(f"{len(chars)} chars", file=sys.stderr)
PY

pyftsubset "$SOURCE" --font-number="$INDEX" --text-file="$CHARS" --output-file="$OUT" \
  --layout-features='*' --no-hinting --desubroutinize --name-IDs='*' --name-legacy --name-languages='*'
ls -l "$OUT"
