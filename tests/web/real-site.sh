#!/usr/bin/env bash
# Builds a real site with `mapreel site` from tests/web/site-stories (a two-language story
# in a series, and a story whose texts carry HTML) and runs the browser tests against it.
#
#   MAPREEL=build/release/apps/mapreel bash tests/web/real-site.sh
#
# MAPREEL_KEEP_SITE=1 keeps the site (its folder is printed).
set -euo pipefail
MAPREEL=${MAPREEL:?set MAPREEL to the mapreel binary}
NODE=${NODE:-node}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
site="$(mktemp -d)"
if [ -z "${MAPREEL_KEEP_SITE:-}" ]; then
    trap 'rm -rf "$site"' EXIT
else
    echo "site kept in $site"
fi
"$MAPREEL" site "$here/site-stories" -o "$site" --size 320x180 --webm \
    --base-url https://maps.example.org/ --title "Test maps" -q
# Stills of a step with and without the narration card, for the test that the site's video
# is the web cut (no card: the page shows the narration).
mkdir -p "$site/test-refs"
for card in on off; do
    "$MAPREEL" still "$here/site-stories/cold-war/mini-korea.yaml" --step 2 --size 320x180 \
        --narration-card "$card" -o "$site/test-refs/card-$card.png" -q
done
cd "$root/web"
MAPREEL_SITE_DIR="$site" "$NODE" --test "$here/"
