"""Typed problems found in a submission, rendered as `FILE:ROW:COLUMN: message` only at the CLI and page boundary."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """`text` safe for one line of a terminal or a page: control and invisible characters (a newline in a file name
    that would forge a second message, a bidi override, an escape sequence) shown as escapes, and the bytes of a
    non-UTF-8 file name (surrogate-escaped by Python) as `\\xNN`."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable():
            out.append(ch)
        elif ch in ESCAPES:
            out.append(ESCAPES[ch])
        elif "\udc80" <= ch <= "\udcff":
            out.append(f"\\x{ord(ch) - 0xDC00:02x}")
        else:
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")
    return "".join(out)

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class SubmissionProblem:
    """One thing wrong (or, as a warning, odd) in a submission file.

    `row` is the row number a spreadsheet shows (header = 1) and `column` the header as written in the file; both are
    None for a problem with the whole file. A problem with `more` > 0 stands for that many further problems of the
    file (of its severity) that were counted but not kept: a file with a million bad rows is a million problems, and
    only the first `KEEP_DEFAULT` of each file become objects.
    """

    file: str
    row: int | None
    column: str | None
    message: str
    severity: str = ERROR
    more: int = 0

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def render(self) -> str:
        """`FILE:ROW:COLUMN: message`, `FILE:ROW: message` or `FILE: message`; warnings say so after the place."""
        place = printable(self.file)
        if self.more:
            kind = "warning" if self.severity == WARNING else "problem"
            return f"{place}: … and {self.more} more {kind}{'s' if self.more != 1 else ''} not shown"
        if self.row is not None:
            place += f":{self.row}"
            if self.column is not None:
                place += f":{printable(self.column)}"
        text = f"warning: {self.message}" if self.severity == WARNING else self.message
        return f"{place}: {printable(text)}"


KEEP_DEFAULT = 100  # problems kept as objects per file (file.max_problems_listed in the rules)


def stand_in(file: str, more: int, severity: str) -> SubmissionProblem:
    """The problem that counts `more` problems of `file` that were not kept."""
    return SubmissionProblem(file, None, None, "", severity, more)


def count_problems(problems: Iterable[SubmissionProblem]) -> int:
    """How many problems these are, counting what each stand-in stands for."""
    return sum(p.more or 1 for p in problems)


def keep_first(problems: list[SubmissionProblem], limit: int) -> list[SubmissionProblem]:
    """The first `limit` problems of one file (already in reading order), then one stand-in per severity for the rest
    and for any stand-ins among them."""
    real = [p for p in problems if not p.more]
    if len(real) == len(problems) and len(real) <= limit:
        return problems
    more: dict[str, int] = {}
    for p in [*real[limit:], *(p for p in problems if p.more)]:
        more[p.severity] = more.get(p.severity, 0) + (p.more or 1)
    file = problems[0].file
    return [*real[:limit], *(stand_in(file, n, severity) for severity, n in sorted(more.items()))]


def render_problems(problems: Iterable[SubmissionProblem], limit: int = 100) -> list[str]:
    """Lines for the first `limit` problems of each file, then one line counting the rest of that file's problems."""
    lines: list[str] = []
    shown: dict[str, int] = {}
    hidden: dict[str, int] = {}
    for problem in problems:
        if problem.more:
            hidden[problem.file] = hidden.get(problem.file, 0) + problem.more
        elif shown.get(problem.file, 0) < limit:
            shown[problem.file] = shown.get(problem.file, 0) + 1
            lines.append(problem.render())
        else:
            hidden[problem.file] = hidden.get(problem.file, 0) + 1
    for file, count in hidden.items():
        lines.append(f"{printable(file)}: … and {count} more problem{'s' if count != 1 else ''} not shown")
    return lines


class SortsProblems:
    """For results that carry `problems`: errors block a submission, warnings do not."""

    problems: list[SubmissionProblem]

    @property
    def errors(self) -> list[SubmissionProblem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[SubmissionProblem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def error_count(self) -> int:
        """All errors, including those counted but not kept."""
        return count_problems(self.errors)

    @property
    def warning_count(self) -> int:
        return count_problems(self.warnings)
