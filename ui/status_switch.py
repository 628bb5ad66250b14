"""The "official data only" switch every KPI page draws (`status=official` in the URL), and the production notice."""

from __future__ import annotations

import streamlit as st

from analytics.present.i18n import Translator
from ui.data import production_mode
from ui.state import OFFICIAL_STATUS, STATUS_KEY, url_flag


def official_only_switch(tr: Translator, container=st) -> bool:
    """Draw the switch (or, in production mode, say that only official data exists); True when demo is hidden."""
    if production_mode():
        container.caption(tr("coverage.production"))
        return True
    return url_flag(STATUS_KEY, OFFICIAL_STATUS, tr("coverage.switch"), tr, tr("coverage.switch_off"),
                    container=container, help=tr("coverage.switch_help"))
