#!/usr/bin/env python3
"""Adds one 2,000-pixel-wide JPEG per briefing to a generated corpus (for bench_images.sh):
static/img/NNNNN.jpg, and a figure shortcode showing it at the end of each briefing.
Each image differs (shapes and a number drawn per briefing), so none is found in the cache
by another's hash. Needs Pillow (apt-get install python3-pil)."""
import os
import random
import sys

from PIL import Image, ImageDraw, ImageFilter

site = sys.argv[1]
briefings = os.path.join(site, "content", "briefings")
img_dir = os.path.join(site, "static", "img")
os.makedirs(img_dir, exist_ok=True)

W, H = 2000, 1333
base = Image.new("RGB", (W, H))
d = ImageDraw.Draw(base)
for y in range(H):
    d.line([0, y, W, y], fill=(120 + y * 100 // H, 150, 200 - y * 80 // H))
rng = random.Random(1)
for _ in range(400):  # texture, so the JPEG costs what a photograph costs to encode
    x, y, r = rng.randrange(W), rng.randrange(H), rng.randrange(4, 60)
    d.ellipse([x - r, y - r, x + r, y + r], fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
base = base.filter(ImageFilter.GaussianBlur(2))

files = sorted(f for f in os.listdir(briefings) if f.endswith(".md") and not f.startswith("_"))
for i, name in enumerate(files):
    img = base.copy()
    d = ImageDraw.Draw(img)
    r = random.Random(i)
    for _ in range(12):
        x, y, s = r.randrange(W), r.randrange(H), r.randrange(40, 260)
        d.rectangle([x, y, x + s, y + s // 2], fill=(r.randrange(256), r.randrange(256), r.randrange(256)))
    d.text((40, 40), "Briefing %d" % i, fill=(255, 255, 255))
    stem = "%05d" % i
    img.save(os.path.join(img_dir, stem + ".jpg"), quality=85)
    with open(os.path.join(briefings, name), "a") as f:
        f.write('\n\n{{ figure(src="/img/%s.jpg", alt="Illustration %d", caption="Illustration for this briefing", source="Generated") }}\n' % (stem, i))
print("added %d images" % len(files))
