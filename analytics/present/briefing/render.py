"""Turn a Briefing into an A4 PDF (typst, offline, ~0.1 s) or a self-contained HTML page (inline SVG and CSS).

Why typst: the PyPI `typst` wheel embeds the compiler, needs no browser, no LaTeX and no network, and lays out
tables and page footers properly; the same JSON drives one template for the three languages.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

import typst

from analytics.present.briefing.model import Briefing

TEMPLATE = Path(__file__).parent / "briefing.typ"
# PDF/UA-1 (accessible: tagged, titled, language set, alt text on every figure; typst refuses to compile otherwise)
# and PDF/A-2a (archivable, with the same tags). PDF/A-4 would need PDF 2.0, which PDF/UA-1 does not allow.
PDF_STANDARDS = ["ua-1", "a-2a"]


def render_pdf(briefing: Briefing) -> bytes:
    """Compile the typst template with the briefing as JSON input; fonts: system Liberation/DejaVu, else typst's own."""
    return typst.compile(str(TEMPLATE), sys_inputs={"data": json.dumps(briefing.as_dict(), ensure_ascii=False)},
                         pdf_standards=PDF_STANDARDS)


def render_png(briefing: Briefing, page: int = 1, ppi: int = 110) -> bytes:
    """One page as PNG (typst renders it; no poppler needed), for previews."""
    pages = typst.compile(
        str(TEMPLATE), format="png", ppi=ppi, sys_inputs={"data": json.dumps(briefing.as_dict(), ensure_ascii=False)}
    )
    if isinstance(pages, list):
        return pages[page - 1]
    return pages


_CSS = """
body{font-family:"Liberation Sans","DejaVu Sans",Arial,sans-serif;color:#1b1f24;max-width:60rem;margin:1.5rem auto;
padding:0 1rem;font-size:15px;line-height:1.45}
header.band{background:#1f3a5f;color:#fff;padding:1rem 1.2rem;border-radius:3px}
header.band .type{font-size:.75rem;letter-spacing:.08em;text-transform:uppercase}
header.band h1{margin:.2rem 0;font-size:1.9rem}
.meta{color:#52606d;font-size:.8rem;display:flex;justify-content:space-between;margin:.4rem 0}
.demo{border:1px solid #c8102e;background:#fdf1f3;padding:.5rem .8rem;margin:.8rem 0;border-radius:3px}
.demo strong{color:#c8102e}
h2{color:#1f3a5f;border-bottom:2px solid #1f3a5f;padding-bottom:.15rem;margin-top:1.6rem}
h3{color:#1f3a5f;margin:1rem 0 .4rem}
.figures{display:grid;grid-template-columns:repeat(3,1fr);gap:.6rem}
.figure{background:#f3f5f8;border-left:4px solid #1f3a5f;padding:.5rem .7rem}
.figure.demo-value{border-left-color:#c8102e}
.figure .label,.figure .note{color:#52606d;font-size:.8rem}.figure .value{font-size:1.45rem;font-weight:bold;color:#1f3a5f}
.two{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1.4rem}
.swatch{display:inline-block;width:.8rem;height:.8rem;border:1px solid #52606d;margin-right:.35rem;vertical-align:-1px}
table{border-collapse:collapse;width:100%;font-size:.85rem}
caption{text-align:left;font-weight:bold;color:#1f3a5f;margin:1rem 0 .4rem;font-size:1.05rem}
figure{margin:0}.status th{background:none;color:inherit;font-weight:normal;padding:.25rem .4rem;
border-bottom:1px solid #e1e5ea}tbody th{background:none;color:inherit;font-weight:normal;border-bottom:1px solid #e1e5ea}
th{background:#1f3a5f;color:#fff;text-align:left;padding:.3rem .4rem}
td{padding:.25rem .4rem;border-bottom:1px solid #e1e5ea}td.num{text-align:right;white-space:nowrap}
.status td:last-child{text-align:right;font-weight:bold}
.charts{display:grid;grid-template-columns:1fr 1fr;gap:1rem}.charts svg{width:100%;height:auto}
.map svg{width:100%;height:auto}.muted{color:#52606d;font-size:.8rem}
"""


def _labelled_svg(svg: str, ident: str, title: str) -> str:
    """An inline SVG announced as one image with a name: role="img" and a <title> it points to (WCAG 1.1.1)."""
    head, rest = svg.split(">", 1) if svg.lstrip().startswith("<svg") else ("", svg)
    if not head:
        return svg
    return (f'{head} role="img" aria-labelledby="{ident}"><title id="{ident}">{escape(title)}</title>' + rest)


def _figure(f) -> str:
    cls = "figure demo-value" if f.demo else "figure"
    return (f'<div class="{cls}"><div class="label">{escape(f.label)}</div><div class="value">{escape(f.value)}</div>'
            f'<div class="note">{escape(f.note)}</div></div>')


def _status_table(items) -> str:
    rows = "".join(f'<tr><th scope="row">{escape(f.label)}</th><td>{escape(f.value)} <span class="muted">'
                   f"{escape(f.note)}</span></td></tr>" for f in items)
    return f'<table class="status">{rows}</table>'


def _peer_table(table) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in table.headers[:-1])
    body = "".join(
        f'<tr><th scope="row">{escape(r.cells[0])}</th>'
        + "".join(f"<td class=num>{escape(c)}</td>" for c in r.cells[1:]) + "</tr>"
        for r in table.rows
    )
    return (f"<table><caption>{escape(table.title)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody>"
            "</table>")


def render_html(briefing: Briefing) -> str:
    """The same briefing as one HTML file (no external request), for e-mail or an intranet page."""
    b, lab = briefing, briefing.labels
    demo = (f'<div class="demo"><strong>† {escape(lab["demo_title"])}.</strong> {escape(lab["demo_notice"])}</div>'
            if b.demo else "")
    legend = "".join(f'<div><span class="swatch" style="background:{escape(i["colour"])}"></span>'
                     f'{escape(i["label"])}</div>' for i in b.map_legend)
    charts = "".join(f'<figure>{_labelled_svg(c.svg, f"chart-{i}", c.alt or c.title)}<figcaption><strong>'
                     f'{escape(c.title)}</strong><div class="muted">'
                     + " · ".join(escape(s["label"]) for s in c.legend) + "</div></figcaption></figure>"
                     for i, c in enumerate(b.trends))
    sources = "".join(f"<li>{escape(s)}</li>" for s in b.sources)
    return f"""<!doctype html>
<html lang="{b.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(b.title)} – {escape(lab["doc_type"])}</title><style>{_CSS}</style></head><body><main>
<div class="meta"><strong>{escape(lab["observatory"])}</strong><span>{escape(lab["generated"])} {escape(b.date)}</span></div>
<header class="band"><div class="type">{escape(lab["doc_type"])}</div><h1>{escape(b.title)}</h1>
<div>{escape(b.subtitle)}</div></header>
{demo}
<h2>{escape(lab["key_figures"])}</h2><div class="figures">{"".join(_figure(f) for f in b.figures)}</div>
<h2>{escape(lab["map"])}</h2>
<div class="two"><figure class="map">{_labelled_svg(b.map_svg, "map", b.map_alt or b.map_caption)}
<figcaption>{legend}<p class="muted">{escape(b.map_caption)}</p></figcaption></figure><div>
<h3>{escape(lab["programmes"])}</h3>{_status_table(b.programmes)}
<h3>{escape(lab["grants"])}</h3>{_status_table(b.grants)}</div></div>
<h2>{escape(lab["peers"])}</h2><p class="muted">{escape(lab["peers_note"])}</p>
{"".join(_peer_table(t) for t in b.tables)}
<h2>{escape(lab["trends"])}</h2><div class="charts">{charts}</div>
<h2>{escape(lab["sources"])}</h2><ul>{sources}</ul><p class="muted">{escape(lab["methods"])}</p>
<p class="muted">{escape(lab["footer"])}</p>
</main></body></html>
"""
