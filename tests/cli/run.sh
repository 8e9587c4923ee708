#!/usr/bin/env bash
# The command line as a user runs it. Prints 'N passed, M failed' and fails if any failed.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"



# Help and exit codes.
check "help exits 0" "$MAPREEL" --help
check "render --help documents exit codes" bash -c "'$MAPREEL' render --help | grep -q 'Exit codes'"
"$MAPREEL" render >/dev/null 2>&1
check "missing arguments exit 2" test $? -eq 2

# A starter story renders to a valid H.264 MP4 with the right frames.
check "new writes a starter story" "$MAPREEL" new starter -o "$work/starter.yaml"
check "the starter story passes check" "$MAPREEL" check "$work/starter.yaml"
check "render the starter story" "$MAPREEL" render "$work/starter.yaml" -o "$work/starter.mp4" --size 320x180 -q
check "codec is h264" test "$(video_field codec_name "$work/starter.mp4")" = h264
check "profile is High" test "$(video_field profile "$work/starter.mp4")" = High
check "pixel format is yuv420p" test "$(video_field pix_fmt "$work/starter.mp4")" = yuv420p
check "size is 320x180" test "$(video_field width "$work/starter.mp4")x$(video_field height "$work/starter.mp4")" = 320x180
frames=$(ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of default=nw=1:nk=1 "$work/starter.mp4")
# `check` reports the timeline's length; the video must have exactly that many frames.
summary=$("$MAPREEL" check "$work/starter.yaml")
expected_frames=$(sed -n 's/.* \([0-9][0-9]*\) frames).*/\1/p' <<<"$summary")
expected_seconds=$(sed -n 's/.*, \([0-9.]*\) s, .*/\1/p' <<<"$summary")
check "check reports seconds and frames ($summary)" test -n "$expected_frames" -a -n "$expected_seconds"
check "frame count matches the timeline ($frames = $expected_frames)" test "$frames" = "$expected_frames"
duration=$(ffprobe -v error -show_entries format=duration -of default=nw=1:nk=1 "$work/starter.mp4")
check "duration matches the timeline ($duration ~ $expected_seconds s)" \
  awk -v d="$duration" -v e="$expected_seconds" 'BEGIN { exit !(d > e - 0.06 && d < e + 0.06) }'
check "faststart puts moov first" bash -c "head -c 64 '$work/starter.mp4' | grep -q moov || ffprobe -v trace '$work/starter.mp4' 2>&1 | grep -m1 -E \"type:'(moov|mdat)'\" | grep -q moov"

# --frames past the story's end: the frames that exist, with a warning naming them; a range
# starting after the end is a usage error, for --null-output too.
last=$((expected_frames - 10))
"$MAPREEL" render "$work/starter.yaml" -o "$work/past.mp4" --size 320x180 -q \
  --frames "$last:$((expected_frames + 40))" 2>"$work/past.err"
check "--frames past the end: exit 0" test $? -eq 0
past_frames=$(ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of default=nw=1:nk=1 "$work/past.mp4")
check "--frames past the end: the last 10 frames ($past_frames)" test "$past_frames" = 10
check "--frames past the end: a warning names the frames drawn" \
  grep -q "warning: --frames .* runs past the end of the story ($expected_frames frames); drawing frames $last:$expected_frames" "$work/past.err"
"$MAPREEL" render "$work/starter.yaml" --null-output -q --frames "$((expected_frames + 1)):$((expected_frames + 9))" 2>"$work/past.err"
check "--null-output --frames after the end: exit 2" test $? -eq 2
check "... saying so" grep -q "starts after the last frame" "$work/past.err"

# WebM (VP9) by extension, with captions, chapters and a description beside it.
check "render WebM with sidecars" "$MAPREEL" render "$work/starter.yaml" -o "$work/starter.webm" --size 320x180 -q \
  --captions "$work/starter.vtt" --chapters "$work/starter.chapters.vtt" --description "$work/starter.txt"
check "WebM codec is vp9" test "$(video_field codec_name "$work/starter.webm")" = vp9
check "WebM pixel format is yuv420p" test "$(video_field pix_fmt "$work/starter.webm")" = yuv420p
check "WebM container" bash -c "ffprobe -v error -show_entries format=format_name -of default=nw=1:nk=1 '$work/starter.webm' | grep -q webm"
webm_frames=$(ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of default=nw=1:nk=1 "$work/starter.webm")
check "WebM frame count matches the timeline ($webm_frames = $expected_frames)" test "$webm_frames" = "$expected_frames"
check "captions start with WEBVTT" test "$(head -n1 "$work/starter.vtt")" = WEBVTT
check "chapters start with WEBVTT" test "$(head -n1 "$work/starter.chapters.vtt")" = WEBVTT
steps=$(sed -n 's/.*ok (\([0-9]*\) steps.*/\1/p' <<<"$summary")
check "one chapter per step ($steps)" test "$(grep -c -- '-->' "$work/starter.chapters.vtt")" = "$steps"
check "captions have a cue per narration at least" test "$(grep -c -- '-->' "$work/starter.vtt")" -ge "$steps"
check "caption lines are at most 42 characters" bash -c "! grep -v -- '-->' '$work/starter.vtt' | awk 'length > 42' | grep -q ."
check "captions parse in ffmpeg" bash -c "ffprobe -v error -show_entries stream=codec_name -of default=nw=1:nk=1 '$work/starter.vtt' | grep -q webvtt"
check "description has chapters from 0:00" grep -q '^0:00 ' "$work/starter.txt"
"$MAPREEL" render "$work/starter.yaml" -o "$work/starter.avi" -q 2>/dev/null
check "unknown video extension exits 2" test $? -eq 2

# Stills in each format.
check "still PNG" "$MAPREEL" still "$work/starter.yaml" --step 2 -o "$work/s.png" --size 480x270 -q
check "PNG is a PNG" bash -c "file '$work/s.png' | grep -q 'PNG image data, 480 x 270'"
check "still SVG" "$MAPREEL" still "$work/starter.yaml" --date 1950-07-10 -o "$work/s.svg" --size 480x270 -q
check "SVG parses" bash -c "grep -q '<svg' '$work/s.svg' && python3 -c 'import xml.dom.minidom,sys; xml.dom.minidom.parse(sys.argv[1])' '$work/s.svg'"
check "still PDF" "$MAPREEL" still "$work/starter.yaml" --time 1 -o "$work/s.pdf" -q
check "PDF has one page" bash -c "pdfinfo '$work/s.pdf' | grep -q 'Pages: *1'"

# Probe.
check "probe north of the line" test "$("$MAPREEL" probe "$work/starter.yaml" --date 1950-06-25 --at 126.0,39.5)" = north
check "probe south of the line" test "$("$MAPREEL" probe "$work/starter.yaml" --date 1950-06-25 --at 128.0,36.0)" = south
check "probe at sea" test "$("$MAPREEL" probe "$work/starter.yaml" --date 1950-06-25 --at 131.0,38.0)" = none
check "probe --json" bash -c "'$MAPREEL' probe '$work/starter.yaml' --date 1950-08-01 --at 127.0,37.5 --json | grep -q '\"side\": \"north\"'"

# Errors: a broken story renders nothing and leaves earlier outputs untouched.
sed 's/color: "#c4302b"/colour: "#c4302b"/; s/kind: capital}/kind: capitol}/' "$work/starter.yaml" > "$work/broken.yaml"
cp "$work/starter.mp4" "$work/keep.mp4"
before=$(md5sum < "$work/keep.mp4")
"$MAPREEL" render "$work/broken.yaml" -o "$work/keep.mp4" 2> "$work/err.txt"
check "invalid story exits 3" test $? -eq 3
check "every error is reported with file:line:col" bash -c "grep -c 'broken.yaml:[0-9]*:[0-9]*: error' '$work/err.txt' | grep -q '^[2-9]'"
check "did-you-mean for the misspelt value" grep -q "did you mean 'capital'" "$work/err.txt"
check "earlier output untouched" test "$(md5sum < "$work/keep.mp4")" = "$before"
check "no temporary files left" bash -c "! ls -A '$work' | grep -q part"
"$MAPREEL" render "$work/starter.yaml" -o "$work/no/such/dir/x.mp4" -q 2> "$work/err2.txt"
check "missing output folder exits 5" test $? -eq 5
check "missing output folder is named" grep -q "does not exist" "$work/err2.txt"

# A static site from a folder of stories grouped by a series.yaml.
mkdir -p "$work/site-src/series-a" "$work/site-src/loose"
"$MAPREEL" new first -o "$work/site-src/series-a/first.yaml" 2>/dev/null
"$MAPREEL" new second -o "$work/site-src/series-a/second.yaml" 2>/dev/null
"$MAPREEL" new third -o "$work/site-src/loose/third.yaml" 2>/dev/null
printf 'id: demo\ntitle: "A demo series"\nmaps: [second, first]\n' > "$work/site-src/series-a/series.yaml"
check "site builds" "$MAPREEL" site "$work/site-src" -o "$work/site" --size 320x180 -q
for f in index.html catalogue.js assets/player.js assets/catalogue-view.js assets/dates.js; do
    check "site has $f" test -s "$work/site/$f"
done
for id in first second third; do
    for f in index.html story.js video.mp4 captions.vtt chapters.vtt poster.png thumb.png description.txt; do
        check "site has maps/$id/en/$f" test -s "$work/site/maps/$id/en/$f"
    done
done
check "no WebM without --webm" test ! -e "$work/site/maps/first/en/video.webm"
check "poster is the video size" bash -c "file '$work/site/maps/first/en/poster.png' | grep -q '320 x 180'"
check "thumbnail is 640 wide (sharp on a card at twice the density)" bash -c "file '$work/site/maps/first/en/thumb.png' | grep -q '640 x 360'"
check "series order is the listed order, unlisted last" bash -c \
  "grep -o '\"href\": \"maps/[a-z]*/' '$work/site/catalogue.js' | tr '\n' ' ' | grep -q 'second.*first.*third'"
check "site leaves no temporary files" bash -c "! find '$work/site' -name '.*part*' | grep -q ."
printf 'id: demo\ntitle: "A demo series"\nmaps: [second, first, fourth]\n' > "$work/site-src/series-a/series.yaml"
"$MAPREEL" site "$work/site-src" -o "$work/site2" --size 320x180 -q 2> "$work/err3.txt"
check "a listed story that does not exist exits 3" test $? -eq 3
check "the missing story is named with file:line:col" grep -q "series.yaml:3:[0-9]*: error: series 'demo' lists 'fourth'" "$work/err3.txt"
check "nothing rendered for a broken site" test ! -e "$work/site2/maps"

# The narration card: render, still and handout draw it; the site's videos (the web cut) and
# --narration-card off / canvas narration-card: off leave it out. Seen in the pixels of the
# card's corner (the right third, bottom half) and of the whole frame.
differ() { # differ A B: the number of pixels that differ between two PNGs
    compare -metric AE "$1" "$2" null: 2>&1 | sed 's/ .*//'
}
card_corner() { # card_corner IN OUT: the lower right of a 320x180 frame, where the card is
    convert "$1" -crop 110x80+205+95 +repage "$2"
}
"$MAPREEL" still "$work/starter.yaml" --step 2 --size 320x180 -o "$work/card-default.png" -q
"$MAPREEL" still "$work/starter.yaml" --step 2 --size 320x180 --narration-card on -o "$work/card-on.png" -q
"$MAPREEL" still "$work/starter.yaml" --step 2 --size 320x180 --narration-card off -o "$work/card-off.png" -q
check "still: the card is drawn by default" cmp -s "$work/card-default.png" "$work/card-on.png"
card_corner "$work/card-on.png" "$work/corner-on.png"
card_corner "$work/card-off.png" "$work/corner-off.png"
corner=$(differ "$work/corner-on.png" "$work/corner-off.png")
check "--narration-card off: the card's corner changes ($corner of 8800 pixels)" test "${corner:-0}" -gt 2000
sed 's/^canvas: {size: \[1920, 1080\], fps: 30, theme: classic}$/canvas: {size: [1920, 1080], fps: 30, theme: classic, narration-card: off}/' \
    "$work/starter.yaml" >"$work/nocard.yaml"
check "canvas narration-card: off is in the story" grep -q "narration-card: off" "$work/nocard.yaml"
"$MAPREEL" still "$work/nocard.yaml" --step 2 --size 320x180 -o "$work/nocard.png" -q
"$MAPREEL" still "$work/nocard.yaml" --step 2 --size 320x180 --narration-card on -o "$work/nocard-on.png" -q
check "canvas narration-card: off draws the frame --narration-card off draws" cmp -s "$work/nocard.png" "$work/card-off.png"
check "--narration-card on overrides the story's off" cmp -s "$work/nocard-on.png" "$work/card-on.png"
"$MAPREEL" still "$work/starter.yaml" --step 2 -o "$work/x.png" --narration-card maybe -q 2>/dev/null
check "--narration-card maybe: usage error (exit 2)" test $? -eq 2

# Pictures: an image action draws its PNG or JPEG in a card, with caption and credit.
magenta() { # how many pixels of the image are (nearly) pure magenta
    convert "$1" -fuzz 6% -fill white -opaque '#ff00ff' -fill black +opaque white \
        -format '%[fx:round(mean*w*h)]' info:
}
"$MAPREEL" still "$work/starter.yaml" --step 1 --size 640x360 -o "$work/picture-none.png" -q
n0=$(magenta "$work/picture-none.png")
convert -size 120x80 xc:'#ff00ff' "$work/magenta.jpg"
convert -size 120x80 xc:'#ff00ff' "$work/magenta.png"
for kind in jpg png; do
    sed "s|^    narration: \"The front begins on the 38th parallel.\"|&\n    actions:\n      - image: {file: magenta.$kind, caption: \"A picture\", credit: \"An archive\"}|" \
        "$work/starter.yaml" >"$work/picture-$kind.yaml"
    "$MAPREEL" still "$work/picture-$kind.yaml" --step 1 --size 640x360 -o "$work/picture-$kind.png" -q
    n=$(magenta "$work/picture-$kind.png")
    check "image action: the $kind picture is in the still ($n magenta pixels, $n0 without it)" \
        test "${n:-0}" -gt $((${n0:-0} + 2000))
done
convert -size 40x40 xc:'#ff00ff' "$work/magenta.gif"
sed 's|^    narration: "The front begins on the 38th parallel."|&\n    actions:\n      - image: {file: magenta.gif}|' \
    "$work/starter.yaml" >"$work/picture-gif.yaml"
"$MAPREEL" check "$work/picture-gif.yaml" >"$work/picture-gif.out" 2>&1
check "a GIF picture is an error that asks for PNG or JPEG" grep -q "export it again as PNG or JPEG" "$work/picture-gif.out"
steps_n=$(sed -n 's/.*ok (\([0-9]*\) steps.*/\1/p' <<<"$("$MAPREEL" check "$work/site-src/series-a/first.yaml")")
"$MAPREEL" still "$work/site-src/series-a/first.yaml" --step "$steps_n" --size 320x180 --narration-card off -o "$work/last-off.png" -q
"$MAPREEL" still "$work/site-src/series-a/first.yaml" --step "$steps_n" --size 320x180 -o "$work/last-on.png" -q
poster_off=$(differ "$work/site/maps/first/en/poster.png" "$work/last-off.png")
poster_on=$(differ "$work/site/maps/first/en/poster.png" "$work/last-on.png")
check "site: the poster is the frame without the card ($poster_off pixels differ; $poster_on from the card's)" \
    test "${poster_off:-1}" -eq 0 -a "${poster_on:-0}" -gt 2000
check "site: story.js says the video has no card" grep -q '"narrationCard": false' "$work/site/maps/first/en/story.js"
# The site's video itself: its frame at the last step's settled moment is the still without
# the card (H.264 changes pixels a little, so: much nearer to it than to the one with it).
settled=$(grep -o '"settled": [0-9.]*' "$work/site/maps/first/en/story.js" | tail -1 | sed 's/.*: //')
ffmpeg -v error -ss "$settled" -i "$work/site/maps/first/en/video.mp4" -frames:v 1 -y "$work/site-frame.png"
near_off=$(compare -metric RMSE "$work/site-frame.png" "$work/last-off.png" null: 2>&1 | sed 's/.*(\(.*\))/\1/')
near_on=$(compare -metric RMSE "$work/site-frame.png" "$work/last-on.png" null: 2>&1 | sed 's/.*(\(.*\))/\1/')
check "site: the video's frame is the web cut (RMSE $near_off to it, $near_on to the card's)" \
    awk -v a="$near_off" -v b="$near_on" 'BEGIN { exit !(a < 0.03 && b > 2 * a) }'
printf 'id: demo\ntitle: "A demo series"\nmaps: [second, first]\n' > "$work/site-src/series-a/series.yaml"
check "site --narration-card on builds" "$MAPREEL" site "$work/site-src" -o "$work/site-card" --size 320x180 --narration-card on -q
check "site --narration-card on: the poster has the card" \
    test "$(differ "$work/site-card/maps/first/en/poster.png" "$work/last-on.png")" -eq 0

# The handout prints the narration under each map; its map has the card unless told not to.
"$MAPREEL" handout "$work/starter.yaml" -o "$work/card.pdf" -q
"$MAPREEL" handout "$work/starter.yaml" -o "$work/nocard.pdf" --narration-card off -q
in_card=$(pdftotext -f 1 -l 1 "$work/card.pdf" - | grep -c "The front begins")
no_card=$(pdftotext -f 1 -l 1 "$work/nocard.pdf" - | grep -c "The front begins")
check "handout: the narration twice with the card ($in_card), once without ($no_card)" \
    test "$in_card" -eq 2 -a "$no_card" -eq 1

# A language the story lacks, or one no locale data knows: a warning naming it and what is
# used instead, and the output is made.
"$MAPREEL" still "$work/starter.yaml" --step 1 --size 320x180 --lang xx -o "$work/xx.png" 2>"$work/xx.err"
check "still --lang xx: exit 0 and the image" test $? -eq 0 -a -s "$work/xx.png"
check "still --lang xx: the warning names xx and the language used" \
    grep -qx "mapreel: warning: the story is not written in 'xx' (its languages: en, or all); using 'en' instead" "$work/xx.err"
check "still --lang xx: the frame is the English one" bash -c \
    "'$MAPREEL' still '$work/starter.yaml' --step 1 --size 320x180 -o '$work/en.png' -q && cmp -s '$work/en.png' '$work/xx.png'"

# The repository's stories all pass check.
for story in $(find "$root/stories" -name '*.yaml' ! -name series.yaml | sort); do
    check "check $(basename "$story")" "$MAPREEL" check -q "$story"
done


# A story whose map contradicts one of its facts: outputs refuse it (exit 3, nothing written)
# unless --allow-failing-facts says to go on.
"$MAPREEL" new wrong -o "$work/wrong.yaml" >/dev/null 2>&1
printf 'facts:\n  - {at: [127.0, 35.5], side: north, date: 1950-06-25, source: [own]}\n' >>"$work/wrong.yaml"
"$MAPREEL" check "$work/wrong.yaml" >/dev/null 2>&1
check "check: a failing fact is an error (exit 3)" test $? -eq 3
for cmd in still handout render; do
    case $cmd in
    still) out="$work/wrong.png"; args=(--step 1) ;;
    handout) out="$work/wrong.pdf"; args=() ;;
    render) out="$work/wrong.mp4"; args=(--size 320x180 --frames 0:2) ;;
    esac
    "$MAPREEL" $cmd "$work/wrong.yaml" -o "$out" "${args[@]}" -q 2>"$work/wrong.err"
    check "$cmd refuses a story whose facts fail (exit 3)" test $? -eq 3
    check "$cmd names the fact and the way on" grep -q -- "--allow-failing-facts" "$work/wrong.err"
    check "$cmd wrote nothing" test ! -e "$out"
    check "$cmd --allow-failing-facts writes it" "$MAPREEL" $cmd "$work/wrong.yaml" -o "$out" "${args[@]}" -q --allow-failing-facts
    check "$cmd --allow-failing-facts: the file is there" test -s "$out"
done
mkdir -p "$work/wrong-series" && cp "$work/wrong.yaml" "$work/wrong-series/"
"$MAPREEL" site "$work/wrong-series" -o "$work/wrong-site" --size 320x180 -q 2>"$work/wrong.err"
check "site refuses a story whose facts fail (exit 3)" test $? -eq 3
check "site names the fact and the way on" grep -q -- "--allow-failing-facts" "$work/wrong.err"

# prepare: results computed once into a folder serve later runs that have an empty cache.
prep="$work/prepared"
check "prepare stores where MAPREEL_CACHE_DIR says" env MAPREEL_CACHE_DIR="$prep" \
  MAPREEL_PREPARED_DIR="$work/no-prepared" "$MAPREEL" prepare -q --size 320x180 "$work/starter.yaml"
check "prepare converted the base data and stored geometry" \
  bash -c "ls '$prep'/*.gpkg >/dev/null && test -n \"\$(ls '$prep/geometry')\""
mkdir -p "$work/empty-cache" "$work/no-stories"
check "a still reads the prepared folder" env XDG_CACHE_HOME="$work/empty-cache" \
  MAPREEL_PREPARED_DIR="$prep" "$MAPREEL" still "$work/starter.yaml" --step 2 --size 320x180 -o "$work/p.png" -q
check "... and computed or converted nothing anew" test -z "$(find "$work/empty-cache" -type f)"
check "the same still without it" env XDG_CACHE_HOME="$work/empty-cache" \
  MAPREEL_PREPARED_DIR="$work/no-prepared" "$MAPREEL" still "$work/starter.yaml" --step 2 --size 320x180 -o "$work/q.png" -q
check "... fills the empty cache" test -n "$(find "$work/empty-cache" -name '*.gpkg')"
check "... and draws the same picture" cmp -s "$work/p.png" "$work/q.png"
"$MAPREEL" prepare -q "$work/no-stories" 2>"$work/prepare.err"
check "prepare of a folder without stories exits 3" test $? -eq 3
check "... and says what a story is" grep -q "mapreel: 1" "$work/prepare.err"

finish
