"""Load rules files, validate them and report every problem with its line and column.

The files are written by agency officials, not programmers, so a problem is reported
where it is in the file ("per-2026.1.yaml:42:7 rules[3].when.has_visa") rather than
as a Python traceback, and all problems are reported at once so a file can be fixed in
one pass. PyYAML's node tree keeps the position of every key and value; pydantic's error
locations and the loader's own whole-file checks are mapped back onto it.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from concordia.rules.engine import RuleBook, Ruleset
from concordia.rules.schema import Finding, Loc, RulesFile, known_keys, whole_file_problems

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


@dataclass(frozen=True)
class RuleIssue:
    location: str  # "file.yaml:12:5 rules[3].when.nationality_in"
    message: str


class RulesError(Exception):
    """Raised by `load_rulebook` when any rules file is invalid."""

    def __init__(self, issues: Sequence[RuleIssue]) -> None:
        self.issues = list(issues)
        lines = [f"{issue.location}: {issue.message}" for issue in self.issues]
        super().__init__(f"{len(self.issues)} problem(s) in rules files:\n" + "\n".join(lines))


@dataclass(frozen=True)
class _Parsed:
    path: Path
    root: yaml.Node | None
    spec: RulesFile | None
    issues: list[RuleIssue]


def default_rules_dir() -> Path:
    """The directory of the rules files shipped with Concordia."""
    return Path(__file__).parent / "files"


def check_file(path: Path) -> list[RuleIssue]:
    """Every problem in one rules file with its location; [] when the file is valid."""
    return _parse(path).issues


def read_rules_file(path: Path) -> tuple[RulesFile | None, list[RuleIssue]]:
    """The validated file, or None with every problem found in it."""
    parsed = _parse(path)
    return parsed.spec, parsed.issues


def load_rulebook(directory: Path | None = None) -> RuleBook:
    """Load every *.yaml in `directory` (the shipped files by default) or raise RulesError."""
    folder = default_rules_dir() if directory is None else directory
    paths = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not paths:
        raise RulesError([RuleIssue(str(folder), "no *.yaml rules files found")])
    parsed = [_parse(path) for path in paths]
    issues = [issue for one in parsed for issue in one.issues]
    issues += _clashes(parsed)
    if issues:
        raise RulesError(issues)
    return RuleBook(Ruleset(one.spec, one.path) for one in parsed if one.spec is not None)


@functools.cache
def shipped_rulebook() -> RuleBook:
    """The shipped rules, loaded once per process (a RuleBook is immutable)."""
    return load_rulebook()


def _parse(path: Path) -> _Parsed:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return _Parsed(path, None, None, [RuleIssue(str(path), f"cannot read file: {exc}")])
    try:
        root, data = _compose(text)
    except yaml.MarkedYAMLError as exc:
        return _Parsed(path, None, None, [_syntax_issue(path, exc)])
    except (yaml.YAMLError, ValueError, TypeError) as exc:  # e.g. an explicit `!!int abc`
        return _Parsed(path, None, None, [RuleIssue(str(path), f"invalid YAML value: {exc}")])
    problems = list(_duplicate_keys(root))
    spec, schema_problems = _validate(data)
    problems += schema_problems
    problems += whole_file_problems(data)
    located = sorted(
        ((_position(root, loc, key), loc, message) for loc, message, key in problems),
        key=lambda item: item[0],
    )
    issues = [_issue(path, position, loc, message) for position, loc, message in located]
    return _Parsed(path, root, spec if not issues else None, issues)


class _Loader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text, so that pydantic parses them.

    An impossible date such as 2026-13-01 is then reported at its line like any other
    error instead of aborting the whole file.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _compose(text: str) -> tuple[yaml.Node | None, Any]:
    """Parse once, keeping both the node tree (positions) and the plain data."""
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()
    return root, data


def _syntax_issue(path: Path, exc: yaml.MarkedYAMLError) -> RuleIssue:
    mark = exc.problem_mark or exc.context_mark
    where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
    message = " ".join(part for part in (exc.context, exc.problem) if part)
    if exc.problem == "mapping values are not allowed here":
        message += " (a text containing ': '? put it in quotes or start it with '>-')"
    constructing = isinstance(exc, yaml.constructor.ConstructorError)  # e.g. an unknown !!tag
    return RuleIssue(where, f"{'YAML error' if constructing else 'YAML syntax error'}: {message}")


def _validate(data: Any) -> tuple[RulesFile | None, list[Finding]]:
    if data is None:
        return None, [((), "the file is empty", False)]
    try:
        return RulesFile.model_validate(data), []
    except ValidationError as exc:
        return None, [_schema_problem(error) for error in exc.errors()]


def _schema_problem(error: Any) -> Finding:
    loc: Loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        return loc, _unknown_key(str(loc[-1])), True
    if kind == "missing":
        return loc, f"missing required key '{loc[-1]}'", False
    if kind == "value_error":
        return loc, str(error["ctx"]["error"]), False
    got = repr(error["input"])
    got = got if len(got) <= 40 else got[:37] + "..."
    return loc, f"{error['msg']} (got {got})", bool(loc and loc[-1] == "[key]")


def _unknown_key(key: str) -> str:
    close = difflib.get_close_matches(key, sorted(known_keys()), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown key '{key}'{hint}"


def _duplicate_keys(node: yaml.Node | None, loc: Loc = ()) -> Iterator[Finding]:
    """PyYAML silently keeps the last of two equal keys; an official would not expect that."""
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = str(key.value)
            if name in seen:
                yield (*loc, name), f"duplicate key '{name}'", True
            seen.add(name)
            yield from _duplicate_keys(value, (*loc, name))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _duplicate_keys(item, (*loc, index))


Position = tuple[int, int]  # 1-based line and column; (0, 0) when unknown


def _position(root: yaml.Node | None, loc: Loc, key: bool) -> Position:
    node = _locate(root, loc, key)
    if node is None:
        return 0, 0
    return node.start_mark.line + 1, node.start_mark.column + 1


def _issue(path: Path, position: Position, loc: Loc, message: str) -> RuleIssue:
    where = f"{path}:{position[0]}:{position[1]}" if position != (0, 0) else str(path)
    dotted = format_loc(loc)
    return RuleIssue(f"{where} {dotted}" if dotted else where, message)


def _locate(root: yaml.Node | None, loc: Loc, want_key: bool) -> yaml.Node | None:
    """The deepest node along `loc`: the key node when asked, else the value node.

    Parts that are not in the tree (a missing key, pydantic's "[key]" marker) stop the
    walk, so a missing key is reported at the mapping that lacks it.
    """
    node = root
    parts = [part for part in loc if part != "[key]"]
    for index, part in enumerate(parts):
        found = _child(node, part)
        if found is None:
            break
        key_node, value_node = found
        last = index == len(parts) - 1
        node = key_node if last and (want_key or "[key]" in loc) else value_node
    return node


def _child(node: yaml.Node | None, part: str | int) -> tuple[yaml.Node, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in reversed(node.value):  # the last duplicate is the one that counts
            if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                return key, value
    in_range = isinstance(part, int) and 0 <= part < len(getattr(node, "value", ()))
    if isinstance(node, yaml.SequenceNode) and in_range:
        item: yaml.Node = node.value[part]
        return item, item
    return None


def format_loc(loc: Loc) -> str:
    """("rules", 3, "when", "nationality_in") -> "rules[3].when.nationality_in"."""
    text = ""
    for part in loc:
        if part == "[key]":
            continue
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _clashes(parsed: list[_Parsed]) -> list[RuleIssue]:
    """Two files for the same country must differ in version and in effective date."""
    issues: list[RuleIssue] = []
    seen: dict[tuple[str, str], Path] = {}
    for one in parsed:
        if one.spec is None:
            continue
        spec = one.spec
        for field, value in (("version", spec.version), ("effective_from", spec.effective_from)):
            other = seen.setdefault((spec.country, f"{field}={value}"), one.path)
            if other != one.path:
                message = f"{spec.country} already has {field} {value} in {other.name}"
                position = _position(one.root, (field,), False)
                issues.append(_issue(one.path, position, (field,), message))
    return issues


@dataclass(frozen=True)
class FileCheck:
    """One rules file as the administration page lists it: valid or with its problems."""

    path: Path
    country: str
    version: str
    effective_from: date | None
    rule_count: int
    issues: tuple[RuleIssue, ...]

    @property
    def valid(self) -> bool:
        return not self.issues


def check_directory(directory: Path | None = None) -> list[FileCheck]:
    """Every `*.yaml` in the rules directory, checked one by one (a bad file does not hide
    the others, unlike `load_rulebook`, which refuses the whole book)."""
    folder = directory or default_rules_dir()
    found = []
    for path in sorted(folder.glob("*.yaml")):
        spec, issues = read_rules_file(path)
        country, version = (spec.country, spec.version) if spec else ("", "")
        effective = spec.effective_from if spec else None
        count = len(spec.rules) if spec else 0
        found.append(FileCheck(path, country, version, effective, count, tuple(issues)))
    return found
