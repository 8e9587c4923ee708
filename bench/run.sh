#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Whole-run benchmark of mapreel against the peers, on the same machine in the same run.
#
#   bench/run.sh [--runs N] [--korean-frames N] [--naive-frames N] [--peer-frames N]
#                [--series-frames N] [--e2e-frames N] [--skip-series] [--skip-peers]
#                [--skip-ref-4k] [--skip-micro] [--skip-perf]
#
# Builds build/bench (Release + Google Benchmark), installs the peers' Debian packages when
# they are missing (scripts/setup.sh --bench), then measures, N times each (default 3),
# interleaved so that drifting machine load hits every contender alike:
#   - mapreel start-up (load, compile, first frame) and whole renders of the reference scene
#     (bench/scene/bench-scene.yaml) at 1080p and 4K and of the first frames of the Korean War
#     map (--korean-frames, default 600) at 1080p, render-only (--null-output) and render +
#     H.264 encode, and render + encode at 4K (3840x2160, peak memory with the default lanes);
#   - encode-only: ffmpeg encoding pre-rendered raw BGRA frames of the same scene with the
#     same settings (libx264, veryfast, CRF 20, yuv420p);
#   - end to end against a re-encode: mapreel rendering the first --e2e-frames (default
#     1800) frames of the Korean War map to MP4 at 1080p, and ffmpeg decoding that very file
#     (made once before the rounds, untimed) and encoding its video again with mapreel's
#     settings (libx264 veryfast, CRF 20, keyframe every 15 frames, 2 B-frames, closed GOP);
#   - every map of the Cold War series (stories/cold-war/*.yaml but series.yaml), at 1080p:
#     start-up (--frames 0:1, render-only), render-only of the first --series-frames
#     (default 300) frames, both with the cache warm, and the first still (still --step 1)
#     with an empty cache (a fresh XDG_CACHE_HOME per run) and again with that cache warm;
#   - the stress story of tests/faults (2,000 steps, 500 arrows): check, and 30 frames drawn
#     three quarters into it (start-up included, so this is the cost of scale);
#   - the peers (bench/peers/): matplotlib naive, matplotlib blitting, Mapnik, frames only and
#     piped to ffmpeg;
# every process under /usr/bin/time -v (wall time, CPU, peak memory). Then it runs the
# Google Benchmark stage benchmarks, profiles a render with perf, and writes
# bench/RESULTS.md (medians) through bench/report.py. Raw outputs stay in build/bench/results.
# --skip-series, --skip-peers and --skip-ref-4k (the reference scene at 4K, whose encode-only
# run needs 2.5 GB of raw frames) leave those parts out, --skip-micro and --skip-perf the
# stage benchmarks and the profiles: for quick runs; the report says "not measured" for them.
# Timings are only meaningful on a quiet machine: the script records the load average.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$here/build/bench"
res="$build/results"
runs=3
korean_frames=600
naive_frames=60  # the naive matplotlib peer runs at a few frames/s: a sample is enough
peer_frames=300
series_frames=300
e2e_frames=1800
micro=1
profile=1
series=1
peers=1
ref4k=1
while (($#)); do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --korean-frames) korean_frames="$2"; shift 2 ;;
    --naive-frames) naive_frames="$2"; shift 2 ;;
    --peer-frames) peer_frames="$2"; shift 2 ;;
    --series-frames) series_frames="$2"; shift 2 ;;
    --e2e-frames) e2e_frames="$2"; shift 2 ;;
    --skip-series) series=0; shift ;;
    --skip-peers) peers=0; shift ;;
    --skip-ref-4k) ref4k=0; shift ;;
    --skip-micro) micro=0; shift ;;
    --skip-perf) profile=0; shift ;;
    -h|--help) sed -n '3,36p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done

py=/usr/bin/python3 # Debian's python: the peers' packages are Debian packages
if { ((peers)) &&
  ! "$py" -c "import matplotlib, geopandas, shapely, pyproj, mapnik" 2>/dev/null; } ||
  [ ! -x /usr/bin/time ] || ! command -v perf >/dev/null; then
  "$here/scripts/setup.sh" --bench
fi

cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DMAPREEL_BUILD_BENCH=ON \
  -DMAPREEL_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" -j"$(nproc)"
mapreel="$build/apps/mapreel"
scene="$here/bench/scene/bench-scene.yaml"
korean="$here/stories/cold-war/korean-war.yaml"
# The series' maps, named by their file stems, in the order of series.yaml's maps, then any
# map it does not list.
series_maps=()
if ((series)); then
  stems=()
  for f in "$here"/stories/cold-war/*.yaml; do
    stem="$(basename "$f" .yaml)"
    [ "$stem" = series ] || stems+=("$stem")
  done
  for stem in $(sed -n '/^maps:/,/^[^ ]/s/^ *- *\([A-Za-z0-9_-]*\).*/\1/p' \
    "$here/stories/cold-war/series.yaml") "${stems[@]}"; do
    if [[ " ${stems[*]} " == *" $stem "* && " ${series_maps[*]} " != *" $stem "* ]]; then
      series_maps+=("$stem")
    fi
  done
fi

rm -rf "$res"
mkdir -p "$res/tmp"
trap 'rm -rf "$res/tmp" "$res/frames" "$res"/xdg.*' EXIT

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
  echo "peer_frames	$peer_frames"
  echo "series_frames	$series_frames"
  echo "series_maps	${series_maps[*]}"
  echo "e2e_frames	$e2e_frames"
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

# frames_of STORY: the number of frames the whole story has (mapreel check reports it).
frames_of() {
  "$mapreel" check "$1" | sed -nE 's/.* ([0-9]+) frames.*/\1/p' | head -1
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
if ((ref4k)); then
  "$mapreel" render "$scene" -q --quality 4 --size 3840x2160 -o "$res/tmp/ref-2160.mp4"
  ffmpeg -hide_banner -loglevel error -i "$res/tmp/ref-2160.mp4" -vf "select=not(mod(n\,4))" \
    -fps_mode passthrough -f rawvideo -pix_fmt bgra "$res/frames/2160.bgra"
fi
rm -f "$res"/tmp/*

# The Korean War video that ffmpeg re-encodes in the end-to-end comparison: made once, by
# the same binary and command line as the timed mapreel runs. A story shorter than asked
# for would be rendered short without a word, so the frame counts are checked first.
korean_total="$(frames_of "$korean")"
if [ -z "$korean_total" ] || ((korean_total < e2e_frames || korean_total < korean_frames)); then
  echo "bench/run.sh: the Korean War map has ${korean_total:-an unknown number of} frames;" \
    "--e2e-frames $e2e_frames and --korean-frames $korean_frames must not exceed it" >&2
  exit 1
fi
e2e=("$mapreel" render "$korean" -q --frames "0:$e2e_frames" --size 1920x1080)
echo "preparing the Korean War video for the re-encode runs ($e2e_frames frames)" >&2
"${e2e[@]}" -o "$res/frames/korean-e2e.mp4"
made="$(ffprobe -v error -select_streams v:0 -count_packets -show_entries \
  stream=nb_read_packets -of csv=p=0 "$res/frames/korean-e2e.mp4")"
if [ "$made" != "$e2e_frames" ]; then
  echo "bench/run.sh: the Korean War video has $made frames, not $e2e_frames" >&2
  exit 1
fi
# ffmpeg decoding that file and encoding its video again with mapreel's settings (the
# captions and chapters tracks are left out; there is no sound).
reencode=(ffmpeg -hide_banner -loglevel error -y -i "$res/frames/korean-e2e.mp4" -map 0:v:0
  -c:v libx264 -preset veryfast -crf 20 -g 15 -keyint_min 15 -bf 2 -flags +cgop
  -x264-params scenecut=0:open-gop=0 -pix_fmt yuv420p "$res/tmp/r.mp4")

# The series' maps: how many frames each render-only run draws (--series-frames, or the
# whole map when it is shorter, said here and in the report), and one untimed start-up run
# each, so that the "warm cache" runs find their data converted and their geometry stored.
declare -A series_n
if ((${#series_maps[@]})); then
  echo "warming the cache for the series' maps" >&2
fi
for stem in "${series_maps[@]}"; do
  story="$here/stories/cold-war/$stem.yaml"
  total="$(frames_of "$story")"
  [ -n "$total" ] || { echo "bench/run.sh: cannot read the frame count of $story" >&2; exit 1; }
  series_n[$stem]=$series_frames
  if ((total < series_frames)); then
    echo "  $stem has $total frames: its render-only runs draw all of them" >&2
    series_n[$stem]=$total
  fi
  "$mapreel" render "$story" -q --null-output --frames 0:1 --size 1920x1080
done

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
  if ((ref4k)); then
    measure startup-ref-2160 1 "$run" "$mapreel" render "$scene" -q --null-output \
      --frames 0:1 --size 3840x2160
    measure mapreel-ref-2160-render 300 "$run" "$mapreel" render "$scene" -q --null-output \
      --size 3840x2160
    measure mapreel-ref-2160-encode 300 "$run" "$mapreel" render "$scene" -q --size 3840x2160 \
      -o "$res/tmp/a.mp4"
    encode_only 3840x2160 4
    measure encode-only-2160 300 "$run" "${enc[@]}"
  fi
  measure mapreel-korean-1080-render "$korean_frames" "$run" "$mapreel" render "$korean" -q \
    --null-output --frames "0:$korean_frames"
  measure mapreel-korean-1080-encode "$korean_frames" "$run" "$mapreel" render "$korean" -q \
    --frames "0:$korean_frames" -o "$res/tmp/a.mp4"
  measure mapreel-korean-2160-encode "$korean_frames" "$run" "$mapreel" render "$korean" -q \
    --frames "0:$korean_frames" --size 3840x2160 -o "$res/tmp/a.mp4"
  # End to end against ffmpeg re-encoding mapreel's own output of the same frames.
  measure e2e-mapreel-korean "$e2e_frames" "$run" "${e2e[@]}" -o "$res/tmp/a.mp4"
  measure e2e-ffmpeg-reencode "$e2e_frames" "$run" "${reencode[@]}"
  # The series' maps at 1080p: start-up and render-only with the cache warm; the first
  # still with an empty cache (a new XDG_CACHE_HOME each run), then again with that cache.
  for stem in "${series_maps[@]}"; do
    story="$here/stories/cold-war/$stem.yaml"
    measure "series-$stem-startup" 1 "$run" "$mapreel" render "$story" -q --null-output \
      --frames 0:1 --size 1920x1080
    measure "series-$stem-render" "${series_n[$stem]}" "$run" "$mapreel" render "$story" -q \
      --null-output --frames "0:${series_n[$stem]}" --size 1920x1080
    cache="$(mktemp -d "$res/xdg.XXXXXX")"
    measure "series-$stem-still-cold" 1 "$run" env XDG_CACHE_HOME="$cache" "$mapreel" still \
      "$story" -q --step 1 -o "$res/tmp/still.png"
    measure "series-$stem-still-warm" 1 "$run" env XDG_CACHE_HOME="$cache" "$mapreel" still \
      "$story" -q --step 1 -o "$res/tmp/still.png"
    rm -rf "$cache"
  done
  # Scale: checking the stress story, and drawing 30 frames three quarters into it.
  measure stress-check 0 "$run" "$mapreel" check -q "$stress"
  measure stress-render-deep 30 "$run" "$mapreel" render "$stress" -q --null-output \
    --frames 45000:45030
  # The peers report their own frame-loop time (after their data load) as JSON on stdout.
  if ((peers)); then
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
  fi
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
