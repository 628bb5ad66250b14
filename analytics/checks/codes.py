"""Commune codes as people type them, read one way everywhere: the one LAU2 normaliser.

Why: a LAU2 code is four digits ('0304' = Luxembourg city, '0101' the lowest); spreadsheets and hand-typed URLs drop
the leading zero, so '304' means '0304'. The rule, stated once: spaces around the code are ignored; three digits get
the one dropped zero back; four digits are taken as they are; anything else (letters, signs, one, two or five digits)
is not a code. '12' is NOT read as '0012': no current or former commune has a code below 0101, so a two-digit entry
is a typing error to report, not a code to guess.
"""

from __future__ import annotations

import re

_DIGITS = re.compile(r"[0-9]{3,4}")  # ASCII digits only: '٣٠٤' (Arabic-Indic) is not a code


def normalise_lau2(raw: object) -> str | None:
    """The 4-digit LAU2 code `raw` stands for ('304' → '0304', ' 0304 ' → '0304'), or None when it cannot be one.

    None tells the caller to refuse or report the raw value; whether the code belongs to a current commune is the
    caller's check (a known-codes set, the reference table).
    """
    if raw is None:
        return None
    text = str(raw).strip()
    if not _DIGITS.fullmatch(text):
        return None
    return text.zfill(4)
