"""The report's picture (PNG): each department's average progress and completion against the
序时进度, most behind on top, and the year month by month — drawn by matplotlib.

Chinese labels need a Chinese font: the first of the machine's fonts kexie knows (Noto Sans
CJK, Source Han, WenQuanYi, SimHei, Microsoft YaHei…). With none, no picture is drawn — a
picture of boxes is worse than none — and `picture_png` returns None with the reason. matplotlib
is imported here alone, inside the functions: no other command pays for it.
"""

from __future__ import annotations

import io
from typing import Any, NamedTuple

from kexie_cli.core.trend import Trend

FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Heiti SC",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "SimSun",
)
NO_FONT = "未找到中文字体（如 Noto Sans CJK、文泉驿、黑体），未绘制图表"
BEHIND, AHEAD, DONE, TIME = "#C00000", "#2F5597", "#A6A6A6", "#7F7F7F"
_WIDTH_CM, _HEIGHT_CM = 16.0, 7.2  # the width of an A4 page's text (GB/T 9704: 156 mm)


class Picture(NamedTuple):
    png: bytes | None
    problem: str = ""  # why there is no picture (NO_FONT), for one line on stderr


def cjk_font() -> str | None:
    """The family name of a Chinese font on this machine, or None."""
    from matplotlib import font_manager

    have = {f.name for f in font_manager.fontManager.ttflist}
    found = next((name for name in FONTS if name in have), None)
    return found or next((n for n in sorted(have) if "CJK SC" in n or "CJK" in n), None)


def picture_png(trend: Trend, margin: float = 10.0) -> Picture:
    """The picture as PNG bytes; no bytes (and why) without a Chinese font."""
    family = cjk_font()
    if family is None:
        return Picture(None, NO_FONT)
    import matplotlib

    matplotlib.use("Agg")  # no display: a file is all kexie draws
    from matplotlib import pyplot as plt

    with plt.rc_context({"font.family": family, "font.size": 8, "axes.unicode_minus": False}):
        inch = 2.54
        figure, (left, right) = plt.subplots(
            1, 2, figsize=(_WIDTH_CM / inch, _HEIGHT_CM / inch), width_ratios=(1.15, 1)
        )
        _departments(left, trend, margin)
        _months(right, trend)
        figure.tight_layout(w_pad=1.5)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=200)
        plt.close(figure)
    return Picture(buffer.getvalue())


def _departments(axes: Any, trend: Trend, margin: float) -> None:
    """Horizontal bars, most behind on top: progress red when it trails the department's own
    序时进度 (a black tick) by more than the margin, as the 通报 names it; completion (done ÷
    tasks) as a grey bar beside it."""
    bars = sorted(
        trend.groups, key=lambda g: ((g.progress or 0.0) - g.pace, g.completion), reverse=True
    )
    rows = range(len(bars))
    progress = [g.progress or 0.0 for g in bars]
    colours = [
        BEHIND if p < g.pace - margin else AHEAD for p, g in zip(progress, bars, strict=True)
    ]
    axes.barh([r + 0.18 for r in rows], progress, height=0.36, color=colours, label="平均进度")
    axes.barh(
        [r - 0.18 for r in rows],
        [g.completion for g in bars],
        height=0.36,
        color=DONE,
        label="完成率",
    )
    axes.scatter(
        [g.pace for g in bars], list(rows), marker="|", s=160, color="black", label="序时进度"
    )
    for row, value in zip(rows, progress, strict=True):
        axes.text(value + 1, row + 0.18, f"{value:.0f}%", va="center", fontsize=6.5)
    axes.set_yticks(list(rows), [g.name for g in bars])
    axes.set_xlim(0, 105)
    axes.set_xlabel("%")
    axes.set_title("各部室平均进度和完成率")
    axes.legend(loc="lower right", fontsize=6.5, frameon=False)


def _months(axes: Any, trend: Trend) -> None:
    """The year month by month: mean progress and completion up to the report's date, and the
    序时进度 through to the year's end (dashed), each point at its day's place in the year."""
    first = trend.months[0].day if trend.months else trend.as_of
    span = 12 - first.month + 1
    xs = [
        (p.day.year - first.year) * 12 + p.day.month - first.month + p.day.day / 31
        for p in trend.months
    ]
    progress = [p.progress or 0.0 for p in trend.months]
    axes.plot(xs, progress, marker="o", markersize=3, color=AHEAD, label="平均进度")
    axes.plot(
        xs,
        [p.completion for p in trend.months],
        marker="s",
        markersize=3,
        color=DONE,
        label="完成率",
    )
    axes.plot([0, span], [0, 100], linestyle="--", linewidth=1, color=TIME, label="序时进度")
    if xs:
        axes.annotate(
            f"{progress[-1]:.0f}%",
            (xs[-1], progress[-1]),
            textcoords="offset points",
            xytext=(0, 5),
            ha="center",
            color=AHEAD,
        )
    ticks = list(range(1, span + 1))
    axes.set_xticks(ticks, [str((first.month + t - 2) % 12 + 1) for t in ticks])
    axes.set_xlim(0, span + 0.2)
    axes.set_ylim(0, 105)
    axes.set_xlabel("月")
    axes.set_title("逐月进展")
    axes.grid(axis="y", linewidth=0.3)
    axes.legend(loc="upper left", fontsize=6.5, frameon=False)
