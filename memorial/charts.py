"""Horizontal bar charts drawn on the server as SVG (no JavaScript).

The geometry is computed here so the template only writes numbers into attributes.
Right-to-left languages get the mirror image: labels on the right, bars growing to the
left. Every chart is also given as a table by the template.
"""

from dataclasses import dataclass

from django.utils.formats import number_format

WIDTH = 320
VALUE_SPACE = 40
ROW = 42  # a label line above each bar
LABEL = 15
BAR = 16
PAD = 2


@dataclass
class Bar:
    label: str
    value: int
    display: str
    y: float
    text_y: float
    value_y: float
    bar_x: float
    bar_width: float
    label_x: float
    value_x: float
    share: float


@dataclass
class Chart:
    key: str
    title: str
    description: str
    bars: list
    width: int
    height: int
    column_label: str
    total: int


def bar_chart(key, title, description, column_label, rows, rtl=False):
    """``rows``: ``[(label, value), ...]`` in the order to draw them. Each label
    sits above its bar, so long labels never crowd the bars on a phone."""
    largest = max((value for _label, value in rows), default=0) or 1
    total = sum(value for _label, value in rows)
    space = WIDTH - VALUE_SPACE
    bars = []
    for index, (label, value) in enumerate(rows):
        width = round(space * value / largest, 1)
        if value and width < 2:
            width = 2
        y = PAD + index * ROW
        if rtl:
            label_x = WIDTH
            bar_x = WIDTH - width
            value_x = bar_x - 6
        else:
            label_x = 0
            bar_x = 0
            value_x = width + 6
        bars.append(
            Bar(
                label=str(label),
                value=value,
                display=number_format(value, force_grouping=True),
                y=y + LABEL + 4,
                text_y=y + LABEL,
                value_y=y + LABEL + 4 + BAR - 3,
                bar_x=bar_x,
                bar_width=width,
                label_x=label_x,
                value_x=value_x,
                share=round(100 * value / total) if total else 0,
            )
        )
    return Chart(
        key=key,
        title=str(title),
        description=str(description),
        bars=bars,
        width=WIDTH,
        height=PAD * 2 + max(len(rows), 1) * ROW,
        column_label=str(column_label),
        total=total,
    )
