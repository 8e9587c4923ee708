#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A generated story of 2,000 steps and 500 arrows (make_stress_story.py): `mapreel check`
# and short partial renders at its start and deep inside it must succeed with bounded
# memory. Peak RSS comes from /usr/bin/time -v; the bounds are generous (several times what
# a release build needs) so that they catch unbounded growth, not noise, and also hold
# under AddressSanitizer, which roughly triples memory (MAPREEL_STRESS_RSS_SCALE).
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
scale=${MAPREEL_STRESS_RSS_SCALE:-1}
if [ ! -x /usr/bin/time ]; then
    echo "FAIL /usr/bin/time is missing (apt-get install time; scripts/setup.sh installs it)"
    exit 1
fi

python3 "$here/make_stress_story.py" >"$work/stress.yaml"
check "the generator wrote 2000 steps" test "$(grep -c '^  - id: s' "$work/stress.yaml")" -eq 2000
check "the generator wrote 500 arrows" test "$(grep -c 'arrow:' "$work/stress.yaml")" -eq 500

# timed NAME MAX_MB COMMAND...: runs COMMAND under /usr/bin/time; passes if it succeeds and
# its peak resident memory stays under MAX_MB (times the scale).
timed() {
    local name="$1" max=$(($2 * scale))
    shift 2
    /usr/bin/time -v -o "$work/time" "$@" >"$work/out" 2>"$work/err"
    local rc=$?
    local kb secs
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")
    secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time")
    echo "     $name: exit $rc, peak RSS $((kb / 1024)) MB (bound $max MB), $secs"
    check "$name succeeds" test "$rc" -eq 0 || sed 's/^/       /' "$work/err" | head -5
    check "$name peak RSS under $max MB" test "$((kb / 1024))" -lt "$max"
}

timed "check" 300 "$MAPREEL" check "$work/stress.yaml"
check "check counts 60000 frames" grep -q '2000 steps, 2000.0 s, 60000 frames' "$work/out"
timed "render frames 0:30" 600 "$MAPREEL" render "$work/stress.yaml" --frames 0:30 \
    --size 320x180 -q -o "$work/start.mp4"
timed "render frames 45000:45030" 600 "$MAPREEL" render "$work/stress.yaml" --frames 45000:45030 \
    --size 320x180 -q -o "$work/deep.mp4"
frames=$(ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames \
    -of default=nw=1:nk=1 "$work/deep.mp4")
check "the partial render has 30 frames ($frames)" test "$frames" = 30

finish
