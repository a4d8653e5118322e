# Headless Chromium with a throwaway profile, for the screenshot scripts: `chrome ARGS...`.
chrome() {
  local profile
  profile="$(mktemp -d)"
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --user-data-dir="$profile" --hide-scrollbars "$@" 2> /dev/null
  rm -rf "$profile"
}
