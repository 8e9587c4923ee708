#!/usr/bin/env bash
# Chunked rendering and determinism: chunks rendered by separate processes and joined by
# `mapreel concat` decode to exactly the frames of one run; the frames are the same with
# any --threads and on every run. Prints 'N passed, M failed' and fails if any failed.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

chapters() { ffprobe -v error -show_chapters -of csv=p=0 "$1" | cut -d, -f5,7; }
count() { ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of csv=p=0 "$1"; }

# 42 s of story; at --fps 10 the encoder segments are 60 frames (six seconds), so the 420
# frames make 7 segments, and four chunks hold 1, 2, 2 and 2 of them.
cat >"$work/story.yaml" <<'EOF'
mapreel: 1
id: scaling
title: "Chunks"
sources:
  - {id: own, title: "Author's own estimate", author: "Test", year: "2026"}
canvas: {size: [1920, 1080], fps: 30, theme: classic}
map:
  projection: korea-lcc
  view: {extent: [123.5, 33.5, 131.5, 43.0]}
  focus: [KOR, PRK]
  layers: [land, borders]
sides:
  - {id: north, name: "North", color: "#c4302b"}
  - {id: south, name: "South", color: "#2f6db5"}
places:
  - {id: seoul, name: Seoul, at: [126.98, 37.57], kind: capital}
  - {id: busan, name: Busan, at: [129.04, 35.18], kind: city}
regions:
  peninsula: {countries: [KOR, PRK]}
fronts:
  - id: front
    region: peninsula
    left: north
    right: south
    keyframes:
      - {date: 1950-06-25, line: [[124.5, 38.0], [129.2, 38.0]], source: own}
      - {date: 1950-08-01, line: [[124.5, 36.2], [127.5, 36.0], [129.8, 36.3]], source: own}
      - {date: 1950-09-30, line: [[124.5, 38.3], [129.2, 38.4]], source: own}
steps:
  - id: start
    title: "The line"
    date: 1950-06-25
    duration: 10
    narration: "The front begins on the 38th parallel."
  - id: advance
    title: "The advance"
    dates: [1950-06-25, 1950-08-01]
    duration: 12
    narration: "The front moves south over five weeks."
    camera: {center: [128.0, 36.0], width-km: 450}
  - id: back
    title: "The way back"
    dates: [1950-08-01, 1950-09-30]
    duration: 10
    narration: "In September it moves back north."
  - id: end
    title: "Autumn"
    date: 1950-09-30
    duration: 10
    narration: "The line is back where it began."
    cite: [own]
EOF
S="$work/story.yaml"
R=("$MAPREEL" render "$S" --size 320x180 --fps 10 -q)

# --- 1. One run, and the same run cut into four chunks by four processes -------------------
check "one run (--threads 2)" "${R[@]}" -o "$work/whole.mp4" --threads 2
pids=()
for k in 1 2 3 4; do
    "${R[@]}" -o "$work/part$k.mp4" --chunk "$k/4" --threads 1 &
    pids+=($!)
done
ok=0
for p in "${pids[@]}"; do wait "$p" || ok=1; done
check "four chunks rendered in parallel processes" test "$ok" = 0
check "chunks cut at encoder segments: 60 120 120 120 frames" \
    test "$(for k in 1 2 3 4; do count "$work/part$k.mp4"; done | tr '\n' ' ')" = "60 120 120 120 "
# Given out of order: concat sorts the chunks by the frames they hold.
check "concat joins the chunks" "$MAPREEL" concat "$work/part3.mp4" "$work/part1.mp4" \
    "$work/part4.mp4" "$work/part2.mp4" -o "$work/joined.mp4" -q
check "joined: 420 frames" test "$(count "$work/joined.mp4")" = 420
check "joined: every decoded frame equals the one run's" same_frames "$work/whole.mp4" "$work/joined.mp4"
check "joined: the chapters of the one run (a chapter cut by a chunk made whole)" \
    test "$(chapters "$work/joined.mp4")" = "$(chapters "$work/whole.mp4")"
check "joined: a subtitle track" test "$(ffprobe -v error -select_streams s -show_entries stream=codec_name -of csv=p=0 "$work/joined.mp4")" = mov_text
check "joined: the captions of the one run (a caption cut by a chunk made whole)" bash -c "
    test \"\$(ffmpeg -v error -i '$work/joined.mp4' -map 0:s:0 -f webvtt -)\" = \"\$(ffmpeg -v error -i '$work/whole.mp4' -map 0:s:0 -f webvtt -)\""

# --- 2. Chunks that do not fit are refused, and nothing is written -------------------------
"$MAPREEL" concat "$work/part1.mp4" "$work/part3.mp4" -o "$work/gap.mp4" 2>"$work/gap.err"
check "a missing chunk: exit 6" test $? -eq 6
check "a missing chunk: names the missing frames" grep -q "frames 60 to 179 are missing" "$work/gap.err"
check "a missing chunk: no output" test ! -e "$work/gap.mp4"
"$MAPREEL" concat "$work/part1.mp4" "$work/part1.mp4" -o "$work/dup.mp4" 2>"$work/dup.err"
check "a chunk twice: refused" grep -q "both hold frames from 0 to 59" "$work/dup.err"
"${R[@]}" -o "$work/q30.mp4" --chunk 2/4 --quality 30
"$MAPREEL" concat "$work/part1.mp4" "$work/q30.mp4" -o "$work/mixed.mp4" 2>"$work/mixed.err"
check "a chunk of another quality: refused" grep -q "encoded with other settings" "$work/mixed.err"
ffmpeg -v error -f lavfi -i testsrc=size=320x180:rate=10 -frames:v 20 -pix_fmt yuv420p "$work/other.mp4"
"$MAPREEL" concat "$work/other.mp4" -o "$work/o.mp4" 2>"$work/other.err"
check "a video mapreel did not write: refused" grep -q "is not a chunk written by mapreel render" "$work/other.err"
"$MAPREEL" concat "$work/part1.mp4" -o "$work/o.webm" 2>/dev/null
check "an MP4 chunk into a WebM: usage error" test $? -eq 2
"${R[@]}" -o "$work/x.mp4" --chunk 6/5 2>/dev/null
check "--chunk 6/5: usage error" test $? -eq 2
"${R[@]}" -o "$work/x.mp4" --chunk 1/8 2>"$work/many.err"
check "--chunk 1/8 of 7 segments: says at most 7" grep -q "use at most 7" "$work/many.err"
"${R[@]}" -o "$work/x.mp4" --chunk 1/4 --frames 0:10 2>/dev/null
check "--chunk with --frames: usage error" test $? -eq 2

# --- 3. WebM chunks join too ---------------------------------------------------------------
check "WebM: one run" "${R[@]}" -o "$work/whole.webm"
check "WebM: two chunks" bash -c "'$MAPREEL' render '$S' --size 320x180 --fps 10 -q -o '$work/w1.webm' --chunk 1/2 &&
    '$MAPREEL' render '$S' --size 320x180 --fps 10 -q -o '$work/w2.webm' --chunk 2/2"
check "WebM: concat" "$MAPREEL" concat "$work/w1.webm" "$work/w2.webm" -o "$work/wj.webm" -q
check "WebM: every decoded frame equals the one run's" same_frames "$work/whole.webm" "$work/wj.webm"

# --- 4. Determinism: every run, any thread count -------------------------------------------
check "again with --threads 1" "${R[@]}" -o "$work/t1.mp4" --threads 1
check "again with --threads 3" "${R[@]}" -o "$work/t3.mp4" --threads 3
check "--threads 1 decodes to the frames of --threads 2" same_frames "$work/whole.mp4" "$work/t1.mp4"
check "--threads 3 decodes to the frames of --threads 2" same_frames "$work/whole.mp4" "$work/t3.mp4"
check "--threads 1 and 3 write byte-identical files" cmp -s "$work/t1.mp4" "$work/t3.mp4"
check "PNG frames with --threads 1" "${R[@]}" -o "$work/png1/" --threads 1 --frames 90:130
check "PNG frames with --threads 3" "${R[@]}" -o "$work/png3/" --threads 3 --frames 90:130
check "PNG frames: 40 of each" test "$(ls "$work/png1" | wc -l)/$(ls "$work/png3" | wc -l)" = 40/40
check "PNG frames: byte-identical with any thread count" \
    bash -c "cd '$work/png1' && md5sum *.png >'$work/png1.md5' && cd '$work/png3' && md5sum -c --quiet '$work/png1.md5'"

# --- 5. Lossless ---------------------------------------------------------------------------
check "--quality 0 renders" "${R[@]}" -o "$work/lossless.mp4" --frames 0:10 --quality 0
check "--quality 0 is H.264 High 4:4:4 Predictive (lossless)" \
    test "$(ffprobe -v error -select_streams v:0 -show_entries stream=profile -of csv=p=0 "$work/lossless.mp4")" = "High 4:4:4 Predictive"
check "--quality 0: x264 qp=0" bash -c "strings '$work/lossless.mp4' | grep -m1 -o 'x264 - core.*' | grep -qw 'qp=0'"

finish
