#!/usr/bin/env bash
# Validate every HTML page of a built site with the Nu Html Checker (vnu.jar, the
# npm package vnu-jar pinned in package-lock.json), run on the machine's Java 17+.
#
#   scripts/validate_html.sh OUTPUT_DIR
#
# Prints each error ("file:…":line.col: error: …) and exits 1 if there is any;
# prints one summary line and exits 0 otherwise. Exits 2 if it cannot run at all.
#
# No --filterpattern: no message is a known false positive today. Add one only
# for a checker bug, with the validator issue it comes from in a comment, never
# to hide a mistake in our own templates.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$repo/node_modules/vnu-jar/build/dist/vnu.jar"

fail() { echo "validate_html: $*" >&2; exit 2; }

[[ $# -eq 1 ]] || fail "usage: scripts/validate_html.sh OUTPUT_DIR"
folder="$1"
[[ -d $folder ]] || fail "$folder: no such folder (build the site first)"
[[ -f $jar ]] || fail "$jar is missing: run make test/npm ci first"
# vnu-jar's own launcher would download a Java runtime when none is found;
# here a missing Java is an error instead (no toolchain is ever downloaded).
command -v java >/dev/null || fail "java not found: install Java 17+ (Debian: default-jre-headless)"

pages="$(find "$folder" -type f -name '*.html' | wc -l)"
# An empty folder would "pass" with nothing checked.
[[ $pages -gt 0 ]] || fail "$folder: no HTML pages to check"

# --errors-only: warnings (such as language guesses on Chinese text) are advice,
# not failures. --skip-non-html: the folder also holds CSS, SVG and photos.
# --stdout: the errors are this script's output, for make and for the tests.
if java -jar "$jar" --errors-only --skip-non-html --stdout "$folder"; then
    echo "validate_html: $pages pages, no errors"
else
    echo "validate_html: the Nu Html Checker found errors in $folder (listed above)" >&2
    exit 1
fi
