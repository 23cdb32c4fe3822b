#!/usr/bin/python3
"""Copies the vision module's test images from Debian's python3-skimage and makes their JPEG versions.

    /usr/bin/python3 scripts/models/vision-test-images.py

astronaut.png: Eileen Collins, NASA Great Images database, "No known copyright restrictions, released into the public
domain"; coffee.png: courtesy of Pikolo Espresso Bar, "CC0 by the photographer (Rachel Michetti)" (both as stated
in skimage/data/_fetchers.py of python3-skimage 0.19.3). The JPEGs are written by Pillow at quality 90, 4:2:0,
baseline, as a camera would send them; a different libjpeg may give other bytes, so the JPEGs are committed.
"""
import os
import shutil

from PIL import Image

SOURCE = "/usr/lib/python3/dist-packages/skimage/data"
TARGET = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                      "bundles/vision/src/test/resources/org/cogos/vision/internal")

os.makedirs(TARGET, exist_ok=True)
for name in ("astronaut", "coffee"):
    png = os.path.join(TARGET, name + ".png")
    shutil.copyfile(os.path.join(SOURCE, name + ".png"), png)
    jpeg = os.path.join(TARGET, name + ".jpg")
    Image.open(png).convert("RGB").save(jpeg, "JPEG", quality=90, subsampling="4:2:0", optimize=False)
    print(png, os.path.getsize(png), "bytes;", jpeg, os.path.getsize(jpeg), "bytes")
