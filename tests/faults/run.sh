#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Environment faults, as a user meets them. Each case runs mapreel against one fault and
# checks three things: the exit code, the exact message on stderr (one line, with its hint),
# and that the file the command would have replaced is byte-identical afterwards, with no
# temporary file (.NAME.part-PID.EXT) left beside it.
#
#   MAPREEL=build/release/apps/mapreel bash tests/faults/run.sh files|mounts
#
# `files`: missing output folder, data files missing/truncated/corrupt, unreadable images and
# audio, missing fonts, unknown CRS, unavailable encoder. `mounts`: a read-only output
# folder and a full disk, on tmpfs mounts (root or CAP_SYS_ADMIN: chmod does not stop root).
# Without mount rights the group prints SKIP and exits 77 (CTest's SKIP_RETURN_CODE).
set -u
MAPREEL=${MAPREEL:?set MAPREEL to the mapreel binary}
group=${1:?usage: run.sh files|mounts}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
data="${MAPREEL_DATA_DIR:-$here/../../data}"
work="$(mktemp -d)"
mounts=()
cleanup() {
    for m in "${mounts[@]}"; do umount "$m" 2>/dev/null; done
    rm -rf "$work"
}
trap cleanup EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1"; }

# fault NAME RC EXPECTED TARGET COMMAND...: runs COMMAND, which must fail with exit code RC
# and print exactly EXPECTED on stderr, and leave TARGET (an earlier output) untouched.
fault() {
    local name="$1" rc="$2" expected="$3" target="$4"
    shift 4
    local before="" got actual
    [ -e "$target" ] && before=$(md5sum <"$target")
    "$@" 2>"$work/stderr" >/dev/null
    got=$?
    actual=$(cat "$work/stderr")
    if [ "$got" -eq "$rc" ]; then ok "$name: exit $rc"; else fail "$name: exit $got, expected $rc"; fi
    # An expected message starting with ~ is an extended regular expression for the whole
    # message (where libav's wording depends on which write met the full disk first).
    if [ "$actual" = "$expected" ] ||
        { [ "${expected:0:1}" = "~" ] && grep -Eqx -- "${expected:1}" <<<"$actual"; }; then
        ok "$name: message"
    else
        fail "$name: message"
        diff <(echo "$expected") <(echo "$actual") | sed 's/^/       /'
    fi
    if [ -n "$before" ]; then
        if [ "$(md5sum <"$target")" = "$before" ]; then ok "$name: earlier output byte-identical"
        else fail "$name: earlier output changed"; fi
    fi
    local dir
    dir=$(dirname "$target")
    if [ -d "$dir" ] && find "$dir" -maxdepth 1 -name '.*.part-*' | grep -q .; then
        fail "$name: temporary file left: $(find "$dir" -maxdepth 1 -name '.*.part-*' | head -1)"
    else
        ok "$name: no temporary file left"
    fi
}

# A small story (the starter) and an earlier render of it: the output every fault must spare.
cd "$work" || exit 1
"$MAPREEL" new story -o story.yaml 2>/dev/null
"$MAPREEL" render story.yaml -o earlier.mp4 --size 320x180 --frames 0:10 -q || {
    echo "FAIL cannot render the reference story"
    exit 1
}
"$MAPREEL" still story.yaml --step 2 -o earlier.png --size 320x180 -q
mkdir -p out
# with_region FILE OUT: the story with its region read from a data file instead.
with_region() { sed "s|peninsula: {countries: \[KOR, PRK\]}|peninsula: {file: $1}|" story.yaml >"$2"; }
line_of() { grep -n "$1" "$2" | head -1 | cut -d: -f1; }

files_group() {
    # The output folder does not exist.
    fault "output folder missing (render)" 5 \
        "mapreel: output folder 'no/such/folder' does not exist" \
        out/video.mp4 "$MAPREEL" render story.yaml -o no/such/folder/video.mp4 -q
    fault "output folder missing (still)" 5 \
        "mapreel: output folder 'no/such/folder' does not exist" \
        out/still.png "$MAPREEL" still story.yaml --step 1 -o no/such/folder/still.png -q

    # Data files: missing (found by the loader, with file:line:col), truncated, corrupt.
    cp earlier.mp4 out/data.mp4
    mkdir -p data
    with_region data/korea.geojson missing.yaml
    local l
    l=$(line_of 'peninsula: {file' missing.yaml)
    fault "data file missing" 3 \
        "missing.yaml:$l:21: error: file 'data/korea.geojson' of region 'peninsula' does not exist
  hint: paths are relative to the story's folder
1 error in missing.yaml" \
        out/data.mp4 "$MAPREEL" render missing.yaml -o out/data.mp4 -q
    # A real GeoJSON of the two Koreas, then broken copies of it.
    ogr2ogr -f GeoJSON data/korea-good.geojson \
        "/vsigzip/$data/natural-earth/ne_50m_admin_0_countries.geojson.gz" \
        -where "ADM0_A3 IN ('KOR','PRK')"
    gzip -c data/korea-good.geojson >data/korea-good.geojson.gz
    head -c 3000 data/korea-good.geojson.gz >data/truncated.geojson.gz
    # Read when rendering: the message names the story line of the region that reads it.
    with_region data/truncated.geojson.gz truncated.yaml
    l=$(line_of 'peninsula: {file' truncated.yaml)
    fault "data file truncated (gzip)" 4 \
        "mapreel: truncated.yaml:$l:14: cannot open data file './data/truncated.geojson.gz': Failed to read GeoJSON data (the compressed file may be truncated)" \
        out/data.mp4 "$MAPREEL" render truncated.yaml -o out/data.mp4 -q
    head -c 10000 data/korea-good.geojson >data/cut.geojson
    with_region data/cut.geojson cut.yaml
    fault "data file truncated (JSON)" 4 \
        "mapreel: cut.yaml:$l:14: cannot open data file './data/cut.geojson': Failed to read GeoJSON data" \
        out/data.mp4 "$MAPREEL" render cut.yaml -o out/data.mp4 -q
    printf '\037\213\010\000garbage, not deflate data' >data/garbage.geojson.gz
    with_region data/garbage.geojson.gz garbage.yaml
    fault "data file corrupt (gzip garbage)" 4 \
        "mapreel: garbage.yaml:$l:14: cannot open data file './data/garbage.geojson.gz': it is compressed but corrupt or truncated (decompression failed with z_err = -3, return = 0)" \
        out/data.mp4 "$MAPREEL" render garbage.yaml -o out/data.mp4 -q
    printf '{"type": "FeatureCollection", "features": [{"type": ]]]' >data/json-garbage.geojson
    with_region data/json-garbage.geojson json.yaml
    fault "data file corrupt (JSON garbage)" 4 \
        "mapreel: json.yaml:$l:14: cannot open data file './data/json-garbage.geojson': Failed to read GeoJSON data" \
        out/data.mp4 "$MAPREEL" render json.yaml -o out/data.mp4 -q
    # A point GDAL reads as empty (NaN): an error naming the story line, the file and the
    # feature, not a place that silently vanishes.
    sed 's|"features": \[|"features": [{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [NaN, 38]}}, |' \
        data/korea-good.geojson >data/nan.geojson
    with_region data/nan.geojson nan.yaml
    fault "data file with a NaN point" 4 \
        "mapreel: nan.yaml:$l:14: data file './data/nan.geojson': the feature with FID 0 has an empty point (GDAL reads a point whose coordinates are not numbers, such as NaN, as empty); fix or remove that feature" \
        out/data.mp4 "$MAPREEL" render nan.yaml -o out/data.mp4 -q
    # A ring of 150,000 points zig-zagging across itself: refused before GEOS starts (which
    # would take minutes), with the story line and the file.
    python3 -c '
import json, math, sys
n = 150000
ring = [[127 + 3 * (1 + 0.05 * math.sin(i)) * math.cos(2 * math.pi * i / n),
         37 + 3 * (1 + 0.05 * math.sin(i)) * math.sin(2 * math.pi * i / n)] for i in range(n)]
json.dump({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {},
           "geometry": {"type": "Polygon", "coordinates": [ring + ring[:1]]}}]}, sys.stdout)
' >data/dense.geojson
    with_region data/dense.geojson dense.yaml
    fault "data too dense to repair" 4 \
        "~mapreel: dense\.yaml:$l:14: data file 'data/dense\.geojson': geometry too dense to check or repair: 150,000 points whose edges lie across one another [0-9,]+ times \(over 64 per point: a ring that zig-zags over itself\?\); simplify the data first \(ogr2ogr -simplify\) or repair it in a GIS \(ogr2ogr -makevalid\)" \
        out/data.mp4 "$MAPREEL" render dense.yaml -o out/data.mp4 -q
    : >data/empty.geojson
    with_region data/empty.geojson empty.yaml
    l=$(line_of 'peninsula: {file' empty.yaml)
    fault "data file empty" 3 \
        "empty.yaml:$l:21: error: file 'data/empty.geojson' of region 'peninsula' is empty
1 error in empty.yaml" \
        out/data.mp4 "$MAPREEL" render empty.yaml -o out/data.mp4 -q
    # An image and a narration recording that are not what their names say.
    mkdir -p media
    echo "a text file named like a photograph" >media/photo.png
    echo "a text file named like a recording" >media/voice.mp3
    sed 's|^    narration: "The front begins on the 38th parallel."|&\n    actions:\n      - image: {file: media/photo.png, caption: "A photograph"}|' \
        story.yaml >image.yaml
    l=$(line_of 'image: {file' image.yaml)
    fault "image unreadable" 3 \
        "image.yaml:$l:23: error: file 'media/photo.png' of action 1 of step 'start' (image) is not a PNG, JPEG, GIF, WebP or SVG image
  hint: export it again as PNG or JPEG
1 error in image.yaml" \
        out/data.mp4 "$MAPREEL" render image.yaml -o out/data.mp4 -q
    sed 's|^    narration: "The front begins on the 38th parallel."|&\n    audio: media/voice.mp3|' \
        story.yaml >audio.yaml
    l=$(line_of 'audio: media' audio.yaml)
    fault "audio unreadable" 3 \
        "audio.yaml:$l:12: error: file 'media/voice.mp3' of step 'start' is not an audio file
  hint: use WAV, MP3, Ogg (Vorbis or Opus), FLAC or M4A
1 error in audio.yaml" \
        out/data.mp4 "$MAPREEL" render audio.yaml -o out/data.mp4 -q

    # An unknown CRS: `check` points at the line, `render` stops before writing anything.
    sed 's|^  projection: .*|  projection: "EPSG:999999"|' story.yaml >crs.yaml
    l=$(line_of 'projection: "EPSG' crs.yaml)
    local crs_message="invalid projection 'EPSG:999999': crs not found (write a PROJ string, an EPSG code PROJ knows, e.g. EPSG:3857, or a preset such as equal-earth)"
    fault "unknown CRS (check)" 3 "crs.yaml:$l:3: error: $crs_message" \
        out/data.mp4 "$MAPREEL" check crs.yaml
    fault "unknown CRS (render)" 4 "mapreel: $crs_message" \
        out/data.mp4 "$MAPREEL" render crs.yaml -o out/data.mp4 -q

    # An encoder that is not available: formats mapreel does not write.
    cp earlier.mp4 out/video.avi
    fault "encoder not available (video)" 2 \
        "mapreel: unknown output format '.avi' (use .mp4, .webm, .gif, a folder ending in / for PNG frames, or a name with %05d and .png)" \
        out/video.avi "$MAPREEL" render story.yaml -o out/video.avi -q
    cp earlier.png out/still.bmp
    fault "encoder not available (still)" 2 \
        "mapreel: unknown still format '.bmp' (use .png, .svg or .pdf)" \
        out/still.bmp "$MAPREEL" still story.yaml --step 1 -o out/still.bmp -q

    fonts_cases
    interrupt INT
    interrupt TERM
    site_cases

    # The good copy, compressed, renders: the .gz is read through /vsigzip/.
    with_region data/korea-good.geojson.gz good.yaml
    if "$MAPREEL" render good.yaml -o out/good.mp4 --size 320x180 --frames 0:3 -q; then
        ok "a good .geojson.gz data file renders"
    else
        fail "a good .geojson.gz data file renders"
    fi
}

# warns NAME EXPECTED COMMAND...: COMMAND must succeed, write its PNG, and print exactly
# EXPECTED on stderr.
warns() {
    local name="$1" expected="$2"
    shift 2
    rm -f out/font.png
    if "$@" 2>"$work/stderr" >/dev/null; then ok "$name: exit 0"; else fail "$name: exit $?"; fi
    if [ "$(cat "$work/stderr")" = "$expected" ]; then
        ok "$name: warning"
    else
        fail "$name: warning"
        diff <(echo "$expected") "$work/stderr" | sed 's/^/       /'
    fi
    if file out/font.png | grep -q 'PNG image data'; then ok "$name: the still is written"
    else fail "$name: the still is written"; fi
}

fonts_cases() {
    # Fonts: a family that is not installed falls back with a warning; characters no font
    # has are reported, never drawn as boxes in silence. FONTCONFIG_FILE points fontconfig at
    # a configuration of our own (no fonts at all, or only DejaVu).
    printf '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><cachedir>%s</cachedir></fontconfig>\n' \
        "$work/fc-cache" >no-fonts.conf
    printf '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>%s</cachedir></fontconfig>\n' \
        "$work/fc-cache" >dejavu.conf
    if [ -d /usr/share/fonts/truetype/dejavu ]; then
        warns "font family missing" \
            "mapreel: warning: font 'Noto Sans' is not installed; text falls back to 'DejaVu Sans' (install fonts-noto-core for the intended look)
mapreel: warning: font 'Noto Serif' is not installed; text falls back to 'DejaVu Sans' (install fonts-noto-core for the intended look)" \
            env FONTCONFIG_FILE="$work/dejavu.conf" "$MAPREEL" still story.yaml --step 1 \
            -o out/font.png --size 320x180 -q
    else
        fail "font family missing: /usr/share/fonts/truetype/dejavu is not installed (fonts-dejavu-core)"
    fi
    # With no font at all, cairo's font backend leaks one 160-byte object at exit (seen under
    # LeakSanitizer, inside libcairo only); leak checks are left to every other case.
    ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
        FONTCONFIG_FILE="$work/no-fonts.conf" "$MAPREEL" still story.yaml --step 1 -o out/font.png \
        --size 320x180 -q 2>"$work/stderr"
    if [ $? -eq 0 ]; then ok "no fonts at all: exit 0"; else fail "no fonts at all: exit code"; fi
    if [ "$(head -1 "$work/stderr")" = "mapreel: warning: no font is installed at all (fontconfig found none); text cannot be drawn (install fonts-noto-core)" ]; then
        ok "no fonts at all: says so first"
    else
        fail "no fonts at all: first line is '$(head -1 "$work/stderr")'"
    fi
    if [ "$(sed -n 2p "$work/stderr")" = 'mapreel: warning: no installed font can draw U+0020 (in "My first map"); it shows as a box (install a font that covers it, e.g. fonts-noto-core or fonts-noto-cjk)' ] &&
        [ "$(grep -c 'no installed font can draw U+' "$work/stderr")" -eq 9 ] &&
        grep -qx "mapreel: warning: no installed font covers the Latn script (language 'en'); its characters show as boxes (install fonts-noto-core or fonts-noto-extra)" "$work/stderr" &&
        [ "$(tail -1 "$work/stderr")" = "mapreel: warning: more characters cannot be drawn by any installed font; not listing them all" ]; then
        ok "no fonts at all: ten characters or scripts listed, then one summary line"
    else
        fail "no fonts at all: the character warnings"
        sed 's/^/       /' "$work/stderr"
    fi
    # A character no installed font has (U+E000, private use) in a place name.
    sed 's/name: Busan,/name: "Busan \xee\x80\x80",/' story.yaml >glyph.yaml
    warns "character no font can draw" \
        "mapreel: warning: no installed font can draw U+E000 (in \"Busan $(printf '\xee\x80\x80')\"); it shows as a box (install a font that covers it, e.g. fonts-noto-core or fonts-noto-cjk)" \
        "$MAPREEL" still glyph.yaml --step 1 -o out/font.png --size 320x180 -q
    # A Korean place name on a machine with the Noto core fonts but not Noto CJK: one warning
    # names the script and the language, not every syllable.
    printf '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>/usr/share/fonts/truetype/noto</dir><cachedir>%s</cachedir></fontconfig>\n' \
        "$work/fc-cache" >noto-core.conf
    sed 's/name: Busan,/name: "부산 釜山",/' story.yaml >korean.yaml
    warns "script no font covers" \
        "mapreel: warning: no installed font covers the Hani script; its characters show as boxes (install fonts-noto-cjk)
mapreel: warning: no installed font covers the Hang script (language 'ko'); its characters show as boxes (install fonts-noto-cjk)" \
        env FONTCONFIG_FILE="$work/noto-core.conf" "$MAPREEL" still korean.yaml --step 1 \
        -o out/font.png --size 320x180 -q
    # An unknown language code: one warning naming it, and English dates.
    sed 's/^languages:.*$//; s/^title:/languages: [xx]\ntitle:/' story.yaml >unknown-lang.yaml
    warns "unknown language" \
        "mapreel: warning: language 'xx' is not known to the locale data (ICU); dates are written in English" \
        "$MAPREEL" still unknown-lang.yaml --step 1 -o out/font.png --size 320x180 -q
}

# interrupt SIGNAL: a render stopped by SIGNAL once its temporary file exists must exit 7
# within a few seconds, say so, leave the earlier video byte-identical and remove its
# temporary file.
interrupt() {
    local sig="$1" name="interrupted by $1"
    cp earlier.mp4 out/interrupt.mp4
    local before
    before=$(md5sum <out/interrupt.mp4)
    "$MAPREEL" render story.yaml -o out/interrupt.mp4 --size 640x360 -q 2>"$work/stderr" &
    local pid=$! waited=0
    until find out -maxdepth 1 -name '.interrupt.part-*' | grep -q . || [ $waited -ge 600 ]; do
        sleep 0.1
        waited=$((waited + 1))
    done
    sleep 0.5 # a few frames into the video
    local sent
    sent=$(date +%s%N)
    kill -s "$sig" "$pid"
    wait "$pid"
    local rc=$? ms=$((($(date +%s%N) - sent) / 1000000))
    echo "     $name: stopped $ms ms after the signal"
    if [ "$rc" -eq 7 ]; then ok "$name: exit 7"; else fail "$name: exit $rc, expected 7"; fi
    if [ "$(tr -d '\n' <"$work/stderr")" = "mapreel: interrupted; no output was changed" ]; then
        ok "$name: message"
    else
        fail "$name: message '$(cat "$work/stderr")'"
    fi
    # MAPREEL_INTERRUPT_MS: the limit, raised for sanitizer builds (see the Makefile).
    if [ "$ms" -lt "${MAPREEL_INTERRUPT_MS:-3000}" ]; then ok "$name: stopped promptly"
    else fail "$name: took $ms ms to stop"; fi
    if [ "$(md5sum <out/interrupt.mp4)" = "$before" ]; then ok "$name: earlier output byte-identical"
    else fail "$name: earlier output changed"; fi
    if find out -maxdepth 1 -name '.*.part-*' | grep -q .; then fail "$name: temporary file left"
    else ok "$name: no temporary file left"; fi
}

site_cases() {
    # mapreel site reads only inside its stories folder and writes only inside its output.
    mkdir -p outside site-out
    cp data/korea-good.geojson outside/secret.geojson
    echo "an earlier catalogue" >site-out/index.html
    local case file story
    for case in dotdot absolute link; do
        mkdir -p "site-$case/data"
        "$MAPREEL" new "$case" -o "site-$case/$case.yaml" 2>/dev/null
        case $case in
        dotdot) file=../outside/secret.geojson ;;
        absolute) file="$work/outside/secret.geojson" ;;
        link)
            ln -s "$work/outside/secret.geojson" "site-$case/data/secret.geojson"
            file=data/secret.geojson
            ;;
        esac
        story="$work/site-$case/$case.yaml"
        sed -i "s|peninsula: {countries: \[KOR, PRK\]}|peninsula: {file: $file}|" "$story"
    done
    local hint="  hint: a site reads only files inside the folder it is built from (and mapreel's data folder): copy the file into it and name it relative to the story"
    l=$(line_of 'peninsula: {file' site-dotdot/dotdot.yaml)
    fault "site: a data file climbing out with .." 3 \
        "$work/site-dotdot/dotdot.yaml:$l:14: error: '../outside/secret.geojson', the data file of region 'peninsula', climbs out of the stories folder
$hint" \
        site-out/index.html "$MAPREEL" site site-dotdot -o site-out --size 320x180 -q
    fault "site: a data file by absolute path" 3 \
        "$work/site-absolute/absolute.yaml:$l:14: error: '$work/outside/secret.geojson', the data file of region 'peninsula', is an absolute path
$hint" \
        site-out/index.html "$MAPREEL" site site-absolute -o site-out --size 320x180 -q
    fault "site: a data file through a symbolic link" 3 \
        "$work/site-link/link.yaml:$l:14: error: 'data/secret.geojson', the data file of region 'peninsula', leads out of the stories folder (a symbolic link)
$hint" \
        site-out/index.html "$MAPREEL" site site-link -o site-out --size 320x180 -q
    if [ ! -e site-out/maps ]; then ok "site: nothing written for a rejected story"
    else fail "site: pages written for a rejected story"; fi

    # A good site, with a story whose texts carry markup: escaped in the data, and every
    # page under a restrictive Content-Security-Policy.
    mkdir -p site-good elsewhere
    "$MAPREEL" new good -o site-good/good.yaml 2>/dev/null
    sed -i 's|^title: .*|title: "Markup </script><script>alert(1)</script> \& <b>more</b>"|' site-good/good.yaml
    if "$MAPREEL" site site-good -o site-good-out --size 320x180 -q; then ok "site: a good site builds"
    else fail "site: a good site builds"; fi
    local page csp_ok=1
    for page in site-good-out/index.html site-good-out/maps/good/en/index.html; do
        grep -q "http-equiv=\"Content-Security-Policy\" content=\"default-src 'self';[^\"]*script-src 'self';[^\"]*object-src 'none'; base-uri 'none'" "$page" || csp_ok=0
        grep -q "unsafe-inline\|unsafe-eval" "$page" && csp_ok=0
    done
    if [ "$csp_ok" = 1 ]; then ok "site: every page carries a restrictive Content-Security-Policy"
    else fail "site: Content-Security-Policy missing or permissive"; fi
    if grep -q 'Markup \\u003c/script\\u003e\\u003cscript\\u003ealert(1)' site-good-out/maps/good/en/story.js &&
        ! grep -q '</script>' site-good-out/maps/good/en/story.js site-good-out/catalogue.js; then
        ok "site: markup in a title reaches the pages escaped"
    else
        fail "site: markup in a title is not escaped"
        grep -o 'Markup[^,]*' site-good-out/maps/good/en/story.js | head -2 | sed 's/^/       /'
    fi

    # An output folder whose maps/ is a symbolic link leading elsewhere: nothing is written
    # through it.
    mkdir -p site-trap
    ln -s "$work/elsewhere" site-trap/maps
    cp earlier.png elsewhere/keep.png
    fault "site: output through a symbolic link" 5 \
        "mapreel: the folder '$work/site-trap/maps/good/en' leads out of the output folder '$work/site-trap' (a symbolic link); remove the link or choose another output folder" \
        elsewhere/keep.png "$MAPREEL" site site-good -o site-trap --size 320x180 -q
    if [ "$(ls -A elsewhere)" = keep.png ]; then ok "site: nothing written through the link"
    else fail "site: written through the link: $(ls -A elsewhere | tr '\n' ' ')"; fi
}

mounts_group() {
    # A read-only output folder: a tmpfs holding an earlier render, remounted read-only.
    mkdir -p ro
    if ! mount -t tmpfs -o size=4m tmpfs ro 2>"$work/mount-error"; then
        echo "SKIP: cannot mount a tmpfs ($(cat "$work/mount-error")); the read-only and"
        echo "SKIP: disk-full faults need root or CAP_SYS_ADMIN. NOT TESTED."
        exit 77
    fi
    mounts+=("$work/ro")
    cp earlier.mp4 earlier.png ro/
    mount -o remount,ro ro
    fault "output folder read-only (render)" 5 \
        "mapreel: output folder 'ro' is not writable" \
        ro/earlier.mp4 "$MAPREEL" render story.yaml -o ro/earlier.mp4 --size 320x180 -q
    fault "output folder read-only (still)" 5 \
        "mapreel: output folder 'ro' is not writable" \
        ro/earlier.png "$MAPREEL" still story.yaml --step 1 -o ro/earlier.png --size 320x180 -q
    fault "output folder read-only (captions)" 5 \
        "mapreel: output folder 'ro' is not writable" \
        ro/earlier.mp4 "$MAPREEL" render story.yaml -o out/x.mp4 --captions ro/c.vtt -q

    # A full disk: 512 KiB holding an earlier render; a bigger render must fail cleanly.
    mkdir -p full
    mount -t tmpfs -o size=512k tmpfs full || exit 1
    mounts+=("$work/full")
    cp earlier.mp4 earlier.png full/
    fault "disk full (H.264)" 5 \
        "mapreel: cannot write 'full/earlier.mp4': No space left on device" \
        full/earlier.mp4 "$MAPREEL" render story.yaml -o full/earlier.mp4 --size 1280x720 --quality 5 -q
    fault "disk full (VP9)" 5 \
        "mapreel: cannot write 'full/earlier.webm': No space left on device" \
        full/earlier.mp4 "$MAPREEL" render story.yaml -o full/earlier.webm --size 1280x720 --quality 5 -q
    fault "disk full (PNG)" 5 \
        "mapreel: cannot write 'full/earlier.png': No space left on device" \
        full/earlier.png "$MAPREEL" still story.yaml --step 2 -o full/earlier.png --size 4096x2304 -q
    if [ "$(ls -A full | sort | tr '\n' ' ')" = "earlier.mp4 earlier.png " ]; then
        ok "disk full: the folder holds only the earlier outputs"
    else
        fail "disk full: the folder holds $(ls -A full | tr '\n' ' ')"
    fi
}

case "$group" in
files) files_group ;;
mounts) mounts_group ;;
*) echo "usage: run.sh files|mounts" >&2; exit 2 ;;
esac
echo "$passed passed, $failed failed"
test "$failed" -eq 0
