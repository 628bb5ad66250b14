"""Start the Streamlit server for app.py: `python -m ui.server [streamlit options]`.

Why not plain `streamlit run app.py`: with a `pages/` folder beside app.py, Streamlit 1.67 starts every process in its
legacy multipage mode (`PagesManager.uses_pages_directory`), and stays there until some session runs app.py's
`st.navigation`. A first visitor who opens a permalink such as `/map?kpi=...` then gets the page script without the
shell (no sidebar, no language, no wide layout), and so does everyone after them until someone opens `/`. Clearing the
flag before the server starts makes every session run app.py, as `st.navigation` intends.
"""

from __future__ import annotations

import sys
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app.py"


def main(argv: list[str] | None = None) -> int:
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.web import cli

    PagesManager.uses_pages_directory = False
    args = ["run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    try:
        cli.main(args, standalone_mode=False)
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
