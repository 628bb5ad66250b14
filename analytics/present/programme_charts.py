"""Figures for the programme and grant pages: a stage map layer, a stage funnel by year, a signature timeline.

Why here and not in the pages: pages only read widgets and draw; the figures are plain plotly built from analytics
frames, with every label passed in already translated, so tests can check them without Streamlit.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from analytics.metrics.classify import NO_DATA, Classification
from analytics.present import palettes
from analytics.present.choropleth import MapLayer

STAGE_ZERO_COLOUR = "#f2efe9"  # 'not started': paler than any stage, darker than the page
DEMO_PATTERN = "/"


def stage_colours(top_stage: int) -> list[str]:
    """Stage 0 pale, then one distinct step of the sequential palette per stage (ordered, colour-blind safe)."""
    return [STAGE_ZERO_COLOUR] + palettes.sequential(top_stage)


def category_layer(frame: pd.DataFrame, category: pd.Series, labels: Sequence[str], colours: Sequence[str],
                   legend_title: str, no_data_label: str) -> MapLayer:
    """A choropleth layer for categories 0..n-1 (stages, pilot years); `frame` has lau2, name, canton, value_text."""
    codes = pd.to_numeric(category, errors="coerce")
    class_of = codes.fillna(NO_DATA).astype("int64").reset_index(drop=True)
    counts = tuple(int((class_of == i).sum()) for i in range(len(labels)))
    bounds = tuple(float(i) for i in range(len(labels)))
    classification = Classification("categories", bounds, bounds, class_of, counts, int((class_of == NO_DATA).sum()))
    return MapLayer(frame.reset_index(drop=True), classification, list(labels), no_data_label, legend_title,
                    colours=list(colours))


def funnel_figure(funnel: pd.DataFrame, labels: dict[int, str], colours: Sequence[str], demo_label: str,
                  height: int = 360) -> go.Figure:
    """Stacked bars: communes at each stage, one bar per year; the demo part of each segment is hatched."""
    fig = go.Figure()
    for stage, label in labels.items():
        part = funnel[funnel["stage"] == stage]
        official = part["communes"] - part["demo_communes"]
        fig.add_bar(x=part["year"], y=official, name=f"{stage} · {label}", marker_color=colours[stage],
                    legendgroup=str(stage), marker_line_color="#555555", marker_line_width=0.5,
                    hovertemplate=f"{label}: %{{y}}<extra>%{{x}}</extra>")
        fig.add_bar(x=part["year"], y=part["demo_communes"], name=f"{stage} · {label} ({demo_label})",
                    marker_color=colours[stage], marker_pattern_shape=DEMO_PATTERN, legendgroup=str(stage),
                    marker_line_color="#555555", marker_line_width=0.5, showlegend=False,
                    hovertemplate=f"{label} ({demo_label}): %{{y}}<extra>%{{x}}</extra>")
    fig.update_layout(barmode="stack", height=height, margin={"l": 10, "r": 10, "t": 10, "b": 10},
                      legend={"orientation": "h", "y": -0.15, "font": {"size": 12}},
                      xaxis={"dtick": 1, "tickfont": {"size": 12}}, yaxis={"tickfont": {"size": 12}, "range": [0, 100]},
                      paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)")
    return fig


def timeline_figure(timeline: pd.DataFrame, y_title: str, hover_label: str, height: int = 320) -> go.Figure:
    """Cumulative signatories as a step line, each ceremony a marked point with its name."""
    fig = go.Figure(go.Scatter(
        x=timeline["signing_date"], y=timeline["cumulative"], mode="lines+markers+text", line_shape="hv",
        marker={"size": 9, "color": "#21918c"}, line={"color": "#21918c", "width": 2},
        text=[f"+{n}" for n in timeline["signed"]], textposition="top left", textfont={"size": 11},
        customdata=timeline[["ceremony", "communes", "signed"]].to_numpy(),
        hovertemplate=f"<b>%{{customdata[0]}}</b><br>%{{x|%d.%m.%Y}}<br>{hover_label}: %{{customdata[2]}}"
                      "<br>%{customdata[1]}<extra></extra>",
    ))
    fig.update_layout(height=height, margin={"l": 10, "r": 10, "t": 20, "b": 10},
                      yaxis={"title": {"text": y_title}, "rangemode": "tozero"},
                      paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)", showlegend=False)
    return fig


def grants_figure(by_year_kind: pd.DataFrame, kind_labels: dict[str, str], y_title: str, demo_label: str,
                  height: int = 320) -> go.Figure:
    """Stacked bars of granted euros by year and grant type; a type made of demo values says so in the legend."""
    fig = go.Figure()
    colours = palettes.sequential(len(kind_labels))
    for colour, (kpi, label) in zip(colours, kind_labels.items()):
        part = by_year_kind[by_year_kind["kpi"] == kpi]
        if part.empty:
            continue
        name = f"{label} ({demo_label})" if part["demo"].any() else label
        fig.add_bar(x=part["year"], y=part["granted"], name=name, marker_color=colour,
                    hovertemplate=f"{label}: %{{y:,.0f}} €<extra>%{{x}}</extra>")
    fig.update_layout(barmode="stack", height=height, margin={"l": 10, "r": 10, "t": 10, "b": 10},
                      xaxis={"dtick": 1}, yaxis={"title": {"text": y_title}},
                      legend={"orientation": "h", "y": -0.2}, paper_bgcolor="rgba(0,0,0,0)",
                      plot_bgcolor="rgba(0,0,0,0)")
    return fig
