"""Plotly figures for the benchmark and trends pages: built from analytics frames and already-translated labels.

Colours: the commune in a strong orange, peers in grey, the peer median dark blue and dashed, the interquartile
range a light blue band, the national figure dotted grey. Percentile heatmaps run orange-brown (lags) through white to
purple (leads), palettes.diverging: red and green looked alike to deuteranopes. Each cell also prints ▲ / ▼ / =
(better than, worse than, level with the peer median), so colour is never the only cue.
"""

from __future__ import annotations

import math
import zlib

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from analytics.config.catalogue import Kpi
from analytics.present import palettes
from analytics.present.format import format_value
from analytics.present.i18n import Translator

COMMUNE = "#d9480f"
PEER = "#868e96"
MEDIAN = "#1c3f95"
BAND = "rgba(66, 99, 235, 0.15)"
NATIONAL = "#495057"
BEST = "#2b8a3e"
PLOT_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


def _axis_suffix(kpi: Kpi) -> str:
    return " %" if kpi.type == "share" else ""


def _anchor(x: float, x_range: list[float] | None) -> str:
    """Which side a label hangs from, so a label near either edge of the chart stays inside it."""
    if not x_range:
        return "center"
    share = (x - x_range[0]) / ((x_range[1] - x_range[0]) or 1.0)
    return "left" if share < 0.3 else "right" if share > 0.7 else "center"


# A marker's label near the right edge is written to its left, and the other way round.
_TEXT_SIDE = {"left": "top right", "right": "top left", "center": "top center"}


def _jitter(code: str) -> float:
    """A stable vertical offset per commune so equal values stay visible (no randomness between reruns)."""
    return (zlib.crc32(code.encode()) % 1000) / 1000 * 0.5 - 0.25


def distribution_figure(
    ranking: pd.DataFrame, names: dict[str, str], kpi: Kpi, tr: Translator, median: float | None,
    q1: float | None, q3: float | None, best: float | None, title: str,
) -> go.Figure:
    """Strip plot of the peers' values with the commune highlighted, the peer median marked and the IQR shaded."""
    peers = ranking[~ranking["is_target"]]
    target = ranking[ranking["is_target"]]
    values = ranking["value"].dropna()
    span = (values.max() - values.min()) or 1.0
    x_range = [values.min() - 0.12 * span, values.max() + 0.12 * span] if len(values) else None
    fig = go.Figure()
    if q1 is not None and q3 is not None:
        fig.add_vrect(x0=q1, x1=q3, fillcolor=BAND, line_width=0, layer="below")
    fig.add_trace(go.Scatter(
        x=peers["value"], y=[_jitter(c) for c in peers["lau2"]], mode="markers", name=tr("peers.chart.peers"),
        marker={"size": 11, "color": PEER, "line": {"width": 1, "color": "white"}},
        text=[names[c] + (f" ({tr('peers.demo_short')})" if s == "demo" else "") for c, s in
              zip(peers["lau2"], peers["status"], strict=True)],
        customdata=[format_value(v, kpi, tr) for v in peers["value"]],
        hovertemplate="%{text}<br>%{customdata}<extra></extra>",
    ))
    if median is not None:
        fig.add_vline(x=median, line={"color": MEDIAN, "dash": "dash", "width": 2})
        fig.add_annotation(x=median, y=0.42, text=tr("peers.chart.median", value=format_value(median, kpi, tr)),
                           showarrow=False, font={"color": MEDIAN, "size": 13}, yanchor="bottom", bgcolor="white",
                           xanchor=_anchor(median, x_range))
    if best is not None:
        fig.add_vline(x=best, line={"color": BEST, "dash": "dot", "width": 2})
        fig.add_annotation(x=best, y=-0.42, text=tr("peers.chart.best_quartile"), showarrow=False,
                           font={"color": BEST, "size": 12}, yanchor="top", bgcolor="white",
                           xanchor=_anchor(best, x_range))
    if len(target):
        row = target.iloc[0]
        label = names[row["lau2"]] + (f" ({tr('peers.demo_short')})" if row["status"] == "demo" else "")
        fig.add_trace(go.Scatter(
            x=[row["value"]], y=[0], mode="markers+text", name=label, text=[label],
            textposition=_TEXT_SIDE[_anchor(row["value"], x_range)],
            textfont={"color": COMMUNE, "size": 14}, marker={"size": 20, "color": COMMUNE, "symbol": "diamond",
                                                               "line": {"width": 2, "color": "white"}},
            customdata=[format_value(row["value"], kpi, tr)], hovertemplate="%{text}<br>%{customdata}<extra></extra>",
        ))
    fig.update_layout(
        title={"text": title, "font": {"size": 15}}, height=320, margin={"l": 10, "r": 10, "t": 50, "b": 40},
        showlegend=True, legend={"orientation": "h", "y": -0.25}, plot_bgcolor="white",
        yaxis={"visible": False, "range": [-0.6, 0.6]},
        xaxis={"title": kpi.label(tr.lang), "ticksuffix": _axis_suffix(kpi), "gridcolor": "#e9ecef",
               "zeroline": False, "range": x_range, "dtick": 1 if kpi.is_integer and span <= 10 else None},
    )
    return fig


def _median_mark(row: pd.Series) -> str:
    """▲ better than the median peer, ▼ worse, = level: read from the percentile rank the cell's colour shows, so
    mark and colour never disagree. (Comparing the value with the median of the peers' raw values did, for a target
    KPI: peers at 30, 45 and 70 % have a raw median of 45, nearer parity than 60, yet 60 is nearer parity than two of
    the three: violet and ▼ in one cell.)"""
    if pd.isna(row["value"]) or pd.isna(row["percentile_rank"]):
        return ""
    return palettes.side_mark(float(row["percentile_rank"]), 50.0)


def heatmap_figure(profile: pd.DataFrame, labels: dict[str, str], tr: Translator, title: str) -> go.Figure:
    """Percentile rank (100 = best among peers) per KPI and year; small-group cells are left blank and marked."""
    rated = profile[profile["direction"] != "neutral"]
    kpis = list(dict.fromkeys(rated["kpi"]))
    years = sorted(rated["year"].unique())
    cell = rated.set_index(["kpi", "year"])
    z, text, hover = [], [], []
    for kpi in kpis:
        zr, tr_row, hr = [], [], []
        for year in years:
            row = cell.loc[(kpi, year)] if (kpi, year) in cell.index else None
            pct = None if row is None or row["small_group"] or pd.isna(row["percentile_rank"]) else row["percentile_rank"]
            zr.append(pct)
            if row is None or pd.isna(row["value"]):
                tr_row.append("")
            elif row["small_group"]:
                tr_row.append(tr("peers.heat.small"))
            else:
                tr_row.append(f"{pct:.0f}" + ("*" if row["status"] == "demo" else "") + " " + _median_mark(row))
            n = 0 if row is None else int(row["n_with_data"])
            hr.append(tr("peers.heat.hover", kpi=labels[kpi], year=year,
                         pct="–" if pct is None else f"{pct:.0f}", n=n))
        z.append(zr)
        text.append(tr_row)
        hover.append(hr)
    fig = go.Figure(go.Heatmap(
        z=z, x=[str(y) for y in years], y=[labels[k] for k in kpis], text=text, texttemplate="%{text}",
        customdata=hover, hovertemplate="%{customdata}<extra></extra>", zmin=0, zmax=100,
        colorscale=palettes.diverging_scale(), zmid=50,
        colorbar={"title": {"text": tr("peers.heat.colorbar")}, "tickvals": [0, 25, 50, 75, 100],
                  "ticktext": [f"0 {palettes.BELOW}", "25", f"50 {palettes.LEVEL}", "75", f"100 {palettes.ABOVE}"]},
        xgap=2, ygap=2,
    ))
    fig.update_layout(title={"text": title, "font": {"size": 15}}, height=110 + 38 * max(len(kpis), 1),
                      margin={"l": 10, "r": 10, "t": 50, "b": 30}, yaxis={"autorange": "reversed"},
                      xaxis={"dtick": 1, "type": "category"}, plot_bgcolor="white")
    return fig


def _trend_traces(fig: go.Figure, trend: pd.DataFrame, name: str, tr: Translator, kpi: Kpi, row=None, col=None,
                  legend: bool = True, national: bool = True) -> None:
    """IQR band, peer median, national median and the commune's own line (gaps stay gaps: connectgaps off)."""
    kw = {"row": row, "col": col} if row else {}
    years = trend["year"]
    fmt = [format_value(v, kpi, tr) for v in trend["value"]]
    fig.add_trace(go.Scatter(x=years, y=trend["q3"], mode="lines", line={"width": 0}, showlegend=False,
                             hoverinfo="skip", connectgaps=False), **kw)
    fig.add_trace(go.Scatter(x=years, y=trend["q1"], mode="lines", line={"width": 0}, fill="tonexty",
                             fillcolor=BAND, name=tr("peers.chart.iqr"), showlegend=legend, hoverinfo="skip",
                             legendgroup="iqr", connectgaps=False), **kw)
    fig.add_trace(go.Scatter(x=years, y=trend["median"], mode="lines", name=tr("peers.chart.peer_median"),
                             line={"color": MEDIAN, "dash": "dash", "width": 2}, showlegend=legend,
                             legendgroup="median", connectgaps=False,
                             customdata=[format_value(v, kpi, tr) for v in trend["median"]],
                             hovertemplate=tr("peers.chart.peer_median") + " %{x}: %{customdata}<extra></extra>"), **kw)
    if national:
        fig.add_trace(go.Scatter(x=years, y=trend["national_median"], mode="lines",
                                 name=tr("peers.chart.national"), line={"color": NATIONAL, "dash": "dot"},
                                 showlegend=legend, legendgroup="national", connectgaps=False,
                                 customdata=[format_value(v, kpi, tr) for v in trend["national_median"]],
                                 hovertemplate=tr("peers.chart.national") + " %{x}: %{customdata}<extra></extra>"),
                      **kw)
    # Official and demo values as two lines that never join: a demo history running into an official value drew a
    # jump that no commune made (11 % demo in 2022, 55.6 % official in 2023). Demo: dotted, open markers, "(démo)".
    demo = trend["status"].eq("demo")
    for is_demo in (False, True):
        if is_demo and not demo.any():
            continue
        keep = demo if is_demo else ~demo
        label = f"{name} ({tr('peers.demo_short')})" if is_demo else name
        fig.add_trace(go.Scatter(
            x=years, y=trend["value"].where(keep), mode="lines+markers", name=label, connectgaps=False,
            showlegend=legend, legendgroup="commune_demo" if is_demo else "commune",
            line={"color": COMMUNE, "width": 2 if is_demo else 3, "dash": "dot" if is_demo else "solid"},
            marker={"size": 8, "color": COMMUNE, "symbol": "circle-open" if is_demo else "circle"},
            customdata=fmt, hovertemplate=label + " %{x}: %{customdata}<extra></extra>",
        ), **kw)


def trend_figure(trend: pd.DataFrame, name: str, kpi: Kpi, tr: Translator, title: str) -> go.Figure:
    """One KPI over the years: the commune against its peer median, IQR band and the national median."""
    fig = go.Figure()
    _trend_traces(fig, trend, name, tr, kpi)
    fig.update_layout(
        title={"text": title, "font": {"size": 15}}, height=380, margin={"l": 10, "r": 10, "t": 50, "b": 30},
        plot_bgcolor="white", legend={"orientation": "h", "y": -0.15},
        xaxis={"dtick": 1, "gridcolor": "#e9ecef"},
        yaxis={"title": kpi.label(tr.lang), "ticksuffix": _axis_suffix(kpi), "gridcolor": "#e9ecef"},
    )
    return fig


def _wrap(text: str, width: int = 34) -> str:
    """Break a long panel title over lines so it is not cut at the panel's edge."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join([*lines, line])


def small_multiples_figure(trends: dict[str, pd.DataFrame], kpis: dict[str, Kpi], name: str, tr: Translator,
                           columns: int = 3) -> go.Figure:
    """Every KPI of a programme as a small panel: the commune and its peer median with the IQR band."""
    ids = list(trends)
    rows = max(1, math.ceil(len(ids) / columns))
    fig = make_subplots(rows=rows, cols=columns, subplot_titles=[_wrap(kpis[k].label(tr.lang)) for k in ids],
                        vertical_spacing=0.32 / rows, horizontal_spacing=0.06)
    for i, kpi_id in enumerate(ids):
        r, c = i // columns + 1, i % columns + 1
        _trend_traces(fig, trends[kpi_id], name, tr, kpis[kpi_id], row=r, col=c, legend=i == 0, national=False)
        fig.update_yaxes(ticksuffix=_axis_suffix(kpis[kpi_id]), gridcolor="#e9ecef", row=r, col=c)
        fig.update_xaxes(dtick=2, gridcolor="#e9ecef", row=r, col=c)
    fig.update_annotations(font_size=12)
    fig.update_layout(height=250 * rows + 90, margin={"l": 10, "r": 10, "t": 90, "b": 20}, plot_bgcolor="white",
                      legend={"orientation": "h", "y": 0.995, "yanchor": "top", "yref": "container"})
    return fig
