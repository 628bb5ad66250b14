"""Every colour scheme the charts and maps use, in one place, chosen to survive colour-vision deficiencies.

One man in twelve sees red and green alike (deuteranopia, protanopia). Simulated with Chromium's Machado matrices,
plotly's Cividis keeps its neighbouring classes apart (min ΔE 21–24 for deutan and protan vision, 5 classes) and
PuOr keeps its two ends apart (ΔE ≈ 78); the red→green scale the heatmap had merged its ends (ΔE 18). So:
- `sequential(k)`: light → dark, Cividis (yellow → navy). Maps draw "better" at the dark end.
- `diverging(k)`: PuOr, orange-brown (below the centre) → near-white → purple (above). The benchmark heatmap centres it
  on the peer median; a map may centre it on a target value.
- `contrast_ratio` (WCAG 2.x) lets tests and code check text and lines against the fills they sit on.
"""

from __future__ import annotations

from plotly.colors import get_colorscale, sample_colorscale

SEQUENTIAL = "Cividis_r"  # light (low / worse) to dark (high / better)
DIVERGING = "PuOr"  # plotly's PuOr runs orange-brown → white → purple
NEUTRAL = "Blues"  # neutral KPIs (no better or worse): one hue, light to dark, readable in any colour vision
PAIR = ("#f4a582", "#4393c3")  # yes/no without a better side: salmon and blue stay apart for deutan and protan eyes
NO_DATA = "#d4d4d4"
# Canton borders: a dark line on a white casing, so one of the two has >= 3:1 against any fill (WCAG 1.4.11).
BORDER = "#262626"
BORDER_CASING = "#ffffff"
COMMUNE_LINE = "#ffffff"
# Above / below a reference, never by colour alone (WCAG 1.4.1).
ABOVE, BELOW, LEVEL = "▲", "▼", "="


def _hex(colour: str) -> str:
    """plotly samples colours as `rgb(r, g, b)`; SVG, typst and CSS all read `#rrggbb`."""
    if colour.startswith("#"):
        return colour.lower()
    r, g, b = (round(float(x)) for x in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


def _sample(scale_name: str, positions: list[float]) -> list[str]:
    # Clamp: float noise (0.08 + 0.92 = 1.0000000000000002) would fall outside the scale and raise.
    return [_hex(c) for c in sample_colorscale(get_colorscale(scale_name), [min(1.0, max(0.0, p)) for p in positions])]


def sequential(k: int, scale_name: str = SEQUENTIAL) -> list[str]:
    """`k` colours light to dark, skipping the palest end so the lowest class stays distinct from 'no data'."""
    if k <= 0:
        return []
    if k == 1:
        return _sample(scale_name, [0.6])
    return _sample(scale_name, [0.08 + 0.92 * i / (k - 1) for i in range(k)])


def diverging(k: int) -> list[str]:
    """`k` colours from 'far below the centre' to 'far above', symmetric; an odd `k` has a near-white middle class.

    For a scheme centred on a value (a peer median, a target share of women): classes below it take the first half,
    classes above the second half, so the two sides differ in hue and the distance from the centre in lightness.
    """
    if k <= 0:
        return []
    if k == 1:
        return _sample(DIVERGING, [0.5])
    return _sample(DIVERGING, [i / (k - 1) for i in range(k)])


BALANCED_CENTRE = "#2d004b"  # PuOr's darkest purple: the balanced band, the darkest class of a target map


def balanced(k: int = 5) -> list[str]:
    """`k` (odd) colours for a map centred on a target, darkest in the middle: the balanced class is PuOr's darkest
    purple; below it orange-browns and above it purples, lighter the further from the target, so the hue tells the
    side and the lightness the distance (and the two sides stay apart in deutan and protan vision)."""
    half = k // 2
    below = _sample(DIVERGING, [0.1 + 0.3 * i / max(half - 1, 1) for i in range(half)])[::-1]  # far (light) -> near
    above = _sample(DIVERGING, [0.85 - 0.25 * i / max(half - 1, 1) for i in range(half)])  # near -> far (light)
    return below + [BALANCED_CENTRE] + above


def diverging_scale() -> list[list[object]]:
    """The continuous diverging scale for plotly (`colorscale=`), from below (0) to above (1)."""
    return [[i / 10, c] for i, c in enumerate(_sample(DIVERGING, [i / 10 for i in range(11)]))]


def side_mark(value: float | None, centre: float) -> str:
    """▲ above the centre, ▼ below, = on it: the symbol that repeats what the diverging colour says."""
    if value is None or value != value:
        return ""
    return ABOVE if value > centre else BELOW if value < centre else LEVEL


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of a `#rrggbb` or `rgb()` colour."""
    h = _hex(colour)
    channels = [int(h[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours, 1.0 to 21.0."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_colour_on(fill: str) -> str:
    """Near-black or white, whichever reads better on `fill` (numbers printed in heatmap cells)."""
    return "#111111" if contrast_ratio("#111111", fill) >= contrast_ratio("#ffffff", fill) else "#ffffff"
