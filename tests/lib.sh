# SPDX-License-Identifier: MIT
# What every shell test shares. Source it first:   source "$(dirname "$0")/../lib.sh"
# It requires $MAPREEL (the binary under test), makes a scratch folder $work (removed on
# exit), counts checks and prints the tally with `finish`, the script's last command.

set -u
MAPREEL=${MAPREEL:?set MAPREEL to the mapreel binary}
tests_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source_dir="$(cd "$tests_dir/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

# check NAME COMMAND...: runs the command; ok when it succeeds.
check() {
    local name="$1"
    shift
    if "$@"; then
        passed=$((passed + 1))
        echo "ok   $name"
    else
        failed=$((failed + 1))
        echo "FAIL $name"
    fi
}

# The tally; fails the test when any check failed.
finish() {
    echo "$passed passed, $failed failed"
    test "$failed" -eq 0
}

# video_field FIELD FILE: a field of the first video stream (codec_name, width, pix_fmt...).
video_field() { ffprobe -v error -select_streams v:0 -show_entries "stream=$1" -of default=nw=1:nk=1 "$2"; }

# frames_md5 FILE: the MD5 of every decoded video frame, one a line.
frames_md5() { ffmpeg -v error -i "$1" -map 0:v:0 -f framemd5 - | grep -v '^#' | awk -F, '{ print $NF }'; }

# same_frames A B: the same decoded frames, and at least one.
same_frames() {
    local a b
    a=$(frames_md5 "$1") && b=$(frames_md5 "$2") && test -n "$a" && test "$a" = "$b"
}
