#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-run benchmark of mapreel against the peers, on the same machine in the same run.
#
#   bench/run.sh [--runs N] [--korean-frames N] [--naive-frames N] [--peer-frames N]
#                [--skip-micro] [--skip-perf]
#
# Builds build/bench (Release + Google Benchmark), installs the peers' Debian packages when
# they are missing (scripts/setup.sh --bench), then measures, N times each (default 3),
# interleaved so that drifting machine load hits every contender alike:
#   - mapreel start-up (load, compile, first frame) and whole renders of the reference scene
#     (bench/scene/bench-scene.yaml) at 1080p and 4K and of the first frames of the Korean War
#     map at 1080p, render-only (--null-output) and render + H.264 encode;
#   - encode-only: ffmpeg encoding pre-rendered raw BGRA frames of the same scene with the
#     same settings (libx264, veryfast, CRF 20, yuv420p);
#   - the stress story of tests/faults (2,000 steps, 500 arrows): check, and 30 frames drawn
#     three quarters into it (start-up included, so this is the cost of scale);
#   - the peers (bench/peers/): matplotlib naive, matplotlib blitting, Mapnik, frames only and
#     piped to ffmpeg;
# every process under /usr/bin/time -v (wall time, CPU, peak memory). Then it runs the
# Google Benchmark stage benchmarks, profiles a render with perf, and writes
# bench/RESULTS.md (medians) through bench/report.py. Raw outputs stay in build/bench/results.
# Timings are only meaningful on a quiet machine: the script records the load average.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$here/build/bench"
res="$build/results"
runs=3
korean_frames=600
naive_frames=60  # the naive matplotlib peer runs at a few frames/s: a sample is enough
peer_frames=300
micro=1
profile=1
while (($#)); do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --korean-frames) korean_frames="$2"; shift 2 ;;
    --naive-frames) naive_frames="$2"; shift 2 ;;
    --peer-frames) peer_frames="$2"; shift 2 ;;
    --skip-micro) micro=0; shift ;;
    --skip-perf) profile=0; shift ;;
    -h|--help) sed -n '3,21p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

py=/usr/bin/python3 # Debian's python: the peers' packages are Debian packages
if ! "$py" -c "import matplotlib, geopandas, shapely, pyproj, mapnik" 2>/dev/null ||
  [ ! -x /usr/bin/time ] || ! command -v perf >/dev/null; then
  "$here/scripts/setup.sh" --bench
fi

cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMAPREEL_BUILD_BENCH=ON \
  -DMAPREEL_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)"
mapreel="$build/apps/mapreel"
scene="$here/bench/scene/bench-scene.yaml"
korean="$here/stories/cold-war/korean-war.yaml"

rm -rf "$res"
mkdir -p "$res/tmp"
trap 'rm -rf "$res/tmp" "$res/frames"' EXIT

{
  echo "date	$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "nproc	$(nproc)"
  echo "cpu	$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "kernel	$(uname -r)"
  echo "commit	$(git -C "$here" rev-parse --short HEAD)"
  echo "load_start	$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "runs	$runs"
  echo "korean_frames	$korean_frames"
  echo "naive_frames	$naive_frames"
  echo "x264	$(ffmpeg -hide_banner -version | head -1)"
} >"$res/machine.tsv"

# measure NAME FRAMES RUN COMMAND...: one timed run; the report reads NAME.RUN.{time,out}.
measure() {
  local name="$1" frames="$2" run="$3"
  shift 3
  echo "$name	$frames" >>"$res/frames.tsv"
  printf '  %-28s run %s ... ' "$name" "$run" >&2
  /usr/bin/time -v -o "$res/$name.$run.time" "$@" >"$res/$name.$run.out" 2>&1 || {
    echo "failed; see $res/$name.$run.out" >&2
    exit 1
  }
  grep -m1 'Elapsed' "$res/$name.$run.time" | awk '{print $NF " s"}' >&2
  rm -f "$res"/tmp/*
}

# The stress story (2,000 steps, 500 arrows), generated as tests/faults/stress.sh does.
stress="$res/stress.yaml"
python3 "$here/tests/faults/make_stress_story.py" >"$stress"

# Raw BGRA frames of the reference scene for the encode-only runs: mapreel's own frames,
# decoded from a near-lossless render. 1080p: all 300; 4K: every 4th frame, looped 4 times,
# to keep the file at 2.5 GB.
echo "preparing raw frames for the encode-only runs" >&2
mkdir -p "$res/frames"
"$mapreel" render "$scene" -q --quality 4 -o "$res/tmp/ref-1080.mp4"
ffmpeg -hide_banner -loglevel error -i "$res/tmp/ref-1080.mp4" -f rawvideo -pix_fmt bgra \
  "$res/frames/1080.bgra"
"$mapreel" render "$scene" -q --quality 4 --size 3840x2160 -o "$res/tmp/ref-2160.mp4"
ffmpeg -hide_banner -loglevel error -i "$res/tmp/ref-2160.mp4" -vf "select=not(mod(n\,4))" \
  -fps_mode passthrough -f rawvideo -pix_fmt bgra "$res/frames/2160.bgra"
rm -f "$res"/tmp/*

# encode_only SIZE LOOPS: the ffmpeg command line encoding those frames (mapreel's settings).
encode_only() {
  enc=(ffmpeg -hide_banner -loglevel error -y -stream_loop "$(($2 - 1))" -f rawvideo
    -pix_fmt bgra -s "$1" -r 30 -i "$res/frames/${1#*x}.bgra"
    -c:v libx264 -preset veryfast -crf 20 -pix_fmt yuv420p "$res/tmp/enc.mp4")
}

for run in $(seq 1 "$runs"); do
  echo "round $run of $runs (load $(cut -d' ' -f1 /proc/loadavg))" >&2
  # mapreel: start-up = launch to first frame drawn (load, compile, one frame, exit).
  measure startup-ref 1 "$run" "$mapreel" render "$scene" -q --null-output --frames 0:1
  measure startup-korean 1 "$run" "$mapreel" render "$korean" -q --null-output --frames 0:1
  measure mapreel-ref-1080-render 300 "$run" "$mapreel" render "$scene" -q --null-output
  measure mapreel-ref-1080-encode 300 "$run" "$mapreel" render "$scene" -q -o "$res/tmp/a.mp4"
  encode_only 1920x1080 1
  measure encode-only-1080 300 "$run" "${enc[@]}"
  measure startup-ref-2160 1 "$run" "$mapreel" render "$scene" -q --null-output --frames 0:1 \
    --size 3840x2160
  measure mapreel-ref-2160-render 300 "$run" "$mapreel" render "$scene" -q --null-output \
    --size 3840x2160
  measure mapreel-ref-2160-encode 300 "$run" "$mapreel" render "$scene" -q --size 3840x2160 \
    -o "$res/tmp/a.mp4"
  encode_only 3840x2160 4
  measure encode-only-2160 300 "$run" "${enc[@]}"
  measure mapreel-korean-1080-render "$korean_frames" "$run" "$mapreel" render "$korean" -q \
    --null-output --frames "0:$korean_frames"
  measure mapreel-korean-1080-encode "$korean_frames" "$run" "$mapreel" render "$korean" -q \
    --frames "0:$korean_frames" -o "$res/tmp/a.mp4"
  # Scale: checking the stress story, and drawing 30 frames three quarters into it.
  measure stress-check 0 "$run" "$mapreel" check -q "$stress"
  measure stress-render-deep 30 "$run" "$mapreel" render "$stress" -q --null-output \
    --frames 45000:45030
  # The peers report their own frame-loop time (after their data load) as JSON on stdout.
  measure peer-mpl-naive-render "$naive_frames" "$run" "$py" "$here/bench/peers/mpl_naive.py" \
    --frames "$naive_frames"
  measure peer-mpl-naive-encode "$naive_frames" "$run" "$py" "$here/bench/peers/mpl_naive.py" \
    --frames "$naive_frames" --encode "$res/tmp/p.mp4"
  for peer in mpl_blit:mpl-blit mapnik_peer:mapnik; do
    measure "peer-${peer#*:}-render" "$peer_frames" "$run" "$py" \
      "$here/bench/peers/${peer%:*}.py" --frames "$peer_frames"
    measure "peer-${peer#*:}-encode" "$peer_frames" "$run" "$py" \
      "$here/bench/peers/${peer%:*}.py" --frames "$peer_frames" --encode "$res/tmp/p.mp4"
  done
done
echo "load_end	$(cut -d' ' -f1-3 /proc/loadavg)" >>"$res/machine.tsv"

if ((micro)); then
  echo "stage micro-benchmarks" >&2
  "$build/bench/mapreel_bench" --benchmark_repetitions="$runs" \
    --benchmark_report_aggregates_only=true --benchmark_min_time=0.3 \
    --benchmark_out="$res/micro.json" --benchmark_out_format=json >"$res/micro.txt" 2>&1
fi

if ((profile)); then
  # Where the time goes: start-up (load, compile, first frame), and whole render-only and
  # render + encode runs of the reference scene.
  echo "perf profiles" >&2
  for mode in startup render encode; do
    out=(--null-output)
    [ "$mode" = startup ] && out=(--null-output --frames 0:1)
    [ "$mode" = encode ] && out=(-o "$res/tmp/a.mp4")
    perf record -q -F 499 -o "$res/perf-$mode.data" -- \
      "$mapreel" render "$scene" -q "${out[@]}" >/dev/null 2>&1
    perf report -i "$res/perf-$mode.data" --stdio --no-children --sort dso,symbol \
      --percent-limit 0.7 2>/dev/null | grep -v '^#' | grep -v '^$' |
      sed -E 's/[[:space:]]+/ /g; s/ - - $//' >"$res/perf-$mode.txt" || true
    perf report -i "$res/perf-$mode.data" --stdio --no-children --sort dso 2>/dev/null |
      grep -v '^#' | grep -v '^$' | sed -E 's/[[:space:]]+/ /g; s/ - - $//' >"$res/perf-$mode-dso.txt" || true
    rm -f "$res/perf-$mode.data" "$res"/tmp/*
  done
fi

"$py" "$here/bench/report.py" "$res" "$here/bench/RESULTS.md"
echo "wrote bench/RESULTS.md" >&2
