"""Server-rendered SVG bar charts: geometry here, markup in ``budget/includes/bar_chart.html``.

Every chart has a title and a text description for screen readers, and the view shows the
same numbers in a table beside it, so the chart is never the only way to the data.
"""

from dataclasses import dataclass, field

from .money import format_money_short

WIDTH = 640
LABEL_WIDTH = 210
VALUE_WIDTH = 110
BAR_HEIGHT = 12
BAR_GAP = 3
ROW_GAP = 12
LEGEND_HEIGHT = 28


def coordinate(value):
    """SVG needs a dot: templates would localise a float to "12,5" in Czech."""
    return f"{value:.1f}"


@dataclass
class Bar:
    css_class: str
    label: str
    value: int
    x: str
    y: str
    width: str
    height: str
    text: str
    text_x: str
    text_y: str


@dataclass
class ChartRow:
    label: str
    label_y: str
    url: str
    bars: list = field(default_factory=list)


@dataclass
class BarChart:
    chart_id: str
    title: str
    description: str
    series: list  # (key, label, css class)
    rows: list
    height: str
    width: str = str(WIDTH)
    legend: list = field(default_factory=list)


def shorten(text, length=34):
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def bar_chart(chart_id, title, description, rows, series, label_key="label", url_key="url"):
    """Horizontal grouped bars: one group per row, one bar per series.

    ``rows``: dicts with ``label_key`` and one amount (hellers) per series key;
    ``series``: (key, label, css class). Negative amounts draw no bar but keep their label.
    """
    maximum = max([row.get(key) or 0 for row in rows for key, _l, _c in series] + [1])
    plot_width = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    group_height = len(series) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
    chart_rows = []
    y = LEGEND_HEIGHT
    for row in rows:
        chart_row = ChartRow(
            label=shorten(str(row.get(label_key, ""))),
            label_y=coordinate(y + group_height / 2 + 4),
            url=row.get(url_key, ""),
        )
        for index, (key, label, css_class) in enumerate(series):
            value = row.get(key) or 0
            width = max(0.0, plot_width * value / maximum)
            bar_y = y + index * (BAR_HEIGHT + BAR_GAP)
            chart_row.bars.append(
                Bar(
                    css_class=css_class,
                    label=label,
                    value=value,
                    x=coordinate(LABEL_WIDTH),
                    y=coordinate(bar_y),
                    width=coordinate(width),
                    height=coordinate(BAR_HEIGHT),
                    text=format_money_short(value),
                    text_x=coordinate(LABEL_WIDTH + width + 4),
                    text_y=coordinate(bar_y + BAR_HEIGHT - 2),
                )
            )
        chart_rows.append(chart_row)
        y += group_height + ROW_GAP
    legend = []
    x = LABEL_WIDTH
    for key, label, css_class in series:
        legend.append(
            {
                "key": key,
                "label": label,
                "css_class": css_class,
                "x": coordinate(x),
                "text_x": coordinate(x + 16),
            }
        )
        x += 20 + 8 * len(str(label))
    return BarChart(
        chart_id=chart_id,
        title=title,
        description=description,
        series=series,
        rows=chart_rows,
        height=coordinate(max(y, LEGEND_HEIGHT + 20)),
        legend=legend,
    )
