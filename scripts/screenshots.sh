#!/usr/bin/env bash
# Screenshots of every main view of the desktop app on the bundled corpus, taken by the app itself
# in a real window under Xvfb (DUIZHAO_SCREENSHOT / DUIZHAO_VIEW, see src/gui/screenshot.rs).
#
# Needs: apt-get install -y xvfb libgl1 libglx-mesa0 libgl1-mesa-dri libxcursor1 libxi6 libxkbcommon-x11-0
# Usage: scripts/screenshots.sh [view...]   (default: all views; PROFILE=dev for a quicker build)
set -euo pipefail
cd "$(dirname "$0")/.."

PROFILE=${PROFILE:-release}
TARGET=${CARGO_TARGET_DIR:-target}
case "$PROFILE" in
  dev) BUILT="$TARGET/debug/duizhao" ;;
  *) BUILT="$TARGET/$PROFILE/duizhao" ;;
esac
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
BIN="$WORK/duizhao"
# A shared CARGO_TARGET_DIR may hold another checkout's build of the same binary by the time this
# one runs: copy it right after building and check it is this app (it knows DUIZHAO_SCREENSHOT).
for attempt in 1 2 3 4 5; do
  if cargo build --profile "$PROFILE" --bin duizhao && cp "$BUILT" "$BIN" && grep -q DUIZHAO_SCREENSHOT "$BIN"; then
    break
  fi
  echo "the built binary is not this checkout's (attempt $attempt); building again" >&2
  # Cargo may take the shared rlib built from another checkout for fresh; newer sources force a rebuild.
  touch src/lib.rs src/main.rs
  [ "$attempt" = 5 ] && { echo "could not get this checkout's binary" >&2; exit 1; }
done

VIEWS=("$@")
if [ ${#VIEWS[@]} -eq 0 ]; then
  # view[:theme[:WIDTHxHEIGHT[:hover-left|hover-right[:en]]]]
  VIEWS=(side_by_side side_by_side:dark alignment topic levers reuse documents settings
         side_by_side:light:1000x700 reuse:light:1000x700 documents:light:1000x700
         side_by_side:light:1400x900:hover-left side_by_side:light:1400x900:hover-right
         side_by_side:dark:1400x900:hover-right:en reuse:light:1000x700::en)
fi

mkdir -p screenshots
# A private home so saved settings of this machine never leak into the pictures.
HOME_DIR="$WORK/home"
mkdir -p "$HOME_DIR"
for spec in "${VIEWS[@]}"; do
  IFS=: read -r view theme size hover lang <<<"$spec"
  theme=${theme:-light}
  size=${size:-1400x900}
  out="screenshots/$view"
  [ "$theme" != light ] && out="$out-$theme"
  [ "$size" != 1400x900 ] && out="$out-$size"
  [ -n "$hover" ] && out="$out-$hover"
  [ -n "$lang" ] && out="$out-$lang"
  out="$out.png"
  rm -f "$out"
  HOME="$HOME_DIR" XDG_DATA_HOME="$HOME_DIR" LIBGL_ALWAYS_SOFTWARE=1 \
    DUIZHAO_SCREENSHOT="$out" DUIZHAO_VIEW="$view" DUIZHAO_THEME="$theme" DUIZHAO_SIZE="$size" \
    DUIZHAO_HOVER="${hover#hover-}" DUIZHAO_LANG="$lang" \
    timeout 300 xvfb-run -a -s "-screen 0 1400x900x24" "$BIN"
  [ -s "$out" ] || { echo "no screenshot for $view" >&2; exit 1; }
  echo "$out"
done
