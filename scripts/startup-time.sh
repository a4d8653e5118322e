#!/usr/bin/env bash
# Start-up time of the release app in a real window under Xvfb: prints the time to the first frame
# and to the first frame with the analysis of the bundled corpus on screen (issue 4: first frame < 1 s).
# Needs: apt-get install -y xvfb libgl1 libglx-mesa0 libgl1-mesa-dri libxcursor1 libxi6 libxkbcommon-x11-0
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
binary="${CARGO_TARGET_DIR:-target}/release/duizhao"
for run in 1 2 3 4 5; do
  DUIZHAO_TIMING=1 timeout 15 xvfb-run -a -s "-screen 0 1400x900x24" "$binary" 2>&1 | grep 'duizhao:' &
  sleep 10
  pkill -f "$binary" || true
  wait || true
done
