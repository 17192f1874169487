"""Illustrations for the demo site, drawn here with Pillow: no file is downloaded and
no photograph is used, so nothing in the demo shows a real place or a real person.

Each illustration is a function of its name alone (a seeded random generator and
Pillow's drawing calls): the same name gives the same pixels and the same JPEG bytes
on every run. They are abstract scenes in the brand palette (hills under a sun, the
helmet emblem, geometric compositions), 1500 × 1000 pixels, a few tens of kilobytes.
Each carries a focal point, so every crop the site makes keeps its subject in view.
"""

import io
import math
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 1500, 1000
CHARCOAL = (27, 27, 27)
INK = (44, 44, 44)
RED = (179, 18, 31)
RED_DARK = (140, 14, 24)
WARM = (246, 244, 241)
SAND = (222, 218, 212)
STONE = (168, 163, 155)
WHITE = (255, 255, 255)


@dataclass(frozen=True)
class Illustration:
    name: str
    scene: str
    title: str
    description: str  # the alt text, in English
    description_ar: str  # and in Arabic


def _mix(a, b, t):
    return tuple(round(a[i] + (b[i] - a[i]) * t) for i in range(3))


def _sky(draw, top, bottom):
    for y in range(HEIGHT):
        draw.line([(0, y), (WIDTH, y)], fill=_mix(top, bottom, y / HEIGHT))


def _hills(draw, rng, base, colours):
    """Layers of soft hills, far (light) to near (dark)."""
    for layer, colour in enumerate(colours):
        y0 = base + layer * 90
        phase = rng.uniform(0, math.tau)
        amplitude = rng.uniform(30, 70)
        wave = rng.uniform(1.5, 3.0)
        points = [(0, HEIGHT)]
        for x in range(0, WIDTH + 25, 25):
            y = y0 + amplitude * math.sin(phase + wave * math.tau * x / WIDTH)
            ripple = phase * 2 + 3.1 * wave * math.tau * x / WIDTH
            y += 0.4 * amplitude * math.sin(ripple)
            points.append((x, y))
        points.append((WIDTH, HEIGHT))
        draw.polygon(points, fill=colour)


def _helmet(draw, cx, cy, size, colour, stripe):
    """The helmet emblem of static/img/helmet.svg, drawn at ``size`` (its width)."""
    s = size / 64
    draw.pieslice(
        [cx - 20 * s, cy - 14 * s, cx + 20 * s, cy + 30 * s], 180, 360, fill=colour
    )
    draw.rectangle([cx - 24 * s, cy + 8 * s, cx + 24 * s, cy + 13 * s], fill=colour)
    draw.rectangle([cx - 2 * s, cy - 10 * s, cx + 2 * s, cy + 8 * s], fill=stripe)


def landscape(rng, draw):
    _sky(draw, (58, 46, 46), (196, 120, 96))
    sun = (rng.randint(930, 1080), rng.randint(300, 360))
    draw.ellipse([sun[0] - 130, sun[1] - 130, sun[0] + 130, sun[1] + 130], fill=RED)
    _hills(draw, rng, 560, [(120, 84, 78), (86, 62, 60), (56, 44, 44), CHARCOAL])
    return sun


def emblem(rng, draw):
    _sky(draw, CHARCOAL, INK)
    for ring in range(9, 0, -1):
        colour = _mix(RED_DARK, CHARCOAL, ring / 10)
        r = 60 * ring
        draw.ellipse([750 - r, 500 - r, 750 + r, 500 + r], fill=colour)
    draw.ellipse([560, 310, 940, 690], fill=RED)
    _helmet(draw, 750, 500, 300, WHITE, RED)
    return (750, 500)


def geometric(rng, draw):
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill=WARM)
    palette = [SAND, STONE, RED, CHARCOAL, RED_DARK]
    for _ in range(26):
        x, y = rng.randint(-100, WIDTH), rng.randint(-100, HEIGHT)
        size = rng.randint(80, 320)
        colour = rng.choice(palette)
        kind = rng.random()
        if kind < 0.4:
            draw.rectangle([x, y, x + size, y + size * 0.6], fill=colour)
        elif kind < 0.75:
            draw.ellipse([x, y, x + size, y + size], fill=colour)
        else:
            corners = [(x, y + size), (x + size / 2, y), (x + size, y + size)]
            draw.polygon(corners, fill=colour)
    draw.ellipse([600, 350, 900, 650], fill=WHITE)
    _helmet(draw, 750, 500, 220, RED, WHITE)
    return (750, 500)


def documents(rng, draw):
    """Sheets of paper with lines and a tick: facts that can be checked."""
    _sky(draw, (52, 52, 56), CHARCOAL)
    for index in range(4):
        angle = rng.uniform(-8, 8)
        sheet = Image.new("RGBA", (520, 680), (*WARM, 255))
        sheet_draw = ImageDraw.Draw(sheet)
        for line in range(9):
            length = rng.randint(260, 430)
            sheet_draw.rounded_rectangle(
                [50, 90 + line * 58, 50 + length, 106 + line * 58], 8, fill=SAND
            )
        if index == 3:
            sheet_draw.ellipse([330, 470, 490, 630], fill=RED)
            sheet_draw.line([(365, 550), (400, 590), (460, 510)], fill=WHITE, width=18)
        sheet = sheet.rotate(angle, expand=True, resample=Image.BICUBIC)
        x = 230 + index * 150 + rng.randint(-20, 20)
        y = 140 + rng.randint(-30, 30)
        draw._image.paste(sheet, (x, y), sheet)
    return (1000, 650)


def signal(rng, draw):
    """A mast sending waves over hills: an answer that reaches people."""
    _sky(draw, (40, 44, 52), (110, 86, 84))
    _hills(draw, rng, 640, [(84, 66, 64), (58, 46, 46), CHARCOAL])
    mast = (rng.randint(700, 800), 560)
    for ring in range(1, 6):
        r = 70 * ring
        draw.arc(
            [mast[0] - r, mast[1] - r - 120, mast[0] + r, mast[1] + r - 120],
            200,
            340,
            fill=_mix(RED, WARM, ring / 6),
            width=14,
        )
    draw.polygon(
        [(mast[0] - 40, 760), (mast[0], mast[1] - 120), (mast[0] + 40, 760)], fill=WARM
    )
    draw.ellipse([mast[0] - 26, mast[1] - 146, mast[0] + 26, mast[1] - 94], fill=RED)
    return (mast[0], mast[1] - 120)


SCENES = {
    "landscape": landscape,
    "emblem": emblem,
    "geometric": geometric,
    "documents": documents,
    "signal": signal,
}


def draw(name, scene):
    """The illustration ``name`` as JPEG bytes, and the centre of its subject."""
    rng = random.Random(name)
    image = Image.new("RGB", (WIDTH, HEIGHT))
    centre = SCENES[scene](rng, ImageDraw.Draw(image))
    image = image.filter(ImageFilter.GaussianBlur(0.6))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80, optimize=True, progressive=True)
    return out.getvalue(), centre


def focus_box(centre, size=360):
    x, y = centre
    return (max(0, x - size // 2), max(0, y - size // 2), size, size)


ILLUSTRATIONS = [
    Illustration(
        "home-hero",
        "landscape",
        "Illustration: hills under a red sun",
        "An illustration: dark hills under a large red sun at dusk.",
        "رسم توضيحي: تلال داكنة تحت شمس حمراء كبيرة عند الغروب.",
    ),
    Illustration(
        "about",
        "emblem",
        "Illustration: the helmet emblem",
        "An illustration: a white helmet on red circles.",
        "رسم توضيحي: خوذة بيضاء على دوائر حمراء.",
    ),
    Illustration(
        "who-we-are",
        "geometric",
        "Illustration: shapes around the helmet emblem",
        "An illustration: red, grey and black shapes around the helmet emblem.",
        "رسم توضيحي: أشكال حمراء ورمادية وسوداء حول شعار الخوذة.",
    ),
    Illustration(
        "principles",
        "emblem",
        "Illustration: the helmet emblem, second version",
        "An illustration: a white helmet on red circles.",
        "رسم توضيحي: خوذة بيضاء على دوائر حمراء.",
    ),
    Illustration(
        "funding",
        "documents",
        "Illustration: open accounts",
        "An illustration: sheets of paper, one marked with a tick.",
        "رسم توضيحي: أوراق، على إحداها علامة صح.",
    ),
    Illustration(
        "where-we-work",
        "landscape",
        "Illustration: hills at dusk",
        "An illustration: hills at dusk under a red sun.",
        "رسم توضيحي: تلال عند الغروب تحت شمس حمراء.",
    ),
    Illustration(
        "statement-facts",
        "documents",
        "Illustration: facts that can be checked",
        "An illustration: sheets of paper, one marked with a tick.",
        "رسم توضيحي: أوراق، على إحداها علامة صح.",
    ),
    Illustration(
        "statement-signal",
        "signal",
        "Illustration: a mast sending out waves",
        "An illustration: a mast on a hill sending out red waves.",
        "رسم توضيحي: سارية على تلة تبث موجات حمراء.",
    ),
    Illustration(
        "statement-principles",
        "geometric",
        "Illustration: shapes around the emblem",
        "An illustration: red, grey and black shapes around the helmet emblem.",
        "رسم توضيحي: أشكال حمراء ورمادية وسوداء حول شعار الخوذة.",
    ),
    Illustration(
        "statement-records",
        "emblem",
        "Illustration: the emblem, for our records",
        "An illustration: a white helmet on red circles.",
        "رسم توضيحي: خوذة بيضاء على دوائر حمراء.",
    ),
]
BY_NAME = {item.name: item for item in ILLUSTRATIONS}
