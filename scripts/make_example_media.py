#!/usr/bin/env python3
"""Draws the example briefing's figures and PDF (content/briefings/munitions-gap/), so the
repository's images are reproducible: `python3 scripts/make_example_media.py` (needs Pillow).
`--ja` draws only the Japanese version's figures (content/ja/briefings/munitions-gap/), with
Japanese labels (needs a Japanese font: apt-get install fonts-ipafont-gothic)."""
import os
import zlib
from PIL import Image, ImageDraw, ImageFont

HERE = os.path.join(os.path.dirname(__file__), "..", "content", "briefings", "munitions-gap")
NAVY, SAND, RULE, INK, RUST = (27, 58, 107), (243, 240, 233), (216, 210, 198), (27, 28, 30), (181, 82, 11)


JA = os.path.join(os.path.dirname(__file__), "..", "content", "ja", "briefings", "munitions-gap")
FONTS = ["DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"]
EN_TEXT = {
    "stages": [("Energetics", "12 months"), ("Rocket motors", "24-36 months"),
               ("Seekers", "24-30 months"), ("Integration", "9 months"), ("Test and acceptance", "6 months")],
    "title": "Interceptor supply chain: lead time per stage",
    "note": "Shaded stages are the bottlenecks: few plants, long qualification.",
    "resupply": "Resupply from the United States",
}
JA_TEXT = {
    "stages": [("火薬類", "12か月"), ("ロケットモーター", "24～36か月"),
               ("シーカー", "24～30か月"), ("最終組立", "9か月"), ("試験・受領", "6か月")],
    "title": "迎撃ミサイルの供給網：段階ごとのリードタイム",
    "note": "網掛けの段階が隘路：工場が少なく、認定に時間がかかる。",
    "resupply": "米国からの補給",
}


def font(size):
    for name in FONTS:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            pass
    return ImageFont.load_default()


def pipeline(out=HERE, words=EN_TEXT):
    w, h = 1800, 700
    img = Image.new("RGB", (w, h), (253, 252, 249))
    d = ImageDraw.Draw(img)
    stages = words["stages"]
    bw, gap = 300, 47
    for i, (name, lead) in enumerate(stages):
        x = 40 + i * (bw + gap)
        slow = i in (1, 2)
        d.rounded_rectangle([x, 220, x + bw, 480], 24, fill=(250, 226, 204) if slow else SAND,
                            outline=RUST if slow else NAVY, width=6)
        d.text((x + bw / 2, 320), name, font=font(30), fill=INK, anchor="mm")
        d.text((x + bw / 2, 390), lead, font=font(30), fill=RUST if slow else NAVY, anchor="mm")
        if i < len(stages) - 1:
            ax = x + bw + 6
            d.line([ax, 350, ax + gap - 14, 350], fill=INK, width=6)
            d.polygon([(ax + gap - 8, 350), (ax + gap - 24, 338), (ax + gap - 24, 362)], fill=INK)
    d.text((40, 90), words["title"], font=font(44), fill=INK)
    d.text((40, 560), words["note"], font=font(32), fill=(85, 90, 97))
    img.save(os.path.join(out, "production-pipeline.png"), optimize=True)


def depots(out=HERE, words=EN_TEXT):
    w, h = 2000, 1400
    img = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(img)
    for y in range(h):  # sea: a soft vertical gradient with a little texture
        t = y / h
        d.line([0, y, w, y], fill=(int(170 - 40 * t), int(198 - 30 * t), int(222 - 20 * t)))
    land = (222, 214, 190)
    d.polygon([(120, 80), (520, 40), (620, 300), (480, 520), (300, 600), (180, 420)], fill=land)      # mainland
    d.polygon([(560, 330), (640, 300), (700, 420), (650, 560), (580, 520)], fill=land)               # peninsula
    d.polygon([(820, 250), (900, 200), (1010, 300), (960, 520), (860, 640), (800, 560), (860, 420)], fill=land)  # Japan
    d.polygon([(520, 720), (570, 700), (590, 800), (545, 830)], fill=land)                          # Taiwan
    d.polygon([(300, 1180), (900, 1100), (1200, 1200), (1150, 1400), (250, 1400)], fill=land)      # Australia
    for x, y in [(620, 470), (900, 470), (600, 760), (760, 880), (700, 1200), (1000, 1230)]:
        d.ellipse([x - 26, y - 26, x + 26, y + 26], fill=RUST, outline=(255, 255, 255), width=6)
    for x, y in [(900, 470), (760, 880), (1000, 1230)]:
        for k in range(0, 30):
            sx = 1950 + (x - 1950) * k / 30
            sy = 600 + (y - 600) * k / 30
            if k % 2 == 0:
                d.line([sx, sy, 1950 + (x - 1950) * (k + 1) / 30, 600 + (y - 600) * (k + 1) / 30], fill=NAVY, width=8)
    d.text((1500, 540), words["resupply"], font=font(40), fill=NAVY)
    img.save(os.path.join(out, "pacific-depots.jpg"), quality=88)


def pdf():
    pages = [
        ["The munitions gap", "Full report", "", "Kuroshio Security Desk, March 2025"],
        ["1. Stock cover", "", "Stocks are growing from a low base.", "Japan's cover rose fastest after 2022."],
        ["2. Production", "", "Rocket motors and seekers set the pace.", "Deliveries ran at two thirds of plan."],
        ["3. Recommendations", "", "Long contracts, co-production, a pooled reserve,", "and confidential reporting to parliaments."],
    ]
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", None, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for lines in pages:
        text = "BT /F1 18 Tf 72 760 Td 24 TL " + " ".join(
            "(%s) '" % l.replace("(", "\\(").replace(")", "\\)") for l in lines) + " ET"
        stream = zlib.compress(text.encode())
        objects.append("<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream))
        objects[-1] = (objects[-1].encode("latin-1") + stream + b"\nendstream")
        objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                       "/Resources << /Font << /F1 3 0 R >> >> >>" % (len(objects)))
        kids.append(len(objects))
    objects[1] = "<< /Type /Pages /Kids [%s] /Count %d >>" % (" ".join("%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        body = obj if isinstance(obj, bytes) else obj.encode("latin-1")
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for o in offsets:
        out += b"%010d 00000 n \n" % o
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    with open(os.path.join(HERE, "munitions-gap-full-report.pdf"), "wb") as f:
        f.write(out)


if __name__ == "__main__":
    import sys
    if "--ja" in sys.argv:
        FONTS[:0] = ["/usr/share/fonts/opentype/ipafont-gothic/ipagp.ttf",
                     "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf"]
        pipeline(JA, JA_TEXT)
        depots(JA, JA_TEXT)
    else:
        pipeline()
        depots()
        pdf()
