#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The live preview as an author uses it: a real SDL window on a virtual X display, keys sent
# with xdotool, screenshots with ImageMagick, and hot reload of a story copy in a temp dir.
# The preview's --trace lines on stdout make the checks exact; the screenshots show what the
# author sees and are kept in $MAPREEL_SCREENSHOTS (CTest: <build>/test-artifacts/preview;
# by hand: test-artifacts/preview in the build folder holding $MAPREEL).
# Timings (reload latency) are printed, never asserted: the machine may be busy.
set -euo pipefail

MAPREEL=${MAPREEL:?set MAPREEL to the mapreel binary}
SHOTS=${MAPREEL_SCREENSHOTS:-$(cd "$(dirname "$MAPREEL")/.." && pwd)/test-artifacts/preview}
for tool in Xvfb xdotool import convert compare; do
  command -v "$tool" >/dev/null || { echo "preview test: '$tool' is missing (scripts/setup.sh installs it)"; exit 1; }
done
mkdir -p "$SHOTS"
work=$(mktemp -d)
xvfb_pid=""
preview_pid=""
cleanup() {
  [[ -n "$preview_pid" ]] && kill "$preview_pid" 2>/dev/null || true
  [[ -n "$xvfb_pid" ]] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "FAIL: $*"
  if [[ -f "$work/trace.log" ]]; then echo "--- trace ---"; tail -n 40 "$work/trace.log"; fi
  exit 1
}
pass() { echo "ok: $*"; }

# Waits up to $2 seconds (default 60: the machine may be busy) for a line matching $1.
wait_for() {
  local pattern=$1 limit=${2:-60} waited=0
  until grep -Eq -- "$pattern" "$work/trace.log"; do
    sleep 0.1
    waited=$((waited + 1))
    ((waited < limit * 10)) || fail "no trace line matching '$pattern' after ${limit}s"
    if [[ -n "$preview_pid" ]] && ! kill -0 "$preview_pid" 2>/dev/null; then
      fail "the preview exited while waiting for '$pattern'"
    fi
  done
}
# Waits up to $2 seconds (default 60) until the LAST state line matches $1: a key's effect,
# not an earlier line that happens to match.
wait_state() {
  local pattern=$1 limit=${2:-60} waited=0
  until grep '^state ' "$work/trace.log" | tail -n1 | grep -Eq -- "$pattern"; do
    sleep 0.1
    waited=$((waited + 1))
    ((waited < limit * 10)) || fail "the last state line does not match '$pattern' after ${limit}s"
  done
}
# Waits up to 60 seconds until more than $2 trace lines match $1.
wait_more() {
  local waited=0
  until (($(grep -Ec -- "$1" "$work/trace.log") > $2)); do
    sleep 0.1
    waited=$((waited + 1))
    ((waited < 600)) || fail "no new trace line matching '$1' after 60s"
  done
}
# The frame of the last state line.
last_frame() { grep '^state ' "$work/trace.log" | tail -n1 | sed -E 's/.*frame=([0-9]+).*/\1/'; }
colours() { convert "$1" -format %k info:; }
differ() { local n; n=$(compare -metric AE "$1" "$2" null: 2>&1 || true); echo "${n%% *}"; }
shot() {
  sleep 0.3 # let the frame reach the X server
  import -window root "$SHOTS/preview-$1.png"
}

story="$work/demo.yaml"
"$MAPREEL" new demo -o "$story" 2>/dev/null
# A data file the story reads, so that editing data (not only the story) is tested: a small
# territory of the south in the north-east corner of the map.
square() { # lon0 lat0 lon1 lat1
  printf '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}}]}\n' \
    "$1" "$2" "$3" "$2" "$3" "$4" "$1" "$4" "$1" "$2"
}
square 129.6 41.2 130.9 42.3 >"$work/outpost.geojson"
cat >>"$story" <<'YAML'

territories:
  - id: outpost
    side: south
    keyframes:
      - {date: 1950-06-25, region: {file: outpost.geojson}, source: own}
YAML
"$MAPREEL" check "$story" >/dev/null 2>&1 || fail "the test story is not valid: $("$MAPREEL" check "$story" 2>&1 | head -n3)"

# 1. Headless: the same loop without a display, scripted and on a simulated clock.
"$MAPREEL" preview "$story" --headless --trace --size 640x360 \
  --script "wait=2 png=$work/h0.png right png=$work/h1.png g mouse=320:150 png=$work/h2.png q" \
  >"$work/trace.log" || fail "headless run failed"
grep -q '^loaded steps=2 .* files=2 ' "$work/trace.log" || fail "headless: no load line (story and its data file)"
grep -q '^state step=2/2 ' "$work/trace.log" || fail "headless: right did not reach step 2"
grep -q 'probe=1' "$work/trace.log" || fail "headless: g did not show the probe panel"
[[ $(differ "$work/h0.png" "$work/h1.png") -gt 1000 ]] || fail "headless: step 2 looks like step 1"
pass "headless script (load, next step, probe, png)"
# An invalid story in headless mode: shown, not fatal, and reported in the exit code.
cp "$story" "$work/bad.yaml"
sed -i 's/kind: capital}/kind: capitol}/' "$work/bad.yaml"
set +e
"$MAPREEL" preview "$work/bad.yaml" --headless --trace --size 640x360 --script "wait=2 q" >"$work/trace.log" 2>&1
rc=$?
set -e
[[ $rc -eq 3 ]] || fail "headless: an invalid story should exit 3, got $rc"
grep -Eq '^diag .*bad\.yaml:[0-9]+:[0-9]+: error: ' "$work/trace.log" || fail "headless: no file:line:col diagnostic"
pass "headless invalid story: exit 3 with file:line:col"

# 2. A real window on a virtual display.
exec 5>"$work/display"
Xvfb -displayfd 5 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do [[ -s "$work/display" ]] && break; sleep 0.1; done
[[ -s "$work/display" ]] || fail "Xvfb did not start"
export DISPLAY=":$(head -n1 "$work/display")"

"$MAPREEL" preview "$story" --trace --size 960x540 >"$work/trace.log" 2>"$work/stderr.log" &
preview_pid=$!
wait_for '^loaded steps=2 '
wait_for '^state step=1/2 .*playing=0 error=0'
wid=""
for _ in $(seq 100); do
  wid=$(xdotool search --name 'mapreel preview' 2>/dev/null | head -n1 || true)
  [[ -n "$wid" ]] && break
  sleep 0.1
done
[[ -n "$wid" ]] || fail "no preview window on $DISPLAY"
# No window manager on Xvfb: give the window the keyboard directly.
xdotool windowfocus --sync "$wid" 2>/dev/null || xdotool windowfocus "$wid"
key() { xdotool key --delay 50 "$@"; }

shot start
n=$(colours "$SHOTS/preview-start.png")
[[ $n -gt 500 ]] || fail "the window looks blank ($n colours)"
pass "map shown ($n colours)"

key Right
wait_state '^state step=2/2 .*playing=0'
shot next-step
d=$(differ "$SHOTS/preview-start.png" "$SHOTS/preview-next-step.png")
[[ $d -gt 1000 ]] || fail "Right changed nothing on screen ($d pixels)"
pass "Right: step 2 ($d pixels changed)"

f0=$(last_frame)
key period period
wait_state "^state step=2/2 frame=$((f0 + 2)) "
key comma
wait_state "^state step=2/2 frame=$((f0 + 1)) "
pass "frame step with '.' and ','"
key Left
wait_state '^state step=1/2 frame=0 '
key End
wait_state '^state step=2/2 .*playing=0'
key Home
wait_state '^state step=1/2 frame=0 '
key space
wait_state 'playing=1'
sleep 1
key space
wait_state '^state .*playing=0'
pass "Left, End, Home, play and pause"
key Right
wait_state '^state step=2/2 '
# The position a reload must keep: the last state line.
before=$(grep '^state ' "$work/trace.log" | tail -n1 | sed -E 's/.*(step=[^ ]+ frame=[0-9]+).*/\1/')

# An invalid edit: the last good map stays with the diagnostics over it.
cp "$story" "$work/good.yaml"
sed -i 's/kind: capital}/kind: capitol}/' "$story"
edited=$(date +%s.%N)
wait_for '^error count='
reload_s=$(awk "BEGIN { printf \"%.2f\", $(date +%s.%N) - $edited }")
wait_for '^diag .*demo\.yaml:[0-9]+:[0-9]+: error: '
wait_state '^state .*error=1'
shot error
kill -0 "$preview_pid" || fail "the preview closed on an invalid story"
d=$(differ "$SHOTS/preview-next-step.png" "$SHOTS/preview-error.png")
[[ $d -gt 1000 ]] || fail "no error overlay on screen ($d pixels changed)"
pass "invalid edit: overlay up after ${reload_s}s ($(grep '^diag ' "$work/trace.log" | head -n1))"

# Fixing it (with a visible change) clears the overlay at the same position.
sed 's/title: "The advance"/title: "The advance south"/' "$work/good.yaml" >"$story.tmp"
mv "$story.tmp" "$story"
wait_for '^reloaded steps=2 '
wait_state '^state .*error=0'
after=$(grep '^state ' "$work/trace.log" | tail -n1 | sed -E 's/.*(step=[^ ]+ frame=[0-9]+).*/\1/')
[[ "$after" == "$before" ]] || fail "reload moved the position: $before -> $after"
shot fixed
d=$(differ "$SHOTS/preview-error.png" "$SHOTS/preview-fixed.png")
[[ $d -gt 1000 ]] || fail "the error overlay did not go away ($d pixels changed)"
pass "fixed edit: overlay cleared, position kept ($after)"
# Only the story text changed: every data layer comes from the reload cache.
reads=$(grep '^reloaded ' "$work/trace.log" | tail -n1 | sed -E 's/.* reads=([0-9]+\/[0-9]+).*/\1/')
[[ "${reads%/*}" == "${reads#*/}" && "${reads#*/}" -gt 0 ]] || fail "a story-only edit read data again (reads=$reads hit/total)"
grep '^reloaded ' "$work/trace.log" | tail -n1 | grep -q ' base=kept' || fail "a story-only edit redrew the unchanged base map"
wait_for '^shown generation=[0-9]+ error=0 .*since_save_ms='
pass "story-only reload used cached layers (reads=$reads); $(grep '^reloaded ' "$work/trace.log" | tail -n1 | grep -oE 'compile_ms=[0-9.]+'), $(grep '^shown ' "$work/trace.log" | tail -n1 | grep -oE 'since_save_ms=[0-9.]+')"

# Editing the data file reloads it: the territory moves on screen.
shown=$(grep -Ec '^shown generation=[0-9]+ error=0 ' "$work/trace.log")
square 124.2 40.0 125.2 40.8 >"$work/outpost.geojson.tmp"
mv "$work/outpost.geojson.tmp" "$work/outpost.geojson"
wait_more '^shown generation=[0-9]+ error=0 ' "$shown"
reads=$(grep '^reloaded ' "$work/trace.log" | tail -n1 | sed -E 's/.* reads=([0-9]+\/[0-9]+).*/\1/')
((${reads%/*} < ${reads#*/})) || fail "the edited data file came from the cache (reads=$reads hit/total)"
shot data-edit
d=$(differ "$SHOTS/preview-fixed.png" "$SHOTS/preview-data-edit.png")
[[ $d -gt 1000 ]] || fail "the moved territory does not show ($d pixels changed)"
pass "data file edit: read again (reads=$reads), territory moved ($d pixels changed)"

# A data file that cannot be read is shown like a story error, and repairing it clears it.
cp "$work/outpost.geojson" "$work/outpost.good"
errors=$(grep -c '^error count=' "$work/trace.log")
echo '{"type": "FeatureCollection", "features": [' >"$work/outpost.geojson"
wait_more '^error count=' "$errors"
wait_state '^state .*error=1'
grep '^diag ' "$work/trace.log" | tail -n1 | grep -q 'outpost\.geojson' || fail "the broken data file is not named: $(grep '^diag ' "$work/trace.log" | tail -n1)"
reloads=$(grep -c '^reloaded ' "$work/trace.log")
cp "$work/outpost.good" "$work/outpost.geojson"
wait_more '^reloaded ' "$reloads"
wait_state '^state .*error=0'
pass "broken data file: overlay names it, repairing it clears it"

# g: the point under the cursor.
xdotool mousemove --window "$wid" 420 240
key g
wait_state 'probe=1'
shot probe
pass "g: probe panel"
key g
wait_state '^state .*probe=0'

# Resizing lays the frame out again at the new size.
xdotool windowsize "$wid" 1100 640
wait_for '^size 1100x640'
shot resized
n=$(colours "$SHOTS/preview-resized.png")
[[ $n -gt 500 ]] || fail "blank after resize"
pass "resized to 1100x640"

key q
for _ in $(seq 100); do kill -0 "$preview_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$preview_pid" 2>/dev/null; then fail "q did not close the window"; fi
wait "$preview_pid" && rc=0 || rc=$?
preview_pid=""
[[ $rc -eq 0 ]] || fail "the preview exited with $rc"
grep -q '^exit ' "$work/trace.log" || fail "no exit line"
pass "q closes the window, exit 0 ($(grep '^exit ' "$work/trace.log"))"
# Ctrl-C (SIGINT) in the terminal closes it as well.
"$MAPREEL" preview "$story" --trace --size 640x360 >"$work/trace.log" 2>"$work/stderr.log" &
preview_pid=$!
wait_state '^state step=1/2 '
kill -INT "$preview_pid"
wait "$preview_pid" && rc=0 || rc=$?
preview_pid=""
[[ $rc -eq 7 ]] || fail "SIGINT should end the preview with exit 7, got $rc"
pass "SIGINT closes the window (exit 7)"
echo "screenshots in $SHOTS/preview-*.png"
