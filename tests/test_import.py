"""orgdesign import: people tables from HR exports, in every header spelling and encoding
they come in, with errors at the source's own row and column."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings

import orgdesign as od
from orgdesign.cli import main
from orgdesign.importers import imported_yaml
from orgdesign.strategies import orgs
from tests.tools import ROOT, cli_runner

ROLES = ("decision", "execution", "input", "review")

CORPORA = ROOT.parent / "shared" / "corpora"
CHINOOK = CORPORA / "chinook" / "employees.csv"
#: The shared corpora sit beside the repository in CI; elsewhere their tests are skipped.
needs_corpora = pytest.mark.skipif(
    not CORPORA.is_dir() and not os.environ.get("CI"), reason="shared/ corpora not beside the repo"
)


def source(text: str | bytes, name: str = "hr.csv") -> io.BytesIO:
    data = text.encode("utf-8") if isinstance(text, str) else text
    handle = io.BytesIO(data)
    handle.name = name
    return handle


def people(text: str | bytes, name: str = "hr.csv", **options: Any) -> list[tuple[Any, ...]]:
    org = od.import_org([source(text, name)], **options)
    return [(p.id, p.name, p.title, p.reports_to) for p in org.people]


def problems(text: str | bytes, name: str = "hr.csv", **options: Any) -> list[str]:
    with pytest.raises(od.LoadError) as caught:
        od.import_org([source(text, name)], **options)
    return [str(problem) for problem in caught.value.problems]


BASIC = [
    ("1", "Dana Reyes", "CMO", None),
    ("2", "Tom Okafor", "Head of Demand Gen", "1"),
]


class TestHeaders:
    @pytest.mark.parametrize(
        "header",
        [
            "Employee ID,Full Name,Job Title,Manager ID",
            "employee_id,full_name,job_title,manager_id",
            "EmployeeId,Name,Title,ReportsTo",
            "Person ID,Employee Name,Position,Supervisor ID",
            "Employee Number,Preferred Name,Business Title,Reports To",
            "Employee #,Legal Name,Title,Line Manager",
            "Worker ID,Name,Job Title,Manager",
            "ID,NAME,TITLE,MANAGER ID",
        ],
    )
    def test_the_usual_spellings(self, header: str) -> None:
        text = f"{header}\n1,Dana Reyes,CMO,\n2,Tom Okafor,Head of Demand Gen,1\n"
        assert people(text) == BASIC

    def test_first_and_last_name_columns_are_joined(self) -> None:
        text = "EmployeeId,LastName,FirstName,Title,ReportsTo\n1,Reyes,Dana,CMO,\n"
        assert people(text) == [("1", "Dana Reyes", "CMO", None)]

    def test_map_names_a_column_the_matching_misses(self) -> None:
        text = "Staff Code,Who,Boss\nA1,Dana,\nA2,Tom,A1\n"
        found = people(text, mapping={"id": "Staff Code", "name": "Who", "reports_to": "Boss"})
        assert found == [("A1", "Dana", None, None), ("A2", "Tom", None, "A1")]

    def test_a_map_to_a_missing_column_suggests_one(self) -> None:
        assert problems("Id,Name,Boss ID\n1,Dana,\n", mapping={"reports_to": "Bos ID"}) == [
            "hr.csv:1:1: --map reports_to=Bos ID: the table has no column 'Bos ID'; did you "
            "mean 'Boss ID'?"
        ]

    def test_unused_columns_are_reported_not_refused(self) -> None:
        imported = od.import_sources([source("ID,Name,Shoe Size\n1,Dana,38\n")])
        assert "left out the columns 'Shoe Size'" in " ".join(imported.notes)


class TestManagers:
    def test_by_email(self) -> None:
        text = (
            "Work Email,Name,Manager Email\ndana@acme.com,Dana,\ntom@acme.com,Tom,DANA@acme.com\n"
        )
        assert [p[3] for p in people(text)] == [None, "dana@acme.com"]

    def test_by_full_name(self) -> None:
        text = "Employee ID,Name,Manager\nE1,Dana Reyes,\nE2,Tom Okafor,dana  reyes\n"
        assert [p[3] for p in people(text)] == [None, "E1"]

    def test_own_id_as_manager_makes_a_root(self) -> None:
        assert people("ID,Name,Manager ID\n1,Dana,1\n") == [("1", "Dana", None, None)]

    def test_unknown_manager_with_a_suggestion(self) -> None:
        text = "Employee ID,Name,Manager ID\nE-1001,Dana,\nE-1002,Tom,E-1010\n"
        assert problems(text) == [
            "hr.csv:3:3: manager 'E-1010' matches no one's id, email or name; did you mean "
            "'E-1001' (Dana)?",
            "hr.csv:1:3: 1 manager named on 1 row has no row in this export: if the export is "
            "a part of the organisation, pass --unknown-managers context to add them as "
            "people outside it, or --unknown-managers root to leave those lines out",
        ]

    def test_an_ambiguous_full_name(self) -> None:
        text = "ID,Name,Manager\n1,Ana Lima,\n2,Ana Lima,\n3,Tom,Ana Lima\n"
        assert problems(text) == [
            "hr.csv:4:3: manager 'Ana Lima' is ambiguous: 2 people have that name (1, 2); give "
            "the manager's id or email instead"
        ]

    def test_dotted_lines_split_on_semicolons(self) -> None:
        text = "ID,Name,Manager ID,Matrix Manager\n1,Dana,,\n2,Raj,,\n3,Tom,1,1; 2\n"
        org = od.import_org([source(text)])
        assert org.people[2].dotted_to == ("1", "2")

    def test_a_reporting_cycle_is_imported_and_left_to_lint(self) -> None:
        org = od.import_org([source("ID,Name,Manager ID\n1,A,2\n2,B,1\n")])
        assert [f.code for f in od.lint(org, select=["reporting-cycle"])] == ["OD601"]


class TestRows:
    def test_ids_become_valid_unique_and_stable(self) -> None:
        text = "Name,Title\nAna Lima,CMO\nAna Lima,Writer\nJosé Núñez,PMM\n"
        ids = [p[0] for p in people(text, allow_flat=True)]
        assert ids == ["ana-lima", "ana-lima-2", "jose-nunez"]

    def test_emails_and_hr_numbers_stay_as_ids(self) -> None:
        text = "Email,Name\nana@acme.com,Ana\n"
        assert people(text)[0][0] == "ana@acme.com"

    def test_the_same_id_on_two_rows_is_one_person_in_two_positions(self) -> None:
        text = "ID,Name,Title,Manager ID\n1,Ana,CEO,\n2,Bo,CPO,1\n7,Cy,PMM Director,1\n7,Cy,PMM,2\n"
        imported = od.import_sources([source(text)])
        cy = imported.org.people[2]
        assert (cy.id, cy.title, cy.reports_to, cy.dotted_to) == ("7", "PMM Director", "1", ("2",))
        assert len(imported.org.people) == 3
        assert (
            "hr.csv: 1 person holds several positions ('Cy'): the first row's manager is the "
            "solid line, the others' are dotted lines" in imported.notes
        )

    def test_open_roles_fte_and_employment(self) -> None:
        text = (
            "ID,Name,Title,Status,FTE,Employment Type\n"
            "1,Dana,CMO,Active,1,Full-time\n"
            ",,Demand Gen Manager,TBH,,\n"
            "3,Kim,Writer,Active,60%,Part time\n"
            '4,Lee,Designer,active,"0,5",Contract\n'
        )
        org = od.import_org([source(text)], allow_flat=True)
        hire, writer, designer = org.people[1:]
        assert (hire.id, hire.vacant, hire.title) == (
            "demand-gen-manager",
            True,
            "Demand Gen Manager",
        )
        assert (writer.capacity, writer.employment) == (0.6, "part-time")
        assert (designer.capacity, designer.employment) == (0.5, "contractor")

    def test_a_value_the_format_refuses_is_reported_at_its_cell(self) -> None:
        assert problems("ID,Name,FTE\n1,Dana,lots\n") == [
            "hr.csv:2:3: capacity must be a number, got 'lots'"
        ]

    def test_departments_become_teams_with_a_lead_and_a_kind(self) -> None:
        text = (
            "ID,Name,Manager ID,Department\n"
            "1,Dana,,Marketing\n2,Tom,1,Marketing\n3,Kim,2,Marketing\n4,Raj,,Sales Ops\n"
        )
        org = od.import_org([source(text)])
        marketing, sales = org.teams
        assert (marketing.id, marketing.name, marketing.lead, marketing.kind) == (
            "marketing",
            "Marketing",
            "1",
            "marketing",
        )
        assert (sales.id, sales.kind, sales.lead) == ("sales-ops", "sales", "4")
        assert org.people[1].team == "marketing"

    def test_a_department_named_like_a_person_gets_its_own_id(self) -> None:
        org = od.import_org([source("ID,Name,Team\nbrand,Bea,Brand\n")])
        assert (org.teams[0].id, org.people[0].team) == ("brand-team", "brand-team")

    def test_no_id_and_no_name_column(self) -> None:
        assert problems("Title,Manager\nCMO,\n") == [
            "hr.csv:1:1: no id or name column: name one with a header such as Employee ID, "
            "Email or Full Name, or map it (--map id=COLUMN)"
        ]

    def test_an_empty_file(self) -> None:
        assert problems(b"") == ["hr.csv: the file is empty: export the table with its header row"]
        assert problems(b"\r\n\r\n") == [
            "hr.csv: the file is empty: export the table with its header row"
        ]

    def test_a_header_with_no_rows(self) -> None:
        assert problems("\nID,Name\n") == [
            "hr.csv:2:1: the table has a header row and nobody under it"
        ]

    def test_a_control_character_in_a_cell(self) -> None:
        assert problems("ID,Name\n1,Da\x1bna\n") == [
            "hr.csv:2:2: control character U+001B is not allowed"
        ]

    def test_locations_point_at_the_source_rows(self) -> None:
        org = od.import_org([source("\n".join(["ID,Name,Manager ID", "1,Dana,", "2,Tom,1"]))])
        assert [str(p.location) for p in org.people] == ["hr.csv:2:1", "hr.csv:3:1"]


TABLE = (
    "Employee ID,Full Name,Job Title,Manager ID\n"
    "1,Dana Reyes,CMO,\n2,Tom Okafor,Head of Demand Gen,1\n"
)


class TestEncodings:
    @pytest.mark.parametrize(
        ("data", "name"),
        [
            (TABLE.encode("utf-8"), "hr.csv"),
            (b"\xef\xbb\xbf" + TABLE.encode("utf-8"), "hr.csv"),
            (TABLE.replace("\n", "\r\n").encode("utf-8"), "hr.csv"),
            (TABLE.replace(",", ";").encode("utf-8"), "hr.csv"),
            (TABLE.replace(",", "\t").encode("utf-16"), "hr.txt"),  # Excel "Unicode text"
            (TABLE.replace(",", "\t").encode("utf-16-le"), "hr.tsv"),
            (TABLE.replace(",", "|").encode("utf-8"), "hr.csv"),
        ],
        ids=["utf-8", "bom", "crlf", "semicolons", "utf-16", "utf-16-no-bom", "pipes"],
    )
    def test_exports_read_the_same(self, data: bytes, name: str) -> None:
        assert people(data, name) == BASIC

    def test_windows_1252_is_assumed_and_said(self) -> None:
        data = "ID,Name\n1,José Núñez\n".encode("cp1252")
        imported = od.import_sources([source(data)])
        assert imported.org.people[0].name == "José Núñez"
        assert any("read as Windows-1252, since byte 0xe9 on line 2" in n for n in imported.notes)

    @pytest.mark.parametrize(
        ("text", "encoding", "said"),
        [
            (
                "社員番号,氏名,役職,上長\n1,山田 太郎,CMO,\n2,佐藤 花子,コンテンツ,1\n",
                "shift_jis",
                "Shift-JIS (cp932)",
            ),
            ("员工编号,姓名,职位,经理\n1,王伟,市场总监,\n2,李娜,设计,1\n", "gbk", "GB18030 (GBK)"),
            # Three short names under English headers: too little for the detector alone,
            # which first reads them as Korean mixed with Chinese.
            ("ID,Name,Manager ID\n1,王伟,\n2,李娜,1\n3,张敏,1\n", "gbk", "GB18030 (GBK)"),
            ("ID,Name,Manager ID\n1,Иван Петров,\n2,Анна Смирнова,1\n", "cp1251", "Windows-1251"),
        ],
        ids=["shift-jis", "gbk", "gbk-short", "windows-1251"],
    )
    def test_other_encodings_are_detected_and_said(
        self, text: str, encoding: str, said: str
    ) -> None:
        imported = od.import_sources([source(text.encode(encoding))])
        names = [p.name for p in imported.org.people]
        assert names == [line.split(",")[1] for line in text.splitlines()[1:]]
        assert imported.org.people[1].reports_to == "1"
        assert any(f"read as {said}, detected from its bytes" in n for n in imported.notes)

    def test_headers_in_another_script_stay_apart(self) -> None:
        # Folded to nothing, every such header was once the same key: --map took the first.
        text = "社員番号,氏名,上長,部署\n1,山田,,営業\n2,佐藤,1,営業\n3,鈴木,1,広報\n"
        org = od.import_org([source(text)], mapping={"team": "部署"})
        assert [(p.id, p.name, p.reports_to, p.team) for p in org.people] == [
            ("1", "山田", None, "team-1"),
            ("2", "佐藤", "1", "team-1"),
            ("3", "鈴木", "1", "team-2"),  # a department of its own, though no id is made of it
        ]
        assert [team.name for team in org.teams] == ["営業", "広報"]

    def test_quoted_cells_with_delimiters_and_line_breaks(self) -> None:
        text = 'ID,Name,Title\n1,"Reyes, Dana","CMO"\n2,Tom,"Head of\nDemand"\n3,Kim,Writer\n'
        org = od.import_org([source(text)], allow_flat=True)
        assert org.people[0].name == "Reyes, Dana"
        assert str(org.people[2].location) == "hr.csv:5:1"  # after a two-line row


@needs_corpora
def test_the_chinook_employees_import_whole() -> None:
    org = od.import_org([CHINOOK])
    assert len(org.people) == 8
    assert [p.id for p in org.people if p.reports_to is None] == ["1"]
    assert org.people[1].name == "Nancy Edwards"


@needs_corpora
def test_reimporting_gives_the_same_bytes() -> None:
    first = imported_yaml(od.import_sources([CHINOOK]), ["orgdesign", "import", "x.csv"])
    again = imported_yaml(od.import_sources([CHINOOK]), ["orgdesign", "import", "x.csv"])
    assert first == again
    assert od.loads(first) == od.loads(again)


class TestCommand:
    def test_writes_a_file_that_lints(self, tmp_path: Path) -> None:
        src = tmp_path / "people.csv"
        src.write_text(TABLE, encoding="utf-8")
        out = tmp_path / "acme.org.yaml"
        result = CliRunner().invoke(main, ["import", str(src), "-o", str(out), "--name", "Acme"])
        assert result.exit_code == 0, result.output
        assert result.output.startswith(
            f"wrote {out}: 2 people (0 open roles), 0 teams, 0 functions\n"
        )
        text = out.read_text(encoding="utf-8")
        assert text.startswith(f"# Imported by orgdesign from {src} (people table).\n")
        org = od.load(str(out))
        assert (org.name, [p.id for p in org.people]) == ("Acme", ["1", "2"])
        assert CliRunner().invoke(main, ["lint", str(out)]).exit_code in (0, 1)

    def test_keeps_an_existing_file_unless_forced(self, tmp_path: Path) -> None:
        src = tmp_path / "people.csv"
        src.write_text(TABLE, encoding="utf-8")
        out = tmp_path / "org.yaml"
        out.write_text("keep me", encoding="utf-8")
        result = cli_runner().invoke(main, ["import", str(src), "-o", str(out)])
        assert result.exit_code == 2
        assert result.stderr == f"orgdesign: {out} already exists; pass --force to overwrite it\n"
        assert out.read_text(encoding="utf-8") == "keep me"
        forced = CliRunner().invoke(main, ["import", str(src), "-o", str(out), "--force"])
        assert forced.exit_code == 0

    def test_refuses_to_overwrite_a_source(self, tmp_path: Path) -> None:
        src = tmp_path / "people.csv"
        src.write_text(TABLE, encoding="utf-8")
        result = cli_runner().invoke(main, ["import", str(src), "-o", str(src), "--force"])
        assert result.exit_code == 2
        assert "is one of the inputs" in result.stderr
        assert src.read_text(encoding="utf-8") == TABLE

    def test_standard_output(self, tmp_path: Path) -> None:
        src = tmp_path / "people.csv"
        src.write_text(TABLE, encoding="utf-8")
        result = cli_runner().invoke(main, ["import", str(src), "-o", "-"])
        assert result.exit_code == 0
        assert od.loads(result.stdout).people[1].reports_to == "1"
        assert result.stderr.startswith("note: ")

    def test_errors_are_located_and_nothing_is_written(self, tmp_path: Path) -> None:
        src = tmp_path / "people.csv"
        src.write_text("ID,Name,Manager ID\n1,Dana,\n2,Tom,9\n3,,1\n", encoding="utf-8")
        out = tmp_path / "org.yaml"
        result = cli_runner().invoke(main, ["import", str(src), "-o", str(out)])
        assert result.exit_code == 2
        assert result.stderr.splitlines() == [
            f"{src}:3:3: manager '9' matches no one's id, email or name",
            f"{src}:4:2: no name for 3: fill in the name, or give the row a status of Open if "
            "it is an open role",
            f"{src}:1:3: 1 manager named on 1 row has no row in this export: if the export is "
            "a part of the organisation, pass --unknown-managers context to add them as "
            "people outside it, or --unknown-managers root to leave those lines out",
        ]
        assert not out.exists()

    def test_a_bad_map_is_a_usage_error(self, tmp_path: Path) -> None:
        src = tmp_path / "people.csv"
        src.write_text(TABLE, encoding="utf-8")
        result = cli_runner().invoke(main, ["import", str(src), "--map", "boss"])
        assert result.exit_code == 2
        assert "write it as FIELD=COLUMN" in result.stderr


PEOPLE = (
    "Employee ID,Full Name,Job Title,Manager ID,Work Email\n"
    "cmo,Dana Reyes,CMO,,dana@acme.com\n"
    "ops,Kenji Watanabe,Marketing Ops Manager,cmo,kenji@acme.com\n"
    "pmm,Grace Liu,Product Marketing Manager,cmo,grace@acme.com\n"
)


def imported(*tables: tuple[str, str], **options: Any) -> od.Org:
    return od.import_org([source(text, name) for name, text in tables], **options)


class TestOwnership:
    def test_marks_become_owners_and_names_become_kinds(self) -> None:
        matrix = (
            "Function,Dana Reyes,kenji@acme.com,pmm\n"
            "Marketing Ops,D,E,I\n"
            'Product Marketing,"D, R",,E\n'
            "Podcasts,D/E,,\n"
        )
        org = imported(("people.csv", PEOPLE), ("raci.csv", matrix))
        mops, product, podcasts = org.functions
        assert (mops.id, mops.name, mops.kind) == (
            "marketing-ops",
            "Marketing Ops",
            "marketing-ops",
        )
        assert (mops.owners.decision, mops.owners.execution, mops.owners.input) == (
            ("cmo",),
            ("ops",),
            ("pmm",),
        )
        assert (product.kind, product.owners.review) == ("product-marketing", ("cmo",))
        assert (podcasts.kind, podcasts.owners.execution) == (None, ("cmo",))
        assert str(mops.location) == "raci.csv:2:1"

    def test_raci_maps_accountable_to_decision_and_reports_informed(self) -> None:
        matrix = "Function,cmo,ops,pmm\nMarketing Ops,A,R,I\nBrand,AR,C,\n"
        result = od.import_sources(
            [source(PEOPLE, "people.csv"), source(matrix, "raci.csv")], raci=True
        )
        mops, brand = result.org.functions
        assert (mops.owners.decision, mops.owners.execution, mops.owners.input) == (
            ("cmo",),
            ("ops",),
            (),
        )
        assert (brand.owners.decision, brand.owners.execution, brand.owners.input) == (
            ("cmo",),
            ("cmo",),
            ("ops",),
        )
        assert "raci.csv: left out 1 I (informed) marks" in " ".join(result.notes)

    def test_a_cell_that_is_not_a_mark(self) -> None:
        with pytest.raises(od.LoadError) as caught:
            imported(("people.csv", PEOPLE), ("m.csv", "Function,cmo,ops\nBrand,D,X\n"))
        assert [str(p) for p in caught.value.problems] == [
            "m.csv:2:3: cell 'X' is not D, E, I or R"
        ]
        with pytest.raises(od.LoadError) as caught:
            imported(("people.csv", PEOPLE), ("m.csv", "Function,cmo\nBrand,D\n"), raci=True)
        assert [str(p) for p in caught.value.problems] == [
            "m.csv:2:2: cell 'D' is not R, A, C or I"
        ]

    def test_a_column_who_is_not_among_the_people(self) -> None:
        with pytest.raises(od.LoadError) as caught:
            imported(("people.csv", PEOPLE), ("m.csv", "Function,cmo,Zoe\nBrand,D,E\n"))
        assert [str(p) for p in caught.value.problems] == [
            "m.csv:1:3: column 'Zoe' is no one among the people (by id, email, name or a title "
            "one person holds); add "
            "them to the people table, or fix the header"
        ]

    def test_a_matrix_with_no_rows_states_there_are_no_functions(self) -> None:
        org = imported(("people.csv", PEOPLE), ("m.csv", "Function,cmo\n"))
        assert org.functions == ()
        assert org.has_section("functions")

    def test_a_matrix_alone_takes_its_columns_as_people(self) -> None:
        org = imported(("m.csv", "Function,Dana Reyes,ops\nBrand,D,E\n"))
        assert [(p.id, p.name) for p in org.people] == [("dana-reyes", "Dana Reyes"), ("ops", None)]
        assert org.functions[0].owners.decision == ("dana-reyes",)

    def test_import_matrix_import_round_trips_byte_for_byte(self, tmp_path: Path) -> None:
        from orgdesign.render.matrix import ownership_csv

        matrix = (
            "Function,Name,Kind,cmo,ops,pmm\n"
            "mops,Marketing Operations,marketing-ops,D,E,I\n"
            "product-marketing,Product Marketing,product-marketing,DR,,E\n"
        )
        org = imported(("people.csv", PEOPLE), ("m.csv", matrix))
        assert ownership_csv(org) == matrix
        people_csv = tmp_path / "people.csv"
        people_csv.write_text(PEOPLE, encoding="utf-8")
        sheet = tmp_path / "m.csv"
        sheet.write_text(matrix, encoding="utf-8")
        out = tmp_path / "org.yaml"
        assert (
            CliRunner()
            .invoke(main, ["import", str(people_csv), str(sheet), "-o", str(out)])
            .exit_code
            == 0
        )
        exported = CliRunner().invoke(main, ["matrix", str(out), "--format", "csv"])
        assert exported.output == matrix


def _people_csv(org: od.Org) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Employee ID", "Full Name", "Job Title", "Manager ID", "Status", "FTE"])
    for p in org.people:
        writer.writerow(
            [
                p.id,
                p.name or "",
                p.title or "",
                p.reports_to or "",
                "Open" if p.vacant else "Active",
                repr(p.capacity),
            ]
        )
    return out.getvalue().encode("utf-8")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(orgs(max_people=25))
def test_any_generated_org_exported_as_a_people_table_imports_back(org: od.Org) -> None:
    back = od.import_org([source(_people_csv(org))])

    def essence(o: od.Org) -> list[tuple[Any, ...]]:
        return [(p.id, p.name, p.title, p.reports_to, p.vacant, p.capacity) for p in o.people]

    assert essence(back) == essence(org)


def _ownership_csv(org: od.Org) -> bytes:
    from orgdesign.render.matrix import ownership_csv

    return ownership_csv(org).encode("utf-8")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(orgs(max_people=25))
def test_any_generated_org_with_its_ownership_matrix_imports_back(org: od.Org) -> None:
    people_ids = {p.id for p in org.people}
    # A people table holds people: owners that are teams or partners cannot travel in it.
    assume(
        all(owner in people_ids for function in org.functions for _role, owner in function.owners)
    )
    back = od.import_org([source(_people_csv(org)), source(_ownership_csv(org), "own.csv")])
    assert [(p.id, p.reports_to) for p in back.people] == [(p.id, p.reports_to) for p in org.people]

    def owners(o: od.Org) -> list[tuple[Any, ...]]:
        return [
            # A matrix has one column per owner, in the people's order: the order within a
            # role is not something it can carry, the owners are.
            (f.id, f.kind, *(frozenset(getattr(f.owners, r)) for r in ROLES))
            for f in o.functions
        ]

    assert owners(back) == owners(org)


ACME = sorted((CORPORA / "backstage-acme").glob("*.yaml"))


class TestBackstage:
    @needs_corpora
    def test_the_acme_catalog_imports_whole(self) -> None:
        result = od.import_sources(ACME)
        org = result.org
        assert (len(org.people), len(org.teams)) == (17, 9)
        assert set(result.kinds) == {"backstage"}
        teams = {team.id: team for team in org.teams}
        assert teams["team-a"].parent == "backstage"
        assert teams["team-e"].parent == "boxoffice"  # named by team-e, not by boxoffice
        people = {person.id: person for person in org.people}
        assert (people["janelle.dawe"].name, people["janelle.dawe"].team) == (
            "Janelle Dawe",
            "team-a",
        )
        assert {"development.guest", "guest"} <= set(people)  # two namespaces
        assert all(person.reports_to is None for person in org.people)
        notes = " ".join(result.notes)
        assert "no reporting lines" in notes
        assert "left out entities of other kinds (1 Location)" in notes
        assert str(people["janelle.dawe"].location).endswith("team-a-group.yaml:26:1")
        assert od.lint(org).exit_code("error") == 0

    def test_a_user_without_a_name_is_located(self) -> None:
        text = "apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: {}\nspec: {}\n"
        assert problems(text, "users.yaml") == ["users.yaml:1:1: a User with no metadata.name"]

    def test_invalid_yaml_is_located(self) -> None:
        text = "apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: [a\n"
        assert problems(text, "users.yaml")[0].startswith("users.yaml:4:1: invalid YAML: ")

    def test_a_member_of_an_unknown_group_is_the_loader_s_error(self) -> None:
        text = (
            "apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: {name: ana}\n"
            "spec: {memberOf: [group:default/growht]}\n---\n"
            "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: growth}\n"
        )
        assert problems(text, "cat.yaml") == [
            "cat.yaml:4:19: unknown reference in team: no team 'growht'; did you mean 'growth'?"
        ]


def test_special_files_are_refused_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "people.csv"
    os.mkfifo(fifo)  # with no writer, opening it would block for ever
    with pytest.raises(od.LoadError) as caught:
        od.import_org([fifo])
    assert [str(p) for p in caught.value.problems] == [
        f"{fifo}: not a regular file; to read a stream, pass - and pipe it to standard input"
    ]
    with pytest.raises(od.LoadError) as caught:
        od.import_org([tmp_path / "missing.csv"])
    assert str(caught.value.problems[0]).endswith("cannot read the file: No such file or directory")


def test_every_header_the_docs_promise_is_matched() -> None:
    from orgdesign.importers._tables import normal_header
    from orgdesign.importers.people import ALIASES

    page = (ROOT / "docs" / "import.md").read_text(encoding="utf-8")
    table = page.split("| field | headers |\n|---|---|\n", 1)[1].split("\n\n", 1)[0]
    checked = 0
    for row in table.splitlines():
        field, headers = (part.strip() for part in row.strip("|").split("|"))
        if field in ("vacant", "capacity", "employment"):
            continue  # described by their values, checked in TestRows
        listed = headers.split(" (")[0].replace(", or ", ", ")
        for header in listed.split(", "):
            if "+" in header:  # First Name + Last Name
                assert all(normal_header(h) in ALIASES[f] for h, f in (
                    ("First Name", "first_name"), ("Last Name", "last_name")))  # fmt: skip
                continue
            assert normal_header(header) in ALIASES[field], (field, header)
            checked += 1
    assert checked >= 30


def _workbook(sheets: dict[str, list[list[Any]]]) -> bytes:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


class TestWorkbooks:
    PEOPLE_ROWS: ClassVar[list[list[Any]]] = [
        ["Employee ID", "Full Name", "Job Title", "Manager ID", "FTE"],
        [1001, "Dana Reyes", "CMO", None, 1],
        [1002, "Tom Okafor", "Head of Demand Gen", 1001, 0.8],
    ]

    def test_a_sheet_reads_like_a_csv_with_its_rows_and_columns(self) -> None:
        data = _workbook({"Notes": [["read me"]], "People": self.PEOPLE_ROWS})
        org = od.import_org([source(data, "hr.xlsx")], sheet="People")
        assert [(p.id, p.reports_to, p.capacity) for p in org.people] == [
            ("1001", None, 1.0),
            ("1002", "1001", 0.8),
        ]
        assert str(org.people[1].location) == "hr.xlsx:3:1"

    def test_a_missing_sheet_suggests_one(self) -> None:
        data = _workbook({"People": self.PEOPLE_ROWS})
        assert problems(data, "hr.xlsx", sheet="Peple") == [
            "hr.xlsx: no sheet 'Peple'; did you mean 'People'? (sheets: People)"
        ]

    def test_a_bad_cell_points_at_its_row_and_column(self) -> None:
        rows = [*self.PEOPLE_ROWS, [1003, "Kim", "Writer", 1009, 1]]
        assert problems(_workbook({"People": rows}), "hr.xlsx") == [
            # 1002 is not offered: among four-digit numbers, one digit apart is not close.
            "hr.xlsx:4:4: manager '1009' matches no one's id, email or name",
            "hr.xlsx:1:4: 1 manager named on 1 row has no row in this export: if the export is "
            "a part of the organisation, pass --unknown-managers context to add them as "
            "people outside it, or --unknown-managers root to leave those lines out",
        ]

    def test_matrix_xlsx_round_trips_byte_for_byte(self, tmp_path: Path) -> None:
        pytest.importorskip("openpyxl")
        people_csv = tmp_path / "people.csv"
        people_csv.write_text(PEOPLE, encoding="utf-8")
        sheet = tmp_path / "m.csv"
        sheet.write_text("Function,cmo,ops\nMarketing Ops,D,E\n", encoding="utf-8")
        org_file = tmp_path / "org.yaml"
        assert (
            CliRunner()
            .invoke(main, ["import", str(people_csv), str(sheet), "-o", str(org_file)])
            .exit_code
            == 0
        )
        first = tmp_path / "first.xlsx"
        assert (
            CliRunner()
            .invoke(main, ["matrix", str(org_file), "--format", "xlsx", "-o", str(first)])
            .exit_code
            == 0
        )
        again = tmp_path / "again.org.yaml"
        assert (
            CliRunner()
            .invoke(main, ["import", str(people_csv), str(first), "-o", str(again)])
            .exit_code
            == 0
        )
        second = tmp_path / "second.xlsx"
        CliRunner().invoke(main, ["matrix", str(again), "--format", "xlsx", "-o", str(second)])
        assert first.read_bytes() == second.read_bytes()
        assert od.load(str(again)).functions == od.load(str(org_file)).functions

    def test_xlsx_output_needs_a_file(self, tmp_path: Path) -> None:
        result = cli_runner().invoke(main, ["matrix", "examples/seed.org.yaml", "--format", "xlsx"])
        assert result.exit_code == 2
        assert "name the file with -o FILE" in result.stderr

    def test_without_openpyxl_the_message_says_what_to_install(self, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        monkeypatch.setitem(__import__("sys").modules, "openpyxl", None)
        assert problems(b"PK\x03\x04rest", "hr.xlsx") == [
            "hr.xlsx: reading and writing .xlsx needs openpyxl: pip install 'orgdesign[xlsx]' "
            "(or save the sheet as CSV)"
        ]
