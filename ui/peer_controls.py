"""The controls the benchmark and trends pages share: commune, KPI, peer group, k, custom list, year, all in the URL.

Each value is validated before it reaches a widget; a refused value gives one specific warning and the default.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analytics.checks import params
from analytics.config.catalogue import Kpi, load_catalogue
from analytics.metrics.benchmark import DEFAULT_KPI, benchmark_kpis
from analytics.metrics.peers import DEFAULT_K, GROUPS, K_OPTIONS, PeerSet, parse_custom, peers_of
from analytics.present.i18n import Translator
from analytics.queries.communes import communes
from analytics.queries.kpis import kpi_years
from ui.data import cached
from ui.state import publish, synced_values, url_choice, url_int, url_value
from ui.tables import dataframe

DEFAULT_COMMUNE = "0304"
DEFAULT_GROUP = "similar"


@dataclass(frozen=True)
class PeerSelection:
    commune: str
    commune_name: str
    kpi: Kpi
    group: str
    k: int
    custom: tuple[str, ...]
    year: int
    years: list[int]
    peers: PeerSet
    names: dict[str, str]  # lau2 -> commune name, for every commune


def _url_changed(key: str) -> str | None:
    """The raw URL value when it differs from what this session last wrote (a pasted or edited link), else None."""
    raw = url_value(key)
    widget_key = f"url_{key}"
    if raw is None or (widget_key in st.session_state and synced_values().get(key) == raw):
        return None
    return str(raw)


def url_commune(tr: Translator, names: dict[str, str], container=st) -> str:
    """The commune picker: `commune=0304` (or `304`, as Excel writes it); an unknown code warns and shows the default."""
    return url_choice(
        "commune", tr("peers.commune"), list(names), DEFAULT_COMMUNE, tr,
        format_func=lambda c: f"{names[c]} ({c})", container=container,
        check=lambda raw: params.commune_code(raw, list(names), DEFAULT_COMMUNE),
    )


def url_custom(tr: Translator, names: dict[str, str], target: str, container=st) -> tuple[str, ...]:
    """The custom peer list: `custom=0101,0102`; unknown codes are named in one warning and dropped."""
    raw = _url_changed("custom")
    if raw is not None or "url_custom" not in st.session_state:
        accepted, refused = parse_custom(raw, [c for c in names if c != target])
        if refused:
            st.warning(tr("peers.custom_refused", values=params.shown(", ".join(refused))), icon="⚠️")
        st.session_state["url_custom"] = accepted
    chosen = container.multiselect(
        tr("peers.custom_label"), [c for c in names if c != target], key="url_custom",
        format_func=lambda c: f"{names[c]} ({c})", placeholder=tr("peers.custom_placeholder"), persist_state="session",
    )
    publish("custom", ",".join(chosen) or None)
    return tuple(chosen)


def _keep_valid(key: str, options: list, default) -> None:
    """A KPI change can leave the remembered year outside the new KPI's years: reset it before the widget draws."""
    widget_key = f"url_{key}"
    if widget_key in st.session_state and st.session_state[widget_key] not in options:
        st.session_state[widget_key] = default


def peer_controls(tr: Translator, year_widget: bool = True) -> PeerSelection | None:
    """Draw the shared controls and return the validated selection with its peer set (None: no KPI data at all)."""
    catalogue = load_catalogue()
    commune_table = cached(communes).sort_values("lau2")  # the benchmark pickers list communes by code
    names = dict(zip(commune_table["lau2"], commune_table["name"], strict=True))
    kpis = cached(benchmark_kpis)
    if not kpis:
        st.info(tr("peers.no_data"))
        return None
    c1, c2, c3, c_k, c4 = st.columns([3, 4, 3.4, 1.2, 1.6])
    commune = url_commune(tr, names, container=c1)
    default_kpi = DEFAULT_KPI if DEFAULT_KPI in kpis else kpis[0]
    kpi_id = url_choice("kpi", tr("peers.kpi"), kpis, default_kpi, tr,
                        format_func=lambda k: catalogue[k].label(tr.lang), container=c2)
    group = url_choice("peers", tr("peers.group"), GROUPS, DEFAULT_GROUP, tr,
                       format_func=lambda g: tr(f"peers.group.{g}"), container=c3)
    years = cached(kpi_years, kpi_id)
    _keep_valid("year", years, years[-1])
    if year_widget:
        year = url_int("year", tr("peers.year"), years[::-1], years[-1], tr, container=c4)
    else:
        year = url_int("year", tr("peers.peer_year"), years[::-1], years[-1], tr, container=c4,
                       help=tr("peers.peer_year_help"))
    k, custom = DEFAULT_K, ()
    if group == "similar":
        k = url_int("k", tr("peers.k"), K_OPTIONS, DEFAULT_K, tr, container=c_k)  # in the row: the chart stays in view
    elif group == "custom":
        custom = url_custom(tr, names, commune)
    peers = cached(peers_of, commune, group, year, k=k, custom=custom)
    return PeerSelection(commune, names[commune], catalogue[kpi_id], group, k, custom, year, years, peers, names)


def describe_peers(tr: Translator, sel: PeerSelection) -> str:
    """One sentence saying who the peers are and why (the reason a user needs before trusting a comparison)."""
    peers = sel.peers
    count = len(peers.lau2s)
    if sel.group == "similar":
        features = ", ".join(tr(f"peers.feature.{f}") for f in peers.features)
        text = tr("peers.why.similar", k=count, features=features)
        if peers.foreign_status in ("demo", "mixed"):
            text += " " + tr("peers.why.foreign_demo")
        return text
    if sel.group == "custom":
        return tr("peers.why.custom", n=count)
    criterion = peers.criterion
    if criterion is None:
        return tr("peers.why.no_criterion", group=tr(f"peers.group.{sel.group}"))
    if sel.group == "population_band":
        criterion = tr(f"peers.band.{criterion}")
    elif sel.group in ("gemengepakt", "pilot"):
        criterion = tr(f"peers.cohort.{sel.group}.{criterion}", year=sel.year)
    elif sel.group == "equality_stage":
        criterion = load_catalogue()["equality_action_plan_stage"].stage_label(int(criterion), tr.lang)
    return tr("peers.why.shared", n=count, group=tr(f"peers.group.{sel.group}"), criterion=criterion)


def neighbour_table(tr: Translator, sel: PeerSelection) -> pd.DataFrame | None:
    """The 'similar' neighbours with their distance and the indicators they are closest on (the reason, per row)."""
    near = sel.peers.neighbours
    if near is None or near.empty:
        return None
    return pd.DataFrame(
        {
            tr("peers.col.commune"): [sel.names[c] for c in near["lau2"]],
            tr("peers.col.distance"): [tr.number(d, 2) for d in near["distance"]],
            tr("peers.col.closest_on"): [", ".join(tr(f"peers.feature.{f}") for f in fs) for fs in near["closest"]],
        }
    )


def peer_explainer(tr: Translator, sel: PeerSelection, note: str | None = None) -> None:
    """Who the peers are, one line; the neighbours and the method one click away, so the chart stays in view."""
    near = neighbour_table(tr, sel)
    with st.expander(describe_peers(tr, sel)):
        if note:
            st.caption(note)
        if near is not None:
            dataframe(near, hide_index=True)
            st.caption(tr("peers.why.method"))
        else:
            st.caption(tr("peers.why.list", communes=", ".join(sel.names[c] for c in sel.peers.lau2s)))


def kpi_heading(tr: Translator, kpi, title: str, demo_shown: bool) -> None:
    """The KPI and commune as a heading, the demo badge when any value shown is demo, the definition below."""
    head = st.columns([6, 2])
    head[0].subheader(title)
    if demo_shown:
        head[1].badge(tr("peers.demo_badge"), icon=":material/science:", color="orange")
    # A target KPI's definition already says how it is judged (parity, the balanced band): not twice in one line.
    judged = "" if kpi.direction == "target" else " " + tr(f"peers.direction.{kpi.direction}")
    st.caption(kpi.definition_in(tr.lang) + judged)
