#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Measures the live preview's hot reload as an author meets it: a real window (on Xvfb unless
# DISPLAY is set), a one-line edit saved to a copy of a story, and the time from the save to
# the first frame drawn with the edit (the first `state` trace line after `reloaded`, which the
# preview prints once that frame is presented). Prints figures; asserts nothing (a benchmark,
# not a test).
#
#   MAPREEL=build/release/apps/mapreel tests/preview/reload_latency.sh [STORY] [EDITS]
#
# STORY defaults to the flagship; its copy goes into a temporary folder, so it must not name
# data files by relative path. Each edit moves the "Sea of Japan" label (or, when the story has
# none, changes its title) back and forth.
set -euo pipefail

MAPREEL=${MAPREEL:?set MAPREEL to the mapreel binary}
src=${1:-$(dirname "$0")/../../stories/cold-war/korean-war.yaml}
edits=${2:-8}
work=$(mktemp -d)
xvfb_pid=""
preview_pid=""
cleanup() {
  [[ -n "$preview_pid" ]] && kill "$preview_pid" 2>/dev/null || true
  [[ -n "$xvfb_pid" ]] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if [[ -z "${DISPLAY:-}" ]]; then
  exec 5>"$work/display"
  Xvfb -displayfd 5 -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 100); do [[ -s "$work/display" ]] && break; sleep 0.1; done
  export DISPLAY=":$(head -n1 "$work/display")"
fi

story="$work/story.yaml"
cp "$src" "$story"
if grep -q '"Sea of Japan", at: \[130.6, 38.8\]' "$story"; then
  a='"Sea of Japan", at: [130.6, 38.8]'
  b='"Sea of Japan", at: [130.6, 38.3]'
else
  a=$(grep -m1 '^title: ' "$story")
  b="${a%\"} (edited)\""
fi

"$MAPREEL" preview "$story" --trace --size 1280x720 >"$work/trace.log" 2>"$work/stderr.log" &
preview_pid=$!
started() { awk '/^loaded /{l=1} l && /^state /{f=1} END{exit !f}' "$work/trace.log"; }
for _ in $(seq 1200); do started && break; sleep 0.05; done
started || { echo "the preview did not load the story"; cat "$work/stderr.log"; exit 1; }
grep -E '^(loaded|shown) ' "$work/trace.log" | sed 's/^/  first: /' || true

now() { date +%s.%N; }
results=()
for i in $(seq "$edits"); do
  sleep 1.5
  lines=$(wc -l <"$work/trace.log")
  if ((i % 2)); then from=$a to=$b; else from=$b to=$a; fi
  python3 - "$story" "$from" "$to" <<'PY'
import sys
path, old, new = sys.argv[1:]
text = open(path, encoding="utf-8").read()
assert old in text, old
open(path, "w", encoding="utf-8").write(text.replace(old, new, 1))  # in place, like most editors
PY
  saved=$(now)
  seen=""
  for _ in $(seq 4000); do
    if tail -n +"$((lines + 1))" "$work/trace.log" | awk '/^reloaded /{r=1} r && /^state /{f=1} END{exit !f}'; then
      seen=$(now)
      break
    fi
    sleep 0.005
  done
  [[ -n "$seen" ]] || { echo "edit $i: no reload seen within 20 s"; continue; }
  ms=$(awk "BEGIN { printf \"%.0f\", ($seen - $saved) * 1000 }")
  detail=$(tail -n +"$((lines + 1))" "$work/trace.log" | grep -E '^(reloaded|shown) ' | tr '\n' ' ' |
    grep -oE '(parse_ms|compile_ms|draw_ms|since_save_ms)=[0-9.]+' | tr '\n' ' ' || true)
  echo "edit $i: ${ms} ms from save to frame  ${detail}"
  results+=("$ms")
done
kill "$preview_pid" 2>/dev/null || true
wait "$preview_pid" 2>/dev/null || true
preview_pid=""
if ((${#results[@]})); then
  printf '%s\n' "${results[@]}" | sort -n | awk '{v[NR]=$1} END {printf "save -> frame over %d edits: median %d ms, min %d ms, max %d ms\n", NR, v[int((NR+1)/2)], v[1], v[NR]}'
fi
