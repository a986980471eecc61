#!/usr/bin/env bash
# Dev tool: renders the fixture run's report.html in headless Chromium and saves a screenshot,
# to look at the timeline chart after a change. Needs `npm run build` first and a Chromium
# (Debian: apt-get install -y chromium). Not part of the test suite.
#   bash test/tools/screenshot-report.sh [out.png] [width,height] [only=INDEX] [scale=FACTOR]
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-/tmp/report.png}"
size="${2:-1400,1800}"
shift $(( $# < 2 ? $# : 2 ))
dir="$(mktemp -d)"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
node dist/test/tools/writeSampleReports.js "$dir" "$@" >/dev/null
timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --screenshot="$out" --window-size="$size" \
  "file://$dir/report.html" 2>/dev/null
echo "report: $dir/report.html"
echo "screenshot: $out"
