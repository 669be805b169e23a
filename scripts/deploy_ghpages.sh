#!/usr/bin/env bash
# Publish the built site to the `gh-pages` branch: `make deploy-ghpages`.
#
#   [PUSH=1] scripts/deploy_ghpages.sh [OUTPUT_DIR]
#
# Plain git plumbing on a temporary index: OUTPUT_DIR becomes the tree of one
# new commit on top of gh-pages (created if missing). The working tree, the
# real index, HEAD and the current branch are never touched. With PUSH=1 the
# branch is pushed to `origin gh-pages`; otherwise it stays local for review
# (`git log -p gh-pages`, then `git push origin gh-pages`).
#
# GitHub Pages serves a project site under /<repository>/: build it with
# SITEURL=https://<owner>.github.io/<repository> make publish. It serves
# 404.html for missing paths and compresses by itself, so the .gz/.br
# siblings and the Netlify/Cloudflare `_headers` are left out.
set -euo pipefail

out=${1:-output}
branch=gh-pages
die() { echo "deploy-ghpages: $*" >&2; exit 2; }
[[ -f $out/index.html ]] || die "$out/index.html missing: run 'make publish' first"
out=$(cd "$out" && pwd)
git rev-parse --git-dir >/dev/null 2>&1 || die "run it inside the repository"

# A throwaway index: `git add` below fills it from OUTPUT_DIR, not the repo's index.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GIT_INDEX_FILE=$tmp/index

# -f: output/ is in .gitignore. Left out: files GitHub Pages has no use for.
git --work-tree="$out" add -A -f -- . ':(exclude)*.gz' ':(exclude)*.br' ':(exclude)_headers'
# .nojekyll: serve the files as they are (no Jekyll pass, which would hide _* files).
empty_blob=$(git hash-object -w --stdin </dev/null)
git update-index --add --cacheinfo "100644,$empty_blob,.nojekyll"
tree=$(git write-tree)

parent=$(git rev-parse -q --verify "refs/heads/$branch" || true)
if [[ -n $parent && $(git rev-parse "$parent^{tree}") == "$tree" ]]; then
  echo "deploy-ghpages: $branch already holds this site; nothing to commit"
else
  source=$(git rev-parse -q --short --verify HEAD || echo "no commit")
  commit=$(git commit-tree "$tree" ${parent:+-p "$parent"} \
             -m "Publish the press room (from $source)")
  # The old value guards against a concurrent update of the branch.
  git update-ref -m "deploy-ghpages" "refs/heads/$branch" "$commit" ${parent:+"$parent"}
  echo "deploy-ghpages: $branch is now $(git rev-parse --short "$commit")"
fi

if [[ ${PUSH:-} == 1 ]]; then
  git push origin "$branch"
else
  echo "deploy-ghpages: not pushed (PUSH=1 pushes to origin $branch)"
fi
