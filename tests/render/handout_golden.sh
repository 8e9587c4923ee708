#!/usr/bin/env bash
# The handout PDF against the PNG still: a handout page, rasterised with pdftoppm, shows the
# same map as `mapreel still` of the same moment (the PDF is vector, drawn by the same code).
# Also checks page count and paper sizes with pdfinfo. Prints 'N passed, M failed'.
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
artifacts=${MAPREEL_ARTIFACTS_DIR:-}

# Three steps of known length (4, 6 and 5 s), so each page's moment is known: a page shows
# its step 0.35 s before the step ends.
cat >"$work/story.yaml" <<'YAML'
mapreel: 1
id: handout-test
title: "Handout test"
languages: [en]
sources:
  - {id: own, title: "Author's own estimate", author: "Test", year: "2026", publisher: "Nobody"}
  - {id: other, title: "Another book", author: "Someone Else", year: "1961"}
canvas: {size: [1920, 1080], fps: 30, theme: classic}
map:
  projection: korea-lcc
  view: {extent: [123.5, 33.5, 131.5, 43.0]}
  focus: [KOR, PRK]
  layers: [bathymetry, land, lakes, rivers, borders]
sides:
  - {id: north, name: "North", color: "#c4302b"}
  - {id: south, name: "South", color: "#2f6db5"}
places:
  - {id: seoul, name: Seoul, at: [126.98, 37.57], kind: capital}
  - {id: busan, name: Busan, at: [129.03, 35.10], kind: city, rank: 2}
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
    title: "The line"
    date: 1950-06-25
    duration: 4
    narration: "The front begins on the 38th parallel."
    cite: [own]
  - id: advance
    title: "The advance"
    dates: [1950-06-25, 1950-08-01]
    duration: 6
    narration: "The front moves south over five weeks; the arrow shows the main thrust."
    actions:
      - arrow: {side: north, route: [seoul, [127.6, 36.4]], window: [0.1, 0.8], source: own}
  - id: hold
    title: "The perimeter"
    date: 1950-08-01
    duration: 5
    narration: "The south holds a small corner around Busan."
    cite: [own, other]
YAML
S="$work/story.yaml"

check "handout A4" "$MAPREEL" handout "$S" -o "$work/a4.pdf" -q
check "A4: 4 pages (3 steps and the sources)" bash -c "pdfinfo '$work/a4.pdf' | grep -qE '^Pages: +4$'"
check "A4: 595 x 842 pt" bash -c "pdfinfo '$work/a4.pdf' | grep -qE '^Page size: +595 x 842 pts \(A4\)'"
check "handout Letter" "$MAPREEL" handout "$S" -o "$work/letter.pdf" --paper letter -q
check "Letter: 612 x 792 pt" bash -c "pdfinfo '$work/letter.pdf' | grep -qE '^Page size: +612 x 792 pts \(letter\)'"
check "page 2 names the step, its dates and narration" bash -c "
    pdftotext -f 2 -l 2 '$work/a4.pdf' - | tr '\n' ' ' | grep -q '2. The advance.*25 June – 1 August 1950.*main thrust'"
check "the legend names the sides" bash -c "pdftotext -f 1 -l 1 '$work/a4.pdf' - | grep -q '^North' "
check "the last page lists the sources" bash -c "pdftotext -f 4 -l 4 '$work/a4.pdf' - | tr '\n' ' ' | grep -q 'Sources.*Someone Else (1961). Another book.'"
check "the map is vector: page 2 has no raster image" bash -c "test \$(pdfimages -list -f 2 -l 2 '$work/a4.pdf' | tail -n +3 | wc -l) = 0"
"$MAPREEL" handout "$S" -o "$work/x.png" -q 2>/dev/null
check "a handout must be .pdf: exit 2" test $? -eq 2
"$MAPREEL" handout "$S" -o "$work/x.pdf" --paper a3 -q 2>/dev/null
check "unknown paper: exit 2" test $? -eq 2

# Golden comparison: on A4 the map is 512 x 288 pt at (41.5, 64) pt; at 144 dpi that is
# 1024 x 576 px at (83, 128).
pdftoppm -f 2 -l 2 -r 144 -png "$work/a4.pdf" "$work/page"
page="$(ls "$work"/page*.png | head -n1)"
# The outer 2 px are left out: the page draws a thin frame around the map.
convert "$page" -crop 1020x572+85+130 +repage "$work/pdf-map.png"
"$MAPREEL" still "$S" --time 9.65 --size 1024x576 -o "$work/still-full.png" -q
"$MAPREEL" still "$S" --time 3.65 --size 1024x576 -o "$work/other-full.png" -q
convert "$work/still-full.png" -crop 1020x572+2+2 +repage "$work/still.png"
convert "$work/other-full.png" -crop 1020x572+2+2 +repage "$work/other.png"
# Pixels differing by more than 15 % of the range in any channel: anti-aliasing and hinting
# of small text differ between the vector and raster paths; the map itself must not.
differing() { compare -metric AE -fuzz 15% "$1" "$2" "$3" 2>&1 >/dev/null | cut -d' ' -f1; }
same=$(differing "$work/pdf-map.png" "$work/still.png" "$work/diff.png")
other=$(differing "$work/pdf-map.png" "$work/other.png" "$work/diff-other.png")
total=$((1020 * 572))
echo "differing pixels: same step $same of $total, step 1 $other"
check "PDF page map matches the PNG still (<1.5 % of pixels differ: $same)" test "$same" -lt $((total * 15 / 1000))
check "and differs from step 1's still ($other), so the test can fail" test "$other" -gt $((same * 3))
if [ -n "$artifacts" ]; then
    mkdir -p "$artifacts"
    cp "$work/pdf-map.png" "$work/still.png" "$work/diff.png" "$page" "$artifacts/"
fi

finish
