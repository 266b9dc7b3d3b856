#!/usr/bin/env bash
# Screenshots of the evidence browser for the README: `isnad serve seeds/` on a free
# loopback port, headless Chromium (Debian's `chromium`), then the server is stopped.
# Usage: bash examples/screenshots.sh        (after `cargo build --release`)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=target/release/isnad
log=$(mktemp); profile=$(mktemp -d)
"$bin" serve seeds/ -q --bind 127.0.0.1:0 2>"$log" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$log" "$profile"' EXIT
for _ in $(seq 50); do grep -q "serving on" "$log" && break; sleep 0.1; done
base=$(grep -o 'http://[0-9.:]*' "$log" | head -1)
shot() {
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$profile" --window-size="$3" \
    --screenshot="$2" "$base$1" 2>/dev/null
  echo "wrote $2 ($base$1)"
}
shot /entity/Belarus examples/browser-belarus.png 1200,1180
shot "/?example=01-visited-russia" examples/browser-query.png 1200,900
