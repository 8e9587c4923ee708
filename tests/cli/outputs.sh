#!/usr/bin/env bash
# Every output format of `mapreel render` and `mapreel handout`, checked with ffprobe,
# pdfinfo and file counts. Prints 'N passed, M failed' and fails if any failed.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

near() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= t) }'; }
count_streams() { ffprobe -v error -select_streams "$1" -show_entries stream=index -of csv=p=0 "$2" | wc -l; }
fmt_duration() { ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$1"; }
stream_duration() { # type (a, v), file: the stream's duration from its last packet
    ffprobe -v error -select_streams "$1:0" -show_entries packet=pts_time,duration_time -of csv=p=0 "$2" |
        awk -F, 'NF >= 2 && $1 != "N/A" { e = $1 + $2; if (e > m) m = e } END { printf "%.3f\n", m }'
}
frame_count() { ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of default=nw=1:nk=1 "$1"; }

# A two-language story with known step lengths: 4 + 6 + 5 + 5 = 20 s.
cat >"$work/story.yaml" <<'EOF'
mapreel: 1
id: outputs
title: {en: "Outputs", fr: "Sorties"}
languages: [en, fr]
sources:
  - {id: own, title: "Author's own estimate", author: "Test", year: "2026"}
canvas: {size: [1920, 1080], fps: 30, theme: classic}
map:
  projection: korea-lcc
  view: {extent: [123.5, 33.5, 131.5, 43.0]}
  focus: [KOR, PRK]
  layers: [land, borders]
sides:
  - {id: north, name: {en: "North", fr: "Nord"}, color: "#c4302b"}
  - {id: south, name: {en: "South", fr: "Sud"}, color: "#2f6db5"}
places:
  - {id: seoul, name: Seoul, at: [126.98, 37.57], kind: capital}
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
steps:
  - id: start
    title: {en: "The line", fr: "La ligne"}
    date: 1950-06-25
    duration: 4
    narration: {en: "The front begins on the 38th parallel.", fr: "Le front commence sur le 38e parallèle."}
  - id: advance
    title: {en: "The advance", fr: "L'avance"}
    dates: [1950-06-25, 1950-08-01]
    duration: 6
    narration: {en: "The front moves south over five weeks.", fr: "Le front descend vers le sud en cinq semaines."}
  - id: hold
    title: {en: "The perimeter", fr: "Le périmètre"}
    date: 1950-08-01
    duration: 5
    narration: {en: "The south holds a small corner around Busan, behind the Naktong River. Reinforcements arrive there by sea every day through the port.", fr: "Le sud tient un petit coin autour de Busan."}
  - id: end
    title: {en: "Summer", fr: "L'été"}
    date: 1950-08-15
    duration: 5
    narration: {en: "A long, hot summer of fighting follows.", fr: "Un long été de combats suit."}
    cite: [own]
EOF
S="$work/story.yaml"

# --- 1. MP4 conformance --------------------------------------------------------------------
check "render MP4" "$MAPREEL" render "$S" -o "$work/a.mp4" --size 320x180 -q
check "MP4: H.264 High" test "$(video_field codec_name "$work/a.mp4")/$(video_field profile "$work/a.mp4")" = h264/High
check "MP4: yuv420p" test "$(video_field pix_fmt "$work/a.mp4")" = yuv420p
check "MP4: BT.709" test "$(video_field color_space "$work/a.mp4")" = bt709
check "MP4: 600 frames (20 s at 30 fps)" test "$(frame_count "$work/a.mp4")" = 600
keyframes() { # frame numbers of the keyframes (ffprobe prints an empty line for side data)
    ffprobe -v error -select_streams v:0 -show_entries frame=key_frame -of csv=p=0 "$1" |
        grep -v '^$' | awk -F, '$1 == 1 { printf "%d ", NR - 1 }'
}
keys=$(keyframes "$work/a.mp4")
spacing=$(awk '{ for (i = 2; i <= NF; i++) { d = $i - $(i-1); if (!s) s = d; else if (d != s) s = -1 } print s }' <<<"$keys")
check "MP4: keyframes every 15 frames (half of 30 fps: $keys)" test "$spacing" = 15
# x264 records its settings in the stream: closed GOP, keyint 15, no scene cuts, 2 B-frames.
x264opts=$(strings "$work/a.mp4" | grep -m1 -o 'x264 - core.*')
for opt in open_gop=0 keyint=15 scenecut=0 bframes=2 cabac=1; do
    check "MP4: x264 $opt" grep -qw -- "$opt" <<<"$x264opts"
done
check "MP4: +faststart puts moov before mdat" \
    bash -c "ffprobe -v trace '$work/a.mp4' 2>&1 | grep -m1 -oE \"type:'(moov|mdat)'\" | grep -q moov"

check "1080p: level 4.0" bash -c "'$MAPREEL' render '$S' -o '$work/lvl.mp4' --frames 0:2 -q && ffprobe -v error -select_streams v:0 -show_entries stream=level -of csv=p=0 '$work/lvl.mp4' | grep -qx 40"
check "--size 3840x2160: level 5.1" bash -c "'$MAPREEL' render '$S' -o '$work/lvl.mp4' --size 3840x2160 --frames 0:2 -q && ffprobe -v error -select_streams v:0 -show_entries stream=level -of csv=p=0 '$work/lvl.mp4' | grep -qx 51"
check "--fps 24 keeps the timing in seconds" "$MAPREEL" render "$S" -o "$work/fps24.mp4" --size 320x180 --fps 24 -q
check "--fps 24: 480 frames" test "$(frame_count "$work/fps24.mp4")" = 480
check "--fps 24: r_frame_rate 24/1" test "$(video_field r_frame_rate "$work/fps24.mp4")" = 24/1
keys24=$(keyframes "$work/fps24.mp4")
check "--fps 24: keyframes every 12 frames ($keys24)" test "$(cut -d' ' -f1-4 <<<"$keys24")" = "0 12 24 36"
check "--fps 24: chapters at the same seconds" bash -c "ffprobe -v error -show_chapters -of csv=p=0 '$work/fps24.mp4' | sed -n 2p | grep -q ',4.000000,'"
"$MAPREEL" render "$S" -o "$work/x.mp4" --fps 0 -q 2>/dev/null
check "--fps 0 is a usage error" test $? -eq 2
"$MAPREEL" render "$S" -o "$work/x.mp4" --size 321x180 -q 2>/dev/null
check "odd --size is a usage error" test $? -eq 2
check "--quality 35 makes a smaller file than 15" bash -c "
    '$MAPREEL' render '$S' -o '$work/q15.mp4' --size 320x180 --quality 15 --frames 0:60 -q &&
    '$MAPREEL' render '$S' -o '$work/q35.mp4' --size 320x180 --quality 35 --frames 0:60 -q &&
    test \$(stat -c %s '$work/q35.mp4') -lt \$(stat -c %s '$work/q15.mp4')"

# --- 2. Embedded captions and chapters -----------------------------------------------------
check "MP4: one mov_text subtitle track" test "$(ffprobe -v error -select_streams s -show_entries stream=codec_name -of csv=p=0 "$work/a.mp4")" = mov_text
check "MP4: subtitle language eng" test "$(ffprobe -v error -select_streams s -show_entries stream_tags=language -of csv=p=0 "$work/a.mp4")" = eng
check "MP4: 4 chapters" test "$(ffprobe -v error -show_chapters -of csv=p=0 "$work/a.mp4" | wc -l)" = 4
check "MP4: chapter titles are the step titles" bash -c "ffprobe -v error -show_chapters -of csv=p=0 '$work/a.mp4' | cut -d, -f7 | tr '\n' '|' | grep -qx 'The line|The advance|The perimeter|Summer|'"
check "MP4: chapter 3 starts at 10 s" bash -c "ffprobe -v error -show_chapters -of csv=p=0 '$work/a.mp4' | sed -n 3p | grep -q ',10.000000,15000,15.000000,'"
check "render with sidecars" "$MAPREEL" render "$S" -o "$work/b.webm" --size 320x180 -q \
    --captions "$work/b.vtt" --chapters "$work/b.chapters.vtt" --description "$work/b.txt"
vtt_cues=$(grep -c -- '-->' "$work/b.vtt")
# mov_text fills the gaps between cues with empty (2-byte) samples; count the others.
mp4_cues=$(ffprobe -v error -select_streams s:0 -show_entries packet=size -of csv=p=0 "$work/a.mp4" | awk '$1 > 2' | wc -l)
check "MP4: as many subtitle cues as the .vtt file ($mp4_cues = $vtt_cues)" test "$mp4_cues" = "$vtt_cues"
check "MP4: the captions read like the .vtt file" bash -c "ffmpeg -v error -i '$work/a.mp4' -map 0:s:0 -f webvtt - | grep -c 'begins on the 38th parallel' | grep -qx 1"
check "WebM: one WebVTT subtitle track" test "$(ffprobe -v error -select_streams s -show_entries stream=codec_name -of csv=p=0 "$work/b.webm")" = webvtt
webm_cues=$(ffprobe -v error -select_streams s:0 -show_entries packet=pts -of csv=p=0 "$work/b.webm" | wc -l)
check "WebM: as many subtitle cues as the .vtt file ($webm_cues = $vtt_cues)" test "$webm_cues" = "$vtt_cues"
check "WebM: 4 chapters" test "$(ffprobe -v error -show_chapters -of csv=p=0 "$work/b.webm" | wc -l)" = 4
check "--no-embed: no subtitle track, no chapters" bash -c "
    '$MAPREEL' render '$S' -o '$work/plain.mp4' --size 320x180 --frames 0:30 --no-embed -q &&
    test \$(ffprobe -v error -select_streams s -show_entries stream=index -of csv=p=0 '$work/plain.mp4' | wc -l) = 0 &&
    test \$(ffprobe -v error -show_chapters -of csv=p=0 '$work/plain.mp4' | wc -l) = 0"

# --- 3. Partial renders --------------------------------------------------------------------
check "--from advance --to hold" "$MAPREEL" render "$S" -o "$work/part.mp4" --size 320x180 -q \
    --from advance --to hold --captions "$work/part.vtt" --chapters "$work/part.chapters.vtt"
check "partial: 330 frames (steps 2-3: 11 s)" test "$(frame_count "$work/part.mp4")" = 330
check "partial: 2 chapters, the first at 0" bash -c "ffprobe -v error -show_chapters -of csv=p=0 '$work/part.mp4' | cut -d, -f4,6,7 | tr '\n' '|' | grep -qx '0.000000,6.000000,The advance|6.000000,11.000000,The perimeter|'"
check "partial: captions shifted (first cue at 0, none of step 1)" bash -c "
    grep -m1 -- '-->' '$work/part.vtt' | grep -q '^00:00:00.000' && ! grep -q 'begins on' '$work/part.vtt'"
check "partial: chapters file matches" test "$(grep -c -- '-->' "$work/part.chapters.vtt")" = 2
check "--from a date and --to seconds" "$MAPREEL" render "$S" -o "$work/part2.mp4" --size 320x180 -q --from 1950-08-01 --to 18
f2=$(frame_count "$work/part2.mp4")
check "partial by date: ends at 18 s, starts inside step 2 ($f2 frames)" bash -c "test $f2 -gt 90 && test $f2 -lt 300"
"$MAPREEL" render "$S" -o "$work/x.mp4" --from nosuch -q 2>"$work/err.txt"
check "unknown step id: exit 2" test $? -eq 2
check "unknown step id: message names it and suggests" bash -c "grep -q \"no step 'nosuch'\" '$work/err.txt'"
"$MAPREEL" render "$S" -o "$work/x.mp4" --from advnce -q 2>"$work/err.txt"
check "misspelt step id: did you mean" grep -q "did you mean 'advance'" "$work/err.txt"
"$MAPREEL" render "$S" -o "$work/x.mp4" --to 1953-07-27 -q 2>"$work/err.txt"
check "date outside the story: exit 2 with the story's span" bash -c "grep -q 'outside the story, which covers 1950-06-25 to 1950-08-15' '$work/err.txt'"
"$MAPREEL" render "$S" -o "$work/x.mp4" --to 99 -q 2>"$work/err.txt"
check "time past the end: exit 2" grep -q "past the end of the story" "$work/err.txt"
"$MAPREEL" render "$S" -o "$work/x.mp4" --from hold --to advance -q 2>"$work/err.txt"
check "--from after --to: exit 2" grep -q "is not before --to" "$work/err.txt"
check "no file left by failed renders" bash -c "! ls -A '$work' | grep -q -e '^x.mp4' -e '.part-'"

# --- 4. GIF and PNG frames ----------------------------------------------------------------
check "render GIF" "$MAPREEL" render "$S" -o "$work/a.gif" --from hold -q
check "GIF: codec gif" test "$(video_field codec_name "$work/a.gif")" = gif
check "GIF: 640 wide by default, aspect kept" test "$(video_field width "$work/a.gif")x$(video_field height "$work/a.gif")" = 640x360
check "GIF: 10 fps by default (10 s = 100 frames)" test "$(frame_count "$work/a.gif")" = 100
check "GIF: duration 10 s" near "$(fmt_duration "$work/a.gif")" 10 0.11
check "GIF: no subtitle or audio" test "$(count_streams s "$work/a.gif")$(count_streams a "$work/a.gif")" = 00
check "GIF --dither none --fps 5 --size 320x180" "$MAPREEL" render "$S" -o "$work/n.gif" --from hold --dither none --fps 5 --size 320x180 -q
check "GIF: 50 frames at 320x180" test "$(frame_count "$work/n.gif")/$(video_field width "$work/n.gif")" = 50/320
check "GIF: floyd dithering" "$MAPREEL" render "$S" -o "$work/f.gif" --from hold --to 16 --dither floyd --size 320x180 -q
"$MAPREEL" render "$S" -o "$work/x.gif" --dither random -q 2>/dev/null
check "unknown --dither: exit 2" test $? -eq 2
"$MAPREEL" render "$S" -o "$work/big.gif" --size 1920x1080 --frames 0:2 2>"$work/warn.txt"
check "warning for a huge GIF" grep -q "warning: a GIF of 2 frames at 1920x1080 will be very large" "$work/warn.txt"
check "GIF: colour count within the palette" bash -c "
    ffmpeg -v error -i '$work/a.gif' -vf 'select=eq(n\,50)' -frames:v 1 '$work/g50.png' &&
    test \$(convert '$work/g50.png' -format %k info:) -le 256"

mkdir -p "$work/frames"
check "PNG frames into a folder" "$MAPREEL" render "$S" -o "$work/frames/" --size 320x180 --fps 5 --from hold -q
check "PNG folder: 50 files 00050.png..00099.png (numbered as in the whole video)" bash -c "
    test \$(ls '$work/frames' | wc -l) = 50 && test -f '$work/frames/00050.png' && test -f '$work/frames/00099.png'"
check "PNG frames are 320x180 PNGs" bash -c "file '$work/frames/00070.png' | grep -q 'PNG image data, 320 x 180'"
check "no temporary folder left" bash -c "! ls -A '$work/frames' | grep -q part"
check "PNG pattern name-%04d.png" "$MAPREEL" render "$S" -o "$work/seq/map-%04d.png" --size 320x180 --frames 10:13 -q
check "pattern: map-0010.png..map-0012.png" bash -c "test \"\$(ls '$work/seq' | tr '\n' ' ')\" = 'map-0010.png map-0011.png map-0012.png '"
"$MAPREEL" render "$S" -o "$work/x.png" -q 2>/dev/null
check "a single .png is not a render output: exit 2" test $? -eq 2

# --- 5. Narration audio ----------------------------------------------------------------------
# Step 'advance' gets a recorded 7 s narration (a 300 Hz tone): it must last 0.3 + 7 + 0.8 s
# instead of its 6 s; the other steps are spoken by espeak-ng with --narrate.
ffmpeg -v error -f lavfi -i "sine=frequency=300:duration=7" -ar 44100 "$work/voice.wav"
sed 's/^    duration: 6$/    duration: 6\n    audio: voice.wav/' "$S" >"$work/voiced.yaml"
V="$work/voiced.yaml"
check "the voiced story names an audio file" grep -q "audio: voice.wav" "$V"
check "render MP4 --narrate" "$MAPREEL" render "$V" -o "$work/n.mp4" --size 320x180 --narrate -q \
    --captions "$work/n.vtt" --chapters "$work/n.chapters.vtt"
check "narrated MP4: one AAC track" test "$(ffprobe -v error -select_streams a -show_entries stream=codec_name -of csv=p=0 "$work/n.mp4")" = aac
check "narrated MP4: 48 kHz mono" test "$(ffprobe -v error -select_streams a -show_entries stream=sample_rate,channels -of csv=p=0 "$work/n.mp4")" = "48000,1"
vdur=$(stream_duration v "$work/n.mp4")
adur=$(stream_duration a "$work/n.mp4")
check "narrated MP4: audio lasts as long as the video ($adur ~ $vdur s)" near "$adur" "$vdur" 0.05
check "narrated MP4: longer than the silent 20 s ($vdur s)" awk -v d="$vdur" 'BEGIN { exit !(d > 21) }'
ch2=$(ffprobe -v error -show_chapters -of csv=p=0 "$work/n.mp4" | sed -n 2p)
ch2start=$(cut -d, -f4 <<<"$ch2")
ch2len=$(awk -F, '{ print $6 - $4 }' <<<"$ch2")
check "recorded step stretched to 0.3 + 7 + 0.8 s ($ch2len)" near "$ch2len" 8.1 0.002
check "chapters file agrees" grep -q "$(awk -F, '{ printf "%02d:%02d:%06.3f", int($6/3600), int($6/60)%60, $6 - 60*int($6/60) }' <<<"$ch2")" "$work/n.chapters.vtt"
tone=$(ffmpeg -v info -ss "$(awk -v s="$ch2start" 'BEGIN { print s + 2 }')" -t 2 -i "$work/n.mp4" -vn -af volumedetect -f null - 2>&1 |
    sed -n 's/.*mean_volume: \(-*[0-9.]*\) dB/\1/p')
check "recorded narration keeps its level (tone mean $tone dB ~ -21 dB)" near "$tone" -21 1.5
speech=$(ffmpeg -v info -ss 0.5 -t 2.5 -i "$work/n.mp4" -vn -af volumedetect -f null - 2>&1 |
    sed -n 's/.*max_volume: \(-*[0-9.]*\) dB/\1/p')
check "synthesised speech is audible in step 1 (peak $speech dB)" awk -v v="$speech" 'BEGIN { exit !(v > -6) }'
check "captions of a narrated render stay within the video" bash -c "
    tail -n 3 '$work/n.vtt' | grep -- '-->' | awk '{ split(\$3, t, \":\"); exit !(t[1] * 3600 + t[2] * 60 + t[3] <= $vdur + 0.01) }'"
# Captions follow the voice: the second cue of step 'hold' starts when its first word is
# heard, i.e. where the pause after the first sentence ends.
ch3start=$(ffprobe -v error -show_chapters -of csv=p=0 "$work/n.mp4" | sed -n 3p | cut -d, -f4)
cue2=$(grep -- '-->' "$work/n.vtt" | awk -v s="$ch3start" '{ split($1, t, ":"); x = t[1] * 3600 + t[2] * 60 + t[3]; if (x > s + 0.5) { print x; exit } }')
resumes=$(ffmpeg -v info -i "$work/n.mp4" -vn -af silencedetect=n=-35dB:d=0.12 -f null - 2>&1 |
    sed -n 's/.*silence_end: \([0-9.]*\).*/\1/p' | tr '\n' ' ')
check "the second cue of a spoken step starts as its first word is heard (cue $cue2 s; speech resumes at $resumes)" \
    awk -v c="$cue2" -v r="$resumes" 'BEGIN { n = split(r, a, " "); for (i = 1; i <= n; i++) { d = a[i] - c; if (d < 0) d = -d; if (d < 0.12) exit 0 } exit 1 }'
check "render WebM --narrate" "$MAPREEL" render "$V" -o "$work/n.webm" --size 320x180 --narrate -q --frames 0:150
check "narrated WebM: Opus" test "$(ffprobe -v error -select_streams a -show_entries stream=codec_name -of csv=p=0 "$work/n.webm")" = opus
check "narrated WebM: audio ~ video ($(stream_duration a "$work/n.webm") ~ 5 s)" near "$(stream_duration a "$work/n.webm")" 5 0.05
check "French narration" "$MAPREEL" render "$S" -o "$work/fr.mp4" --size 320x180 --narrate --lang fr --frames 0:30 -q
check "French narration: audio track tagged fre" test "$(ffprobe -v error -select_streams a -show_entries stream_tags=language -of csv=p=0 "$work/fr.mp4")" = fre
check "without --narrate or audio files: no audio track" test "$(count_streams a "$work/a.mp4")" = 0
echo "not audio" >"$work/bad.wav"
sed 's/voice.wav/bad.wav/' "$V" >"$work/bad.yaml"
"$MAPREEL" render "$work/bad.yaml" -o "$work/x.mp4" -q 2>"$work/err.txt"
rc=$?
check "not an audio file: exit 3 ($rc)" test $rc -eq 3
check "not an audio file: file:line:col and the step" grep -qE "bad.yaml:[0-9]+:[0-9]+: error: file 'bad.wav' of step 'advance' is not an audio file" "$work/err.txt"

# --- 6. Languages -------------------------------------------------------------------------
check "--lang all" "$MAPREEL" render "$S" -o "$work/l.mp4" --size 320x180 --frames 0:30 --lang all --captions "$work/l.vtt" -q
check "--lang all: l.en.mp4 and l.fr.mp4" test -f "$work/l.en.mp4" -a -f "$work/l.fr.mp4"
check "--lang all: l.fr.vtt in French" grep -q "Le front commence" "$work/l.fr.vtt"
check "--lang all: French subtitle track tagged fre" test "$(ffprobe -v error -select_streams s -show_entries stream_tags=language -of csv=p=0 "$work/l.fr.mp4")" = fre
# A language the story is not written in: a warning naming it and the language used
# instead, and the render goes on in that one.
"$MAPREEL" render "$S" -o "$work/de.mp4" --lang de --size 320x180 --frames 0:10 \
    --captions "$work/de.vtt" -q 2>"$work/err.txt"
rc=$?
check "language the story lacks: the render goes on ($rc)" test $rc -eq 0 -a -s "$work/de.mp4"
check "language the story lacks: one warning naming it and the fallback" \
    grep -qx "mapreel: warning: the story is not written in 'de' (its languages: en, fr, or all); using 'en' instead" "$work/err.txt"
check "language the story lacks: English captions" bash -c "! grep -q 'Le front commence' '$work/de.vtt'"

finish
