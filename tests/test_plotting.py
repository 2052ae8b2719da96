"""The book's plotting style: every figure carries a title, labels, a source and alt text; bad input is
refused with a message that names it."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

from sieecon import plotting


def test_palette_is_okabe_ito():
    assert plotting.PALETTE[:3] == ("#0072B2", "#E69F00", "#009E73")
    assert set(plotting.COLORS.values()) - {"#6b6b6b"} <= set(plotting.PALETTE)


@pytest.mark.parametrize("missing", ["title", "xlabel", "ylabel", "source", "alt"])
def test_figure_requires_every_part(missing):
    kwargs = dict(title="t", xlabel="x", ylabel="y", source="s", alt="a")
    kwargs[missing] = "  "
    with pytest.raises(ValueError, match=f"{missing} must not be empty"):
        plotting.figure(**kwargs)
    kwargs[missing] = 3
    with pytest.raises(TypeError, match=f"{missing} must be a string, not int"):
        plotting.figure(**kwargs)


def test_figure_has_source_line_and_png():
    fig = plotting.figure(title="T", xlabel="Year", ylabel="bln KZT", source="Source: doc 000.", alt="A")
    texts = [t.get_text() for t in fig.ax.texts]
    assert "Source: doc 000." in texts
    assert fig._repr_png_()[:4] == b"\x89PNG"
    plotting.close(fig)


def test_time_series_and_scatter_errors():
    with pytest.raises(ValueError, match="x and values must have the same length, got 2 and 3"):
        plotting.time_series([1, 2], {"a": [1, 2, 3]}, title="t", xlabel="x", ylabel="y", source="s", alt="a")
    with pytest.raises(TypeError, match="series must be a non-empty dict"):
        plotting.time_series([1, 2], [], title="t", xlabel="x", ylabel="y", source="s", alt="a")
    with pytest.raises(ValueError, match="x and y must have the same length"):
        plotting.scatter_fit([1, 2], [1], title="t", xlabel="x", ylabel="y", source="s", alt="a")
    f = plotting.scatter_fit([1, 2, 3], [2, 4, 7], lines={"a": (0, 2), "b": (1, 1)}, point_labels=[1, 2, 3],
                             title="t", xlabel="x", ylabel="y", source="s", alt="a")
    assert len(f.ax.lines) == 2
    plotting.close(f)


def test_interval_plot_rejects_intervals_without_their_estimate():
    with pytest.raises(ValueError, match="each interval must contain its estimate"):
        plotting.interval_plot(["a"], [0.5], [0.6], [0.7], title="t", xlabel="x", source="s", alt="a")


def test_from_axes():
    _, ax = plt.subplots()
    with pytest.raises(TypeError, match="ax must be a matplotlib Axes, not str"):
        plotting.from_axes("ax", title="t", source="s", alt="a")
    with pytest.raises(ValueError, match="alt must not be empty"):
        plotting.from_axes(ax, title="t", source="s", alt="")
    fig = plotting.from_axes(ax, title="t", source="s", alt="a")
    assert fig.alt == "a"
    plotting.close(fig)


def test_vega_config_uses_the_palette():
    assert plotting.vega_config()["range"]["category"] == list(plotting.PALETTE)
