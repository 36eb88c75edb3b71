#!/bin/sh
# Writes the build's version, commit and commit date into the jar's resources (dev/saturn/cli/build-info.properties),
# for `saturn --version` and the manual pages' date. Outside a git checkout (a source tarball) the commit is
# "unknown" and the date today's. Never fails the build.
# usage: build-info.sh BASEDIR VERSION OUTPUT_DIR
base=$1 version=$2 out=$3/dev/saturn/cli
mkdir -p "$out"
commit=$(git -C "$base" rev-parse --short=12 HEAD 2>/dev/null) || commit=unknown
date=$(git -C "$base" log -1 --format=%cs HEAD 2>/dev/null) || date=$(date -u +%F)
[ -n "$date" ] || date=$(date -u +%F)
if [ "$commit" != unknown ] && [ -n "$(git -C "$base" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  commit="$commit-modified"
fi
printf 'version=%s\ncommit=%s\ndate=%s\n' "$version" "$commit" "$date" > "$out/build-info.properties"
