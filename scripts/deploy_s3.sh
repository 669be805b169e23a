#!/usr/bin/env bash
# Upload the built site to S3 (and invalidate CloudFront): `make deploy-s3`.
#
#   scripts/deploy_s3.sh OUTPUT_DIR s3://bucket[/prefix] [CLOUDFRONT_DISTRIBUTION_ID]
#
# One `aws s3 sync` per kind of file, so each object gets the right
# Content-Type and Cache-Control (S3 serves them as stored):
#   - hashed names (main.0123456789ab.css, photo-1-960.0123456789.avif: 10-12 hex
#     digits before the extension) change whenever their bytes do: a year, immutable;
#   - HTML, feeds, sitemap, robots.txt, the search index: five minutes.
# Order matters for readers mid-deploy: assets first, then the pages that name
# them, and only at the end `--delete` of what the new site no longer has.
#
# Not uploaded:
#   - `_headers` (Netlify/Cloudflare Pages only);
#   - the .gz/.br siblings of scripts/precompress.py. S3 cannot choose between
#     x.css and x.css.gz by Accept-Encoding, so they would be dead weight; turn on
#     CloudFront's "Compress objects automatically" instead (gzip and brotli,
#     negotiated per client, cached by the CDN). The security headers of
#     scripts/write_headers.py likewise belong in a CloudFront response headers
#     policy: S3 cannot send them.
set -euo pipefail

out=${1:?usage: deploy_s3.sh OUTPUT_DIR s3://bucket[/prefix] [DISTRIBUTION_ID]}
dest=${2:-}
distribution=${3:-}

command -v aws >/dev/null 2>&1 || {
  echo "deploy-s3: the AWS CLI ('aws') is not installed or not on PATH;" \
       "install it (e.g. 'apt-get install awscli') and configure credentials" >&2
  exit 127
}
die() { echo "deploy-s3: $*" >&2; exit 2; }
[[ $dest == s3://* ]] || die "BUCKET must be s3://bucket[/prefix], got '$dest'"
[[ -f $out/index.html ]] || die "$out/index.html missing: run 'make publish' first"

YEAR="public, max-age=31536000, immutable"
SHORT="public, max-age=300"
# A content hash: at least 10 hex digits after a dot (the glob's * allows 11-12).
HEX10='[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'
NEVER=(--exclude '_headers' --exclude '*.gz' --exclude '*.br')

# sync CACHE_CONTROL CONTENT_TYPE FILTER...: one pass over the files FILTER selects.
# In `aws s3` filters the last matching one wins, so NEVER goes last.
sync() {
  local cache=$1 type=$2; shift 2
  aws s3 sync "$out" "$dest" --no-progress --cache-control "$cache" --content-type "$type" \
    --exclude '*' "$@" "${NEVER[@]}"
}

# 1. Content-hashed assets: a year, immutable. Same name means same bytes, so
#    --size-only: a rebuild's fresh copies of unchanged photos are not re-sent.
immutable() { sync "$YEAR" "$1" --size-only --include "*.$HEX10*.$2"; }
immutable "text/css; charset=utf-8"         css
immutable "text/javascript; charset=utf-8"  js
immutable "image/svg+xml"                   svg
immutable "image/avif"                      avif
immutable "image/webp"                      webp
immutable "image/jpeg"                      jpg
immutable "image/png"                       png
immutable "application/zip"                 zip
immutable "font/woff2"                      woff2

# 2. Unhashed assets (the logo, Pagefind's script and index): five minutes.
sync "$SHORT" "text/css; charset=utf-8"         --include '*.css' --exclude "*.$HEX10*.css"
sync "$SHORT" "text/javascript; charset=utf-8"  --include '*.js' --exclude "*.$HEX10*.js"
sync "$SHORT" "image/svg+xml"                   --include '*.svg' --exclude "*.$HEX10*.svg"
sync "$SHORT" "application/json"                --include '*.json'
sync "$SHORT" "application/wasm"                --include '*.wasm'
sync "$SHORT" "application/octet-stream"        --include '*.pf_*' --include '*.pagefind'

# 3. Pages, feeds, sitemap, robots.txt: five minutes.
sync "$SHORT" "application/atom+xml"            --include '*.atom.xml' --include '*.atom'
sync "$SHORT" "application/xml"                 --include '*.xml' --exclude '*.atom.xml'
sync "$SHORT" "text/plain; charset=utf-8"       --include '*.txt'
sync "$SHORT" "application/manifest+json"       --include '*.webmanifest'
sync "$SHORT" "text/html; charset=utf-8"        --include '*.html'

# 4. Anything not named above (types guessed by aws), then delete what the new
#    site no longer has. Files uploaded above are unchanged and not sent again.
aws s3 sync "$out" "$dest" --no-progress --cache-control "$SHORT" --delete "${NEVER[@]}"

# 5. CloudFront: pages and feeds changed under the same names (hashed files never need it).
if [[ -n $distribution ]]; then
  aws cloudfront create-invalidation --distribution-id "$distribution" --paths '/*'
fi
echo "deploy-s3: $out uploaded to $dest"
