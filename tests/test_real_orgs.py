"""The three real organisations in ``shared/corpora/real-orgs`` import as they come, with at
most the flag their README row calls for, and every reporting line is the source's."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import orgdesign as od
from tests.test_import import CORPORA, needs_corpora

REAL = CORPORA / "real-orgs"
pytestmark = needs_corpora


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_gitlab_a_partial_export_imports_with_its_managers_as_context() -> None:
    path = REAL / "gitlab-2022" / "team.csv"
    with pytest.raises(od.LoadError) as caught:
        od.import_org([path])
    last = str(caught.value.problems[-1])
    assert "158 managers named on 451 rows have no row in this export" in last
    assert "--unknown-managers context" in last
    imported = od.import_sources([path], unknown_managers="context")
    org = imported.org
    source = rows(path)
    context = [p for p in org.people if p.context]
    assert len(source) == 1096
    assert len(context) == 158
    assert len(org.people) == 1096 + 158
    assert sum(p.vacant for p in org.people) == 23
    # Every line is the source's: a row's manager is the person (or context person) it names.
    for row in source:
        assert org.by_id[row["slug"]].reports_to == (row["reports_to"] or None), row["slug"]
    assert {p.id for p in context} <= {row["reports_to"] for row in source}
    assert any("added 158 managers who have no row" in note for note in imported.notes)
    # Context people are never a finding's subject.
    report = od.lint(org)
    assert not {f.subject for f in report.findings} & {p.id for p in context}


def test_sourcegraph_positions_resolve_to_their_holders() -> None:
    path = REAL / "sourcegraph-2022" / "positions.csv"
    imported = od.import_sources([path])
    org = imported.org
    source = rows(path)
    holder = {row["manager_role_slug"]: row["key"] for row in source if row["manager_role_slug"]}
    first_row: dict[str, dict[str, str]] = {}
    for row in source:
        first_row.setdefault(row["name"], row)
    assert len(source) == 278
    assert len(org.people) == 274  # four people hold two positions each
    # A second position's row is the same person as the first row with that name.
    person_of = {row["key"]: first_row[row["name"]]["key"] for row in source}
    for row in first_row.values():
        person = org.by_id[row["key"]]
        wanted = None if row["reports_to"] == "none" else person_of[holder[row["reports_to"]]]
        assert person.reports_to == wanted, row["key"]
    for row in source:
        if row is not first_row[row["name"]] and row["reports_to"] != "none":
            person = org.by_id[person_of[row["key"]]]
            manager = person_of[holder[row["reports_to"]]]
            if manager != person.id:  # a position under another of their own: no line
                assert manager == person.reports_to or manager in person.dotted_to, row["key"]
    marketing = next(p for p in org.people if p.title == "VP of Marketing")
    assert marketing.reports_to == next(p.id for p in org.people if p.reports_to is None)
    assert any("read 'reports_to' as naming positions" in note for note in imported.notes)
    assert any("4 people hold several positions" in note for note in imported.notes)


def test_adventureworks_imports_whole_and_production_is_not_product() -> None:
    path = REAL / "adventureworks" / "people.csv"
    imported = od.import_sources([path])
    org = imported.org
    source = rows(path)
    assert len(org.people) == len(source) == 290
    for row in source:
        assert org.by_id[row["EmployeeID"]].reports_to == (row["ManagerID"] or None)
    kinds = {team.name: team.kind for team in org.teams}
    assert kinds["Production"] is None
    assert kinds["Production Control"] is None
    assert kinds["Marketing"] == "marketing"
    assert not any(team.kind == "product" for team in org.teams)
    assert any("no name column" in note for note in imported.notes)
