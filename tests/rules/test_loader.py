"""Validation of rules files: every problem is reported, each at its line and column."""

from pathlib import Path

import pytest

from concordia.rules import RuleIssue, RulesError, check_file, default_rules_dir, load_rulebook

VALID = """\
country: PER
version: "2026.9"
effective_from: 2026-01-01
timezone: America/Lima
illustrative: true
title: Prueba
groups:
  can: [BOL, COL, ECU, PER]
measures:
  - id: emergencia
    text: Emergencia
    posts: [santa-rosa-chacalluta]
    from: 2026-01-01
    until: 2026-02-01
rules:
  - id: PER-ENT-010
    text: Permanencia
    applies_to: entry
    outcome: grant_stay
    stay_days: 183
  - id: PER-ENT-020
    text: CAN
    applies_to: entry
    when:
      nationality_in: ["@can"]
      document_kind_in: [id_card]
    outcome: clear
  - id: PER-MED-010
    text: Emergencia
    applies_to: both
    when:
      measure_active: emergencia
      documented: false
    outcome: refuse
"""


def write(tmp_path: Path, text: str, name: str = "per.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def changed(old: str, new: str) -> str:
    assert old in VALID, old
    return VALID.replace(old, new, 1)


def position(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """1-based line and column of the `occurrence`-th line containing `needle`."""
    hits = [
        (number, line.index(needle) + 1)
        for number, line in enumerate(text.splitlines(), 1)
        if needle in line
    ]
    return hits[occurrence - 1]


def only_issue(issues: list[RuleIssue]) -> RuleIssue:
    assert len(issues) == 1, issues
    return issues[0]


def assert_at(issue: RuleIssue, path: Path, where: tuple[int, int], dotted: str) -> None:
    suffix = f" {dotted}" if dotted else ""
    assert issue.location == f"{path}:{where[0]}:{where[1]}{suffix}"


def test_valid_file_has_no_issues(tmp_path: Path) -> None:
    assert check_file(write(tmp_path, VALID)) == []


@pytest.mark.parametrize("name", ["per-2026.1.yaml", "chl-2026.1.yaml", "bol-2026.1.yaml"])
def test_shipped_files_are_valid_and_illustrative(name: str) -> None:
    path = default_rules_dir() / name
    assert check_file(path) == []
    text = path.read_text(encoding="utf-8")
    assert "illustrative: true" in text
    assert "NOT LEGAL ADVICE" in text.split("\n\n")[0]


def test_unknown_key_is_reported_at_the_key_with_a_suggestion(tmp_path: Path) -> None:
    text = changed("      document_kind_in: [id_card]", "      documen_kind_in: [id_card]")
    path = write(tmp_path, text)
    issue = only_issue(check_file(path))
    assert_at(issue, path, position(text, "documen_kind_in"), "rules[1].when.documen_kind_in")
    assert issue.message == "unknown key 'documen_kind_in' (did you mean 'document_kind_in'?)"


@pytest.mark.parametrize(
    ("old", "new", "needle", "dotted", "expected"),
    [
        ("stay_days: 183", 'stay_days: "183"', '"183"', "rules[0].stay_days", "valid integer"),
        ("documented: false", "documented: nope", "nope", "rules[2].when.documented", "boolean"),
        ('version: "2026.9"', "version: 2026.9", "2026.9", "version", "valid string"),
        ("text: CAN", "text: [CAN]", "[CAN]", "rules[1].text", "valid string"),
    ],
)
def test_wrong_types_are_reported_at_the_value(
    tmp_path: Path, old: str, new: str, needle: str, dotted: str, expected: str
) -> None:
    text = changed(old, new)
    path = write(tmp_path, text)
    issue = only_issue(check_file(path))
    assert_at(issue, path, position(text, needle), dotted)
    assert expected in issue.message


def test_unknown_outcome(tmp_path: Path) -> None:
    text = changed("outcome: clear", "outcome: deny")
    path = write(tmp_path, text)
    issue = only_issue(check_file(path))
    assert_at(issue, path, position(text, "deny"), "rules[1].outcome")
    assert "'refuse'" in issue.message and "deny" in issue.message


def test_duplicate_rule_ids_are_reported_at_the_second(tmp_path: Path) -> None:
    text = changed("id: PER-MED-010", "id: PER-ENT-010")
    path = write(tmp_path, text)
    issue = only_issue(check_file(path))
    assert_at(issue, path, position(text, "PER-ENT-010", occurrence=2), "rules[2].id")
    assert issue.message == "duplicate id 'PER-ENT-010' (first in rules[0])"


def test_grant_stay_without_stay_days(tmp_path: Path) -> None:
    text = changed("    stay_days: 183\n", "")
    path = write(tmp_path, text)
    issue = only_issue(check_file(path))
    assert_at(issue, path, position(text, "grant_stay"), "rules[0].outcome")
    assert issue.message == "outcome grant_stay needs stay_days"


def test_stay_days_with_another_outcome(tmp_path: Path) -> None:
    text = changed("    outcome: clear\n", "    outcome: clear\n    stay_days: 30\n")
    path = write(tmp_path, text)
    issue = only_issue(check_file(path))
    assert_at(issue, path, position(text, "stay_days: 30"), "rules[1].stay_days")
    assert "only allowed with outcome grant_stay" in issue.message


def test_undefined_group_is_reported_at_the_list_item(tmp_path: Path) -> None:
    text = changed('nationality_in: ["@can"]', 'nationality_in: [VEN, "@andean"]')
    path = write(tmp_path, text)
    issue = only_issue(check_file(path))
    assert_at(issue, path, position(text, '"@andean"'), "rules[1].when.nationality_in[1]")
    assert issue.message == "undefined group '@andean' (defined: can)"


def test_undefined_measure(tmp_path: Path) -> None:
    text = changed("measure_active: emergencia", "measure_active: emergencia-tacna")
    path = write(tmp_path, text)
    issue = only_issue(check_file(path))
    assert_at(issue, path, position(text, "emergencia-tacna"), "rules[2].when.measure_active")
    assert "undefined measure 'emergencia-tacna'" in issue.message


@pytest.mark.parametrize(
    ("old", "new", "needle", "dotted"),
    [
        ('nationality_in: ["@can"]', "nationality_in: [VEN, ZZZ]", "ZZZ", "nationality_in[1]"),
        ('nationality_in: ["@can"]', "nationality_in: [per]", "per]", "nationality_in[0]"),
        ("can: [BOL, COL, ECU, PER]", "can: [BOL, BOX]", "BOX", "groups.can[1]"),
        ("country: PER", "country: PRU", "PRU", "country"),
    ],
)
def test_invalid_alpha3_codes(tmp_path: Path, old: str, new: str, needle: str, dotted: str) -> None:
    text = changed(old, new)
    path = write(tmp_path, text)
    issues = check_file(path)
    issue = next(i for i in issues if "alpha-3" in i.message)
    location = issue.location.split(" ")
    assert location[0] == f"{path}:{position(text, needle)[0]}:{position(text, needle)[1]}"
    assert location[1].endswith(dotted)


def test_stateless_code_is_accepted_in_conditions(tmp_path: Path) -> None:
    text = changed('nationality_in: ["@can"]', "nationality_in: [XXX]")
    assert check_file(write(tmp_path, text)) == []


def test_measure_until_before_from(tmp_path: Path) -> None:
    text = changed("until: 2026-02-01", "until: 2025-12-01")
    path = write(tmp_path, text)
    issue = only_issue(check_file(path))
    assert_at(issue, path, position(text, "2025-12-01"), "measures[0].until")
    assert issue.message == "until 2025-12-01 is before from 2026-01-01"


def test_missing_required_key_at_root_and_in_rule(tmp_path: Path) -> None:
    text = changed("country: PER\n", "").replace("    applies_to: both\n", "")
    path = write(tmp_path, text)
    first, second = check_file(path)
    assert_at(first, path, (1, 1), "country")
    assert first.message == "missing required key 'country'"
    assert_at(second, path, position(text, "id: PER-MED-010", 1), "rules[2].applies_to")
    assert second.message == "missing required key 'applies_to'"


def test_yaml_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    text = changed("text: CAN", "text: CAN: acuerdo andino")
    path = write(tmp_path, text)
    issue = only_issue(check_file(path))
    line, column = position(text, ": acuerdo")
    assert issue.location == f"{path}:{line}:{column}"
    assert issue.message.startswith("YAML syntax error: mapping values are not allowed here")
    assert "quotes" in issue.message


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    text = changed("    outcome: clear\n", "    outcome: clear\n    outcome: refuse\n")
    path = write(tmp_path, text)
    issue = only_issue(check_file(path))
    assert_at(issue, path, position(text, "outcome: refuse"), "rules[1].outcome")
    assert issue.message == "duplicate key 'outcome'"


def test_condition_without_value(tmp_path: Path) -> None:
    text = changed("documented: false", "documented:")
    path = write(tmp_path, text)
    issue = only_issue(check_file(path))
    assert_at(issue, path, position(text, "documented:"), "rules[2].when.documented")
    assert "has no value" in issue.message


def test_rule_id_must_start_with_the_country(tmp_path: Path) -> None:
    text = changed("id: PER-MED-010", "id: CHL-MED-010")
    path = write(tmp_path, text)
    assert "must start with 'PER-'" in only_issue(check_file(path)).message


def test_invalid_time_zone(tmp_path: Path) -> None:
    text = changed("timezone: America/Lima", "timezone: America/Tacna")
    path = write(tmp_path, text)
    issue = only_issue(check_file(path))
    assert_at(issue, path, position(text, "America/Tacna"), "timezone")


def test_empty_and_non_mapping_files(tmp_path: Path) -> None:
    empty = write(tmp_path, "# nothing yet\n", "empty.yaml")
    assert only_issue(check_file(empty)).message == "the file is empty"
    listing = write(tmp_path, "- PER\n", "list.yaml")
    assert "valid dictionary" in only_issue(check_file(listing)).message


def test_every_problem_is_reported_in_line_order(tmp_path: Path) -> None:
    text = (
        changed("country: PER", "country: PRU")
        .replace("stay_days: 183", "stay_days: -1")
        .replace("outcome: clear", "outcome: deny")
        .replace("      documented: false", "      documented: false\n      age: 3")
    )
    path = write(tmp_path, text)
    issues = check_file(path)
    paths = [issue.location.split(" ")[1] for issue in issues]
    assert paths == ["country", "rules[0].stay_days", "rules[1].outcome", "rules[2].when.age"]
    lines = [int(issue.location.split(" ")[0].rsplit(":", 2)[1]) for issue in issues]
    assert lines == sorted(lines)


def test_unreadable_file(tmp_path: Path) -> None:
    issue = only_issue(check_file(tmp_path / "missing.yaml"))
    assert issue.message.startswith("cannot read file")


def test_load_rulebook_raises_with_every_issue(tmp_path: Path) -> None:
    write(tmp_path, VALID, "per-2026.9.yaml")
    write(tmp_path, changed("outcome: clear", "outcome: deny"), "per-bad.yaml")
    with pytest.raises(RulesError) as info:
        load_rulebook(tmp_path)
    assert len(info.value.issues) >= 1
    assert any("per-bad.yaml" in issue.location for issue in info.value.issues)
    assert "per-bad.yaml" in str(info.value)


def test_two_files_may_not_share_a_version_or_effective_date(tmp_path: Path) -> None:
    write(tmp_path, VALID, "a.yaml")
    write(tmp_path, VALID.replace("effective_from: 2026-01-01", "effective_from: 2026-06-01"))
    with pytest.raises(RulesError) as info:
        load_rulebook(tmp_path)
    issue = only_issue(info.value.issues)
    assert issue.location.endswith("per.yaml:2:10 version")
    assert issue.message == "PER already has version 2026.9 in a.yaml"


def test_directory_without_rules_files(tmp_path: Path) -> None:
    with pytest.raises(RulesError, match=r"no \*\.yaml rules files"):
        load_rulebook(tmp_path)


def test_impossible_date_is_reported_with_the_other_errors(tmp_path: Path) -> None:
    text = changed("effective_from: 2026-01-01", "effective_from: 2026-13-01")
    text = text.replace("outcome: clear", "outcome: deny")
    path = write(tmp_path, text)
    first, second = check_file(path)
    assert_at(first, path, position(text, "2026-13-01"), "effective_from")
    assert "month" in first.message
    assert second.location.endswith("rules[1].outcome")


def test_invalid_group_name_is_reported_at_the_key(tmp_path: Path) -> None:
    text = changed("  can: [BOL, COL, ECU, PER]", "  Andina: [BOL]\n  can: [PER]")
    path = write(tmp_path, text)
    issue = only_issue(check_file(path))
    assert_at(issue, path, position(text, "Andina"), "groups.Andina")


def test_measure_forms(tmp_path: Path) -> None:
    all_posts = changed("posts: [santa-rosa-chacalluta]", 'posts: "*"')
    assert check_file(write(tmp_path, all_posts)) == []
    declared_only = changed("    from: 2026-01-01\n    until: 2026-02-01\n", "")
    assert check_file(write(tmp_path, declared_only)) == []
    until_alone = changed("    from: 2026-01-01\n", "")
    path = write(tmp_path, until_alone)
    issue = only_issue(check_file(path))
    assert_at(issue, path, position(until_alone, "2026-02-01"), "measures[0].until")
    assert issue.message.startswith("until needs from")
