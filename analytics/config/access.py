"""Who may do what once signed in: the versioned access file (`config/access.yaml`), loaded and checked at start.

The file maps an OpenID Connect `sub` (the provider's stable user id, never an e-mail that can be re-assigned) to a
role and, for officers, the communes they represent:

    version: 1
    users:
      officer-0304: {role: officer, communes: ["0304"], name: "…"}
      reviewer:     {role: reviewer}

A malformed file is an `AccessFileError` naming the file, the key and why, so a typo never silently grants or drops
rights. A signed-in `sub` the file does not list gets `NO_RIGHTS`: signed in, allowed nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

OFFICER, REVIEWER, ADMIN = "officer", "reviewer", "admin"
ROLES = (OFFICER, REVIEWER, ADMIN)
FORMAT_VERSION = 1
LAU2_CODE = re.compile(r"^\d{4}$")
USER_KEYS = {"role", "communes", "name"}

# What each role may open; pages check this themselves (ui.auth.require_role), the navigation only hides links.
SUBMIT, REVIEW, AUDIT = "submit", "review", "audit"
RIGHTS = {OFFICER: {SUBMIT}, REVIEWER: {REVIEW, AUDIT}, ADMIN: {REVIEW, AUDIT}}


class AccessFileError(ValueError):
    """The access file is malformed: `file`, the `key` path inside it, and `why`."""

    def __init__(self, file: Path | str, key: str, why: str) -> None:
        self.file, self.key, self.why = str(file), key, why
        super().__init__(f"{file}: {key}: {why}")


@dataclass(frozen=True)
class Access:
    """One signed-in person's rights: role (None for a user the file does not list) and communes (officers)."""

    sub: str
    role: str | None
    communes: tuple[str, ...] = ()
    name: str = ""

    def may(self, right: str) -> bool:
        return self.role is not None and right in RIGHTS[self.role]

    def represents(self, lau2: str) -> bool:
        return lau2 in self.communes


@dataclass(frozen=True)
class AccessTable:
    """Everyone the access file lists, by `sub`."""

    file: str
    users: dict[str, Access]

    def for_sub(self, sub: str) -> Access:
        """The rights of `sub`; a `sub` not in the file is signed in with no rights (role None)."""
        return self.users.get(sub) or Access(sub, None)


def _user(file: Path, sub: str, entry: object, known: set[str] | None) -> Access:
    where = f"users.{sub}"
    if not isinstance(entry, dict):
        raise AccessFileError(file, where, f"expected a mapping with role (and communes), found {entry!r}")
    unknown = sorted(set(entry) - USER_KEYS)
    if unknown:
        raise AccessFileError(file, f"{where}.{unknown[0]}", f"unknown key; expected one of {', '.join(sorted(USER_KEYS))}")
    role = entry.get("role")
    if role not in ROLES:
        raise AccessFileError(file, f"{where}.role", f"expected one of {', '.join(ROLES)}, found {role!r}")
    communes = entry.get("communes", [])
    if role == OFFICER and not communes:
        raise AccessFileError(file, f"{where}.communes", "an officer needs at least one commune (4-digit LAU2 code)")
    if role != OFFICER and communes:
        raise AccessFileError(file, f"{where}.communes", f"a {role} is not tied to communes; remove the list")
    if not isinstance(communes, list):
        raise AccessFileError(file, f"{where}.communes", f"expected a list of 4-digit LAU2 codes, found {communes!r}")
    for i, code in enumerate(communes):
        if not isinstance(code, str) or not LAU2_CODE.match(code):
            raise AccessFileError(
                file, f"{where}.communes[{i}]", f"expected a 4-digit LAU2 code in quotes (\"0304\"), found {code!r}"
            )
        if known is not None and code not in known:
            raise AccessFileError(file, f"{where}.communes[{i}]", f"{code} is not a current commune code")
    name = entry.get("name", "")
    if not isinstance(name, str):
        raise AccessFileError(file, f"{where}.name", f"expected text, found {name!r}")
    return Access(sub, role, tuple(communes), name)


def load_access(path: Path, known_communes: Iterable[str] | None = None) -> AccessTable:
    """Read and check the access file; raise `AccessFileError` (file, key, why) on the first problem."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise AccessFileError(path, "(file)", f"cannot be read ({exc.strerror or exc})") from exc
    except yaml.YAMLError as exc:
        raise AccessFileError(path, "(file)", f"is not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise AccessFileError(path, "(file)", "expected a mapping with `version` and `users`")
    if data.get("version") != FORMAT_VERSION:
        raise AccessFileError(path, "version", f"expected {FORMAT_VERSION}, found {data.get('version')!r}")
    extra = sorted(set(data) - {"version", "users"})
    if extra:
        raise AccessFileError(path, extra[0], "unknown key; expected version and users")
    users = data.get("users") or {}
    if not isinstance(users, dict):
        raise AccessFileError(path, "users", f"expected a mapping of sub -> role, found {users!r}")
    known = set(known_communes) if known_communes is not None else None
    table = {}
    for sub, entry in users.items():
        if not isinstance(sub, str) or not sub.strip():
            raise AccessFileError(path, f"users.{sub!r}", "a user key must be the provider's `sub` as text")
        table[sub] = _user(path, sub, entry, known)
    return AccessTable(str(path), table)
