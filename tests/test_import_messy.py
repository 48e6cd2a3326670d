"""orgdesign import on exports as people have them: title rows above the header, headers with
qualifiers or in other languages, columns told by their values, statuses, empty-manager
tokens, positions, partial exports, blank names. Each case is a small export written for it,
with the exact notes and messages the importer gives; none may end in a wrong org with no
word said."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import orgdesign as od
from orgdesign.cli import main
from orgdesign.strategies import orgs
from tests.test_import import problems, source
from tests.tools import cli_runner, cpu_seconds

UNKNOWN_HINT = (
    "if the export is a part of the organisation, pass --unknown-managers context to add "
    "them as people outside it, or --unknown-managers root to leave those lines out"
)


def imported(text: str | bytes, name: str = "hr.csv", **options: Any) -> od.importers.Imported:
    return od.import_sources([source(text, name)], **options)


def lines(org: od.Org) -> dict[str, str | None]:
    return {person.id: person.reports_to for person in org.people}


class TestHeaderRow:
    def test_a_title_and_a_blank_row_above_the_header_are_skipped(self) -> None:
        got = imported("Report title\n\nEmployee ID,Name,Manager ID\n1,Ann Lee,\n2,Bo Chan,1\n")
        assert lines(got.org) == {"1": None, "2": "1"}
        assert (
            "hr.csv: took line 3 as the header row and skipped the 1 row of values above it "
            "(a title, say); --header-row N names another" in got.notes
        )
        assert str(got.org.people[0].location) == "hr.csv:4:1"

    def test_header_row_pins_it(self) -> None:
        text = "Exported 2026-01-02,by HR\nID,Name,Manager ID\n1,Ann,\n2,Bo,1\n"
        assert lines(imported(text, header_row=2).org) == {"1": None, "2": "1"}

    def test_a_header_row_with_no_values_is_refused(self) -> None:
        assert problems("ID,Name,Manager ID\n1,Ann,\n2,Bo,1\n", header_row=7) == [
            "hr.csv: --header-row 7: no row there holds values (rows with values: 1, 2, 3, ...)"
        ]

    def test_a_header_named_only_by_map_is_found_below_a_title(self) -> None:
        text = "Staff list\nStaff Code,Who,Boss\nS1,Ann,\nS2,Bo,S1\n"
        found = imported(text, mapping={"id": "Staff Code", "name": "Who", "reports_to": "Boss"})
        assert lines(found.org) == {"S1": None, "S2": "S1"}


class TestReportShapes:
    def test_a_semicolon_export_under_a_title_line(self) -> None:
        # The title has no delimiter at all: the delimiter is the header's.
        text = (
            "Personalliste Stand 01.12.2026\n\nID;Vorname;Nachname;Vorgesetzter\n"
            "1;Anna;Schmidt;\n2;Jonas;Weber;Anna Schmidt\n"
        )
        org = imported(text).org
        assert [(p.name, p.reports_to) for p in org.people] == [
            ("Anna Schmidt", None),
            ("Jonas Weber", "1"),
        ]

    def test_a_total_row_is_nobody(self) -> None:
        text = (
            "Display name,Email,Reports to\nDana Reyes,dana@x.io,\nTom Okafor,tom@x.io,Dana Reyes\n"
            "Total,2,\n"
        )
        got = imported(text)
        assert [p.name for p in got.org.people] == ["Dana Reyes", "Tom Okafor"]
        assert (
            "hr.csv: left out 1 row that sums up the others (line 4: 'Total' and the like)"
            in got.notes
        )

    def test_workday_worker_names_and_organisations(self) -> None:
        text = (
            "Worker,Employee ID,Business Title,Manager,Supervisory Organization,"
            "Email - Primary Work\n"
            "Sam Ceo,21000,CEO,,Executive (Sam Ceo),sam@x.io\n"
            "Dana Reyes,21001,CMO,Sam Ceo,Marketing (Dana Reyes),dana@x.io\n"
        )
        org = imported(text).org
        dana = org.people[1]
        assert (dana.name, dana.reports_to, dana.email) == ("Dana Reyes", "21000", "dana@x.io")
        assert org.by_id[dana.team or ""].kind == "marketing"


class TestEncodingFlag:
    TEXT = "ID,Name,Manager ID\n1,Иван Петров,\n2,Анна Смирнова,1\n"

    def test_encoding_names_it(self) -> None:
        got = imported(self.TEXT.encode("koi8_r"), encoding="koi8_r")
        assert [p.name for p in got.org.people] == ["Иван Петров", "Анна Смирнова"]
        assert not any("read as" in note for note in got.notes)

    def test_an_unknown_encoding_and_bytes_it_cannot_read_are_problems(self) -> None:
        data = self.TEXT.encode("cp1251")
        assert problems(data, encoding="klingon") == [
            "hr.csv: --encoding klingon: no such encoding (utf-8, cp1252, shift_jis, gbk...)"
        ]
        assert problems(data, encoding="ascii") == [
            "hr.csv:2:1: --encoding ascii: byte 0xc8 on line 2 is not ascii; is the file in "
            "another encoding?"
        ]

    def test_a_guess_says_how_to_settle_it(self) -> None:
        got = imported(self.TEXT.encode("cp1251"))
        assert any(
            "if names look wrong, pass --encoding with the right one" in note for note in got.notes
        )


class TestHeaderSpellings:
    def test_a_qualifier_in_brackets_is_ignored(self) -> None:
        text = (
            "Employee ID,Name,Title,Reports to (email),Work email\n"
            "1,Ann Lee,CMO,,ann@x.io\n2,Bo Chan,Content Lead,ann@x.io,bo@x.io\n"
            "3,Cy Diaz,Designer,ann@x.io,cy@x.io\n"
        )
        org = imported(text).org
        assert lines(org) == {"1": None, "2": "1", "3": "1"}
        assert org.people[1].email == "bo@x.io"

    @pytest.mark.parametrize(
        "header",
        [
            "Personalnummer,Vorname,Nachname,Stellenbezeichnung,Vorgesetzter,Abteilung",
            "Matricule,Prénom,Nom,Poste,Responsable,Service",
            "Número de empleado,Nombre,Apellidos,Puesto,Jefe,Departamento",
            "Personeelsnummer,Voornaam,Achternaam,Functie,Leidinggevende,Afdeling",
            "slug,Name [legal],Last Name,Job Title,Manager ID,Team",
        ],
    )
    def test_other_languages(self, header: str) -> None:
        text = f"{header}\n1,Ann,Lee,CMO,,Marketing\n2,Bo,Chan,Writer,1,Marketing\n"
        org = imported(text).org
        assert lines(org) == {"1": None, "2": "1"}
        assert org.people[1].title == "Writer"
        assert org.teams[0].kind == "marketing"

    def test_an_id_column_of_names_names_the_people(self) -> None:
        text = (
            'Employee,Title,Manager,Employment Type\nSam Ceo,CEO,,"Salaried, full-time"\n'
            'Dana Reyes,CMO,Sam Ceo,"Salaried, full-time"\n'
            'Kim Lee,Writer,Dana Reyes,"Hourly, part-time"\n'
        )
        got = imported(text)
        assert [(p.id, p.name, p.reports_to) for p in got.org.people] == [
            ("sam-ceo", "Sam Ceo", None),
            ("dana-reyes", "Dana Reyes", "sam-ceo"),
            ("kim-lee", "Kim Lee", "dana-reyes"),
        ]
        assert (
            "hr.csv: the values of 'Employee' are names: they name the people, and their ids "
            "are made from them" in got.notes
        )

    @pytest.mark.parametrize("header", ["key", "username", "login", "slug"])
    def test_the_id_under_a_handbook_name(self, header: str) -> None:
        text = f"{header},name,reports_to\nann,Ann Lee,\nbo,Bo Chan,ann\n"
        assert lines(imported(text).org) == {"ann": None, "bo": "ann"}


class TestColumnsByValues:
    def test_a_manager_column_under_an_unknown_header(self) -> None:
        text = (
            "Employee ID,Name,Boss,Work email\n1,Ann Lee,,ann@x.io\n2,Bo Chan,ann@x.io,bo@x.io\n"
            "3,Cy Diaz,ann@x.io,cy@x.io\n4,Di Eng,bo@x.io,di@x.io\n"
        )
        got = imported(text)
        assert lines(got.org) == {"1": None, "2": "1", "3": "1", "4": "2"}
        assert (
            "hr.csv: took column 'Boss' as the manager (reports_to), since 100% of its values "
            'name people in the table; --map reports_to="Boss" pins it' in got.notes
        )

    def test_an_id_column_under_an_unknown_header(self) -> None:
        text = "Code,Name,Manager ID\nA7,Ann,\nB3,Bo,A7\nC9,Cy,A7\n"
        got = imported(text)
        assert lines(got.org) == {"A7": None, "B3": "A7", "C9": "A7"}
        assert any("took column 'Code' as the id (id)" in note for note in got.notes)

    def test_a_table_with_no_reporting_line_is_refused(self) -> None:
        text = "Employee ID,Name,Boss Name\n1,Ann,Zed\n2,Bo,Yan\n3,Cy,\n"
        assert problems(text) == [
            "hr.csv:1:1: none of the 3 people has a manager, since no column holds managers: "
            "name the manager column with --map reports_to=COLUMN (columns left: 'Boss Name'), "
            "or pass --allow-flat to import everyone as a root"
        ]
        assert len(imported(text, allow_flat=True).org.people) == 3

    def test_two_people_need_no_reporting_line(self) -> None:
        assert lines(imported("ID,Name\n1,Ann\n2,Bo\n").org) == {"1": None, "2": None}


class TestStatuses:
    def test_leavers_are_left_out_and_counted(self) -> None:
        text = (
            "Employee ID,Name,Title,Manager ID,Status\n1,A A,CEO,,Active\n"
            "2,B B,CMO,1,Terminated\n3,C C,PMM,2,Inactive\n"
        )
        got = imported(text)
        assert [p.id for p in got.org.people] == ["1"]
        assert (
            "hr.csv: left out 2 people whose Status says they have left ('Inactive', "
            "'Terminated'); to keep someone, mark them Active in the export" in got.notes
        )

    def test_a_leaver_who_still_manages_someone_is_an_open_role(self) -> None:
        text = (
            "Employee ID,Name,Title,Manager ID,Status\n1,A A,CEO,,Active\n"
            "2,B B,CMO,1,Terminated\n3,C C,PMM,2,Active\n4,D D,Writer,1,Left\n"
        )
        got = imported(text)
        cmo = got.org.people[1]
        assert (cmo.id, cmo.vacant, cmo.name, cmo.title) == ("2", True, None, "CMO")
        assert [p.id for p in got.org.people] == ["1", "2", "3"]
        assert (
            "hr.csv: left out 1 person whose Status says they have left ('Left', 'Terminated'); "
            "to keep someone, mark them Active in the export; 1 leaver who still manages "
            "someone here is an open role" in got.notes
        )
        assert got.made["open roles"] == 1

    def test_a_rehire_s_old_row_is_history(self) -> None:
        text = (
            "Employee ID,Name,Title,Manager ID,Status\n1,A A,CEO,,Active\n"
            "2,B B,Writer,1,Terminated\n2,B B,CMO,1,Active\n3,C C,PMM,2,Active\n"
            "4,D D,Analyst,1,Active\n4,D D,Intern,1,Left\n"
        )
        got = imported(text)
        cmo = got.org.by_id["2"]
        assert (cmo.title, cmo.vacant, cmo.dotted_to) == ("CMO", False, ())
        assert got.org.by_id["4"].title == "Analyst"
        assert [p.id for p in got.org.people] == ["1", "2", "3", "4"]
        assert not any("left out" in note and "Status" in note for note in got.notes)
        assert not any("several positions" in note for note in got.notes)

    def test_a_terminated_cmo_is_not_the_marketing_leader(self) -> None:
        text = (
            "Employee ID,Name,Title,Manager ID,Status\n1,A A,CEO,,Active\n"
            "2,B B,CMO,1,Terminated\n3,C C,VP Marketing,1,Active\n"
        )
        org = imported(text).org
        assert "2" not in org.by_id
        report = od.lint(org)
        assert all(f.subject != "2" for f in report.findings)

    def test_unknown_statuses_are_one_note_and_the_rows_are_kept(self) -> None:
        rows = "".join(f"{i},P {i},,On sabbatical\n" for i in range(1, 40))
        got = imported("ID,Name,Manager ID,Status\n" + rows, allow_flat=True)
        assert len(got.org.people) == 39
        status_notes = [n for n in got.notes if "status it knows" in n]
        assert status_notes == [
            "hr.csv: kept 39 rows whose Status is not a status it knows ('On sabbatical') as "
            "people who work here; mark open roles Open and leavers Terminated"
        ]

    @pytest.mark.parametrize("value", ["Open", "TBH", "To be hired", "Requisition", "Vacant"])
    def test_open_roles(self, value: str) -> None:
        got = imported(f"ID,Name,Title,Manager ID,Status\n1,Ann,CMO,,\nr1,,Writer,1,{value}\n")
        assert got.org.people[1].vacant


class TestEmptyManagers:
    @pytest.mark.parametrize("token", ["NULL", "N/A", "none", "-", "#N/A", "0", "nan", "NA"])
    def test_tokens_make_roots(self, token: str) -> None:
        text = f"ID,Name,Manager ID\n1,Ann,{token}\n2,Bo,1\n3,Cy,1\n"
        assert lines(imported(text).org) == {"1": None, "2": "1", "3": "1"}

    @pytest.mark.parametrize("token", ["0", "NA", "none"])
    def test_a_token_is_a_manager_when_it_is_someone_s_id(self, token: str) -> None:
        text = f"ID,Name,Manager ID\n{token},Ann,\n1,Bo,{token}\n2,Cy,{token}\n"
        assert lines(imported(text).org) == {token: None, "1": token, "2": token}


class TestManagerSpellings:
    def test_last_comma_first_names_the_person(self) -> None:
        text = (
            "Employee #,First Name,Last Name,Reporting to\n"
            '1,Dana,Reyes,\n2,Tom,Okafor,"Reyes, Dana"\n'
        )
        assert lines(imported(text).org) == {"1": None, "2": "1"}

    @pytest.mark.parametrize(
        ("ids", "managers"),
        [(("00123", "00124"), ("", "123")), (("123", "124"), ("", "00123"))],
        ids=["ids-padded", "managers-padded"],
    )
    def test_leading_zeros_a_spreadsheet_dropped(
        self, ids: tuple[str, str], managers: tuple[str, str]
    ) -> None:
        text = f"ID,Name,Manager ID\n{ids[0]},Ann,{managers[0]}\n{ids[1]},Bo,{managers[1]}\n"
        assert lines(imported(text).org) == {ids[0]: None, ids[1]: ids[0]}


class TestValues:
    def test_employment_words_of_several_systems(self) -> None:
        text = (
            "ID,Name,Manager ID,Worker Type\n1,Ann,,Employee\n2,Bo,1,Vollzeit\n"
            "3,Cy,1,Werkstudent\n4,Di,1,Freelance\n5,Ed,1,Temps partiel\n6,Fi,1,CDI\n"
        )
        kinds = [p.employment for p in imported(text).org.people]
        assert kinds == [
            "full-time",
            "full-time",
            "part-time",
            "contractor",
            "part-time",
            "full-time",
        ]

    def test_employment_words_inside_a_longer_value(self) -> None:
        text = (
            'ID,Name,Manager ID,Employment Type\n1,Ann,,"Salaried, full-time"\n'
            '2,Bo,1,"Hourly, part-time"\n3,Cy,1,External\n'
        )
        kinds = [p.employment for p in imported(text).org.people]
        assert kinds == ["full-time", "part-time", "contractor"]

    def test_an_unknown_employment_word_is_one_note_not_an_error_a_row(self) -> None:
        rows = "".join(f"{i},P {i},1,Intern\n" for i in range(2, 30))
        got = imported("ID,Name,Manager ID,Employment Type\n1,Ann,,Permanent\n" + rows)
        assert {p.employment for p in got.org.people} == {"full-time"}
        assert (
            "hr.csv: left out the employment of 28 rows: 'Intern' in 'Employment Type' is not "
            "a word it knows for full-time, part-time, fractional, contractor; write one of "
            "those to keep it" in got.notes
        )

    def test_a_blank_name_is_a_problem(self) -> None:
        assert problems("ID,Name,Manager ID\n1,Ann,\n2,,1\n") == [
            "hr.csv:3:2: no name for 2: fill in the name, or give the row a status of Open if "
            "it is an open role"
        ]

    def test_no_name_column_is_said(self) -> None:
        got = imported("EmployeeID,LoginID,ManagerID\n1,x\\a,\n2,x\\b,1\n")
        assert (
            "hr.csv: the table has no name column, so people are shown by title or id; "
            "--map name=COLUMN names one" in got.notes
        )


class TestUnknownManagers:
    TEXT = (
        "slug,name,role,reports_to\nann,Ann Lee,CMO,ceo\nbo,Bo Chan,Writer,ann\n"
        "cy,Cy Diaz,Designer,ann\ndi,Di Eng,SDR,sales-vp\ned,Ed Fox,AE,sales-vp\n"
    )

    def test_an_error_that_names_the_option(self) -> None:
        assert problems(self.TEXT) == [
            "hr.csv:2:4: manager 'ceo' matches no one's id, email or name",
            "hr.csv:5:4: manager 'sales-vp' matches no one's id, email or name (and 1 other row)",
            f"hr.csv:1:4: 2 managers named on 3 rows have no row in this export: {UNKNOWN_HINT}",
        ]

    def test_root_leaves_the_lines_out(self) -> None:
        got = imported(self.TEXT, unknown_managers="root")
        assert lines(got.org) == {"ann": None, "bo": "ann", "cy": "ann", "di": None, "ed": None}
        assert (
            "hr.csv: left out the reporting lines of 3 rows to 2 managers who have no row "
            "('ceo', 'sales-vp'): those people are roots; --unknown-managers context keeps "
            "the lines" in got.notes
        )

    def test_context_adds_people_outside_the_export(self) -> None:
        got = imported(self.TEXT, unknown_managers="context")
        org = got.org
        assert lines(org)["ann"] == "ceo"
        outside = [(p.id, p.name, p.context) for p in org.people if p.context]
        assert outside == [("ceo", None, True), ("sales-vp", None, True)]
        assert str(org.by_id["ceo"].location) == "hr.csv:2:4"  # where it was first named
        # Never a finding's subject: a CEO with one report here says nothing about the CEO.
        assert all(f.subject not in ("ceo", "sales-vp") for f in od.lint(org).findings)

    def test_a_name_outside_the_export_keeps_its_name(self) -> None:
        text = "ID,Name,Manager\n1,Ann Lee,Sam Sales\n2,Bo,Ann Lee\n"
        org = imported(text, unknown_managers="context").org
        assert (org.people[2].id, org.people[2].name) == ("sam-sales", "Sam Sales")

    def test_did_you_mean_offers_only_close_ids_with_name_and_title(self) -> None:
        text = (
            "slug,name,role,reports_to\njmason,John Mason,VP Sales,\n"
            "hmasson,Hana Masson,CMO,jmason\nbo,Bo,Writer,hmason\ncy,Cy,AE,hmason\n"
        )
        found = problems(text)
        assert found[0] == (
            "hr.csv:4:4: manager 'hmason' matches no one's id, email or name (and 1 other "
            "row); did you mean 'hmasson' (Hana Masson, CMO)?"
        )
        # An id that only shares a surname is not offered (the hint would wire a stranger).
        text = text.replace("hmasson", "zed").replace("jmason", "john-mason")
        assert "did you mean" not in problems(text)[0]

    def test_many_unknown_managers_stay_linear(self) -> None:
        rows = "".join(f"p{i},Person {i},Role,boss{i}\n" for i in range(10_000))
        start = cpu_seconds()
        found = problems("slug,name,role,reports_to\n" + rows)
        elapsed = cpu_seconds() - start
        assert len(found) == 41
        assert found[-1].startswith("hr.csv:1:4: 10000 managers named on 10000 rows have no row")
        assert "(9960 not listed above)" in found[-1]
        assert elapsed < 5, f"{elapsed:.1f} s"


class TestPositions:
    TEXT = (
        "key,name,role,reports_to,manager_role_slug\n"
        "cai,Cai Grady,CEO,none,ceo\n"
        "leon,Leon Finch,VP of Marketing,ceo,vp_marketing\n"
        "siri,Siri Zorn,VP of Sales,ceo,vp_sales\n"
        "olin,Olin Tran,Community Manager,vp_marketing,\n"
        "hana,Hana Lyle,Head of Sales Development,vp_sales,head_sdr\n"
        "hana_dg,Hana Lyle,Director of Demand Generation,vp_marketing,director_dg\n"
        "ida,Ida Ashby,SDR,head_sdr,\n"
        "max,Max Orr,Demand Gen Manager,director_dg,\n"
    )

    def test_managers_named_by_position(self) -> None:
        got = imported(self.TEXT, mapping={"position": "manager_role_slug"})
        org = got.org
        assert lines(org) == {
            "cai": None,
            "leon": "cai",
            "siri": "cai",
            "olin": "leon",
            "hana": "siri",
            "ida": "hana",
            "max": "hana",
        }
        assert org.by_id["hana"].dotted_to == ("leon",)
        assert (
            "hr.csv: 1 person holds several positions ('Hana Lyle'): the first row's manager is "
            "the solid line, the others' are dotted lines" in got.notes
        )

    def test_the_position_column_is_found_by_its_values(self) -> None:
        got = imported(self.TEXT)
        assert lines(got.org) == lines(
            imported(self.TEXT, mapping={"position": "manager_role_slug"}).org
        )
        assert (
            "hr.csv: read 'reports_to' as naming positions, the values of column "
            "'manager_role_slug' (5 of the 5 managers that are nobody's id, email or name are "
            'there); --map position="manager_role_slug" pins it' in got.notes
        )


class TestTeamKinds:
    @pytest.mark.parametrize(
        ("department", "kind"),
        [
            ("Production", None),
            ("Production Control", None),
            ("Product Management", "product"),
            ("Products", "product"),
            ("Sales and Marketing", "marketing"),
            ("Customer Success EMEA", "customer-success"),
            ("Salesforce Admin", None),
            ("Vertrieb DACH", "sales"),
            ("Geschäftsführung", "executive"),
        ],
    )
    def test_kinds_come_from_whole_words(self, department: str, kind: str | None) -> None:
        org = imported(f"ID,Name,Department\n1,Ann,{department}\n").org
        assert org.teams[0].kind == kind


def test_the_cli_takes_the_new_flags(tmp_path: Any) -> None:
    src = tmp_path / "team.csv"
    src.write_text(TestUnknownManagers.TEXT, encoding="utf-8")
    out = tmp_path / "org.yaml"
    result = cli_runner().invoke(
        main, ["import", str(src), "-o", str(out), "--unknown-managers", "context"]
    )
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "--unknown-managers context" in text.splitlines()[1]
    assert "    context: true\n" in text
    assert od.load(out).by_id["ceo"].context
    result = cli_runner().invoke(main, ["import", str(src), "-o", str(out), "--header-row", "0"])
    assert result.exit_code == 2


# -- the property: any generated org, exported messily, imports back to the same lines ------

HEADERS = {
    "id": ["Employee ID", "Personalnummer", "slug", "Worker ID", "Employee # (HR)"],
    "name": ["Full Name", "Name", "Display Name", "Nombre completo"],
    "title": ["Job Title", "Title", "Stellenbezeichnung", "Position"],
    "manager": ["Manager ID", "Reports to (id)", "Vorgesetzter", "Supervisor ID", "Line Manager"],
    "status": ["Status", "Employment Status", "Statut"],
}
TITLE_ROWS = st.lists(
    st.sampled_from(["", "People report", "Generated by Workday, 2026-01-02", "Confidential,,"]),
    max_size=3,
)
NULLS = st.sampled_from(["", "NULL", "N/A", "none", "-", "#N/A", "nan"])
LEAVING = st.sampled_from(["Terminated", "Inactive", "Left", "Resigned", "Offboarded"])


@st.composite
def messy_exports(draw: st.DrawFn) -> tuple[od.Org, bytes, dict[str, Any], set[str]]:
    """A generated org, its export with a title, other header spellings, null tokens,
    leavers, perhaps managers named by position, perhaps some managers' rows left out; the
    import options that export needs, and the ids of the people left out."""
    org = draw(orgs(max_people=20))
    ids = [p.id for p in org.people]
    positional = draw(st.booleans())
    if positional:
        # In a table of positions one name on two rows is one person in two positions, so
        # each person here gets a name of their own.
        for index, person in enumerate(org.people):
            if person.name:
                org = org.update(person.id, name=f"{person.name} {index}")
    dropped: set[str] = set()
    if draw(st.booleans()):  # a partial export: some managers have no row
        managers = sorted({p.reports_to for p in org.people if p.reports_to})
        if managers:
            dropped = set(draw(st.lists(st.sampled_from(managers), max_size=2, unique=True)))
    header = [draw(st.sampled_from(HEADERS[field])) for field in HEADERS]
    if positional:
        header.append("Position Code")
    out = io.StringIO()
    writer = csv.writer(out)
    for line in draw(TITLE_ROWS):
        writer.writerow([line] if line else [])
    writer.writerow(header)

    def manager_value(manager: str | None) -> str:
        if manager is None:
            return draw(NULLS)
        return f"pos-{manager}" if positional else manager

    for person in org.people:
        if person.id in dropped:
            continue
        row = [
            person.id,
            person.name or "",
            person.title or "",
            manager_value(person.reports_to),
            "Open" if person.vacant else draw(st.sampled_from(["Active", "active", "Current"])),
        ]
        if positional:
            row.append(f"pos-{person.id}")
        writer.writerow(row)
    for number in range(draw(st.integers(0, 3))):  # leavers, under someone still here
        leaver = f"gone{number}x"
        assume(leaver not in ids)
        kept = [p.id for p in org.people if p.id not in dropped]
        row = [leaver, f"Former {number}", "Writer", manager_value(draw(st.sampled_from(kept)))]
        row.append(draw(LEAVING))
        if positional:
            row.append(f"pos-{leaver}")
        writer.writerow(row)
    options: dict[str, Any] = {"allow_flat": True}
    if dropped:
        options["unknown_managers"] = "context"
    if positional and draw(st.booleans()):
        options["mapping"] = {"position": "Position Code"}
    options["positional"] = positional
    return org, out.getvalue().encode("utf-8"), options, dropped


@settings(max_examples=60, deadline=None)
@given(messy_exports())
def test_a_messy_export_of_any_org_imports_to_its_lines(
    export: tuple[od.Org, bytes, dict[str, Any], set[str]],
) -> None:
    org, data, options, dropped = export
    # A manager outside a table of positions is known by their position alone.
    outside = "pos-{}" if options.pop("positional") else "{}"
    back = od.import_org([source(data)], **options)
    kept = [p for p in org.people if p.id not in dropped]
    got = {p.id: p for p in back.people if not p.context}
    assert list(got) == [p.id for p in kept]  # the leavers are left out
    for person in kept:
        twin = got[person.id]
        manager = person.reports_to
        if manager in dropped:
            manager = outside.format(manager)
        assert (twin.name, twin.title, twin.reports_to, twin.vacant) == (
            person.name,
            person.title,
            manager,
            person.vacant,
        )
    named = {outside.format(p.reports_to) for p in kept if p.reports_to in dropped}
    assert {p.id for p in back.people if p.context} == named


class TestOwnershipSheets:
    PEOPLE = (
        "ID,Name,Title,Manager ID,Department\n1,Ann Lee,CMO,,Marketing\n"
        "2,Bo Chan,Marketing Ops Manager,1,Marketing Ops\n3,Cy Diaz,Analyst,2,Marketing Ops\n"
        "4,Di Eng,Content Writer,1,Marketing\n5,Ed Fox,Content Writer,1,Marketing\n"
    )

    def sources(self, matrix: str) -> list[Any]:
        return [source(self.PEOPLE, "people.csv"), source(matrix, "raci.csv")]

    def test_kinds_from_whole_words_and_synonyms_and_a_note_for_the_rest(self) -> None:
        matrix = (
            "Activity,1,2\nMarketing automation,D,E\nBlog posts,D,E\nBrand guidelines,D,E\n"
            "Positioning & messaging,D,E\nCampaigns,D,E\nPrint production,D,E\nPodcasts,D,E\n"
        )
        got = od.import_sources(self.sources(matrix))
        kinds = [(f.name, f.kind) for f in got.org.functions]
        assert kinds == [
            ("Marketing automation", "marketing-ops"),
            ("Blog posts", "content"),
            ("Brand guidelines", "brand"),
            ("Positioning & messaging", "product-marketing"),
            ("Campaigns", "demand-gen"),
            ("Print production", None),
            ("Podcasts", None),
        ]
        note = next(n for n in got.notes if "could not tell the kind" in n)
        assert note.startswith(
            "raci.csv: could not tell the kind of 2 functions from the name ('Print "
            "production', 'Podcasts'); rules that judge kinds pass them by. A Kind column "
            "sets it: one of leadership, demand-gen,"
        )

    def test_a_raci_sheet_read_without_raci_is_one_problem_that_names_it(self) -> None:
        matrix = "Activity,1,2,3\nBlog,A,R,C\nBrand,A,R,I\nEvents,A,C,R\n"
        with pytest.raises(od.LoadError) as caught:
            od.import_sources(self.sources(matrix))
        assert [str(p) for p in caught.value.problems] == [
            "raci.csv:2:2: 5 cells hold A or C (the first here): this is a RACI sheet; pass "
            "--raci to read A as decision, R as execution and C as input"
        ]
        org = od.import_org(self.sources(matrix), raci=True)
        assert org.functions[0].owners.decision == ("1",)

    def test_a_column_headed_by_a_title_one_person_holds(self) -> None:
        matrix = "Activity,CMO,Marketing Ops Manager\nMarketing Ops,A,R\n"
        got = od.import_sources(self.sources(matrix), raci=True)
        assert got.org.functions[0].owners.execution == ("2",)
        assert (
            "raci.csv: columns matched by a title one person holds: 'CMO' is 1 (Ann Lee), "
            "'Marketing Ops Manager' is 2 (Bo Chan)" in got.notes
        )

    def test_a_title_several_people_hold_is_refused_naming_them(self) -> None:
        matrix = "Activity,CMO,Content Writer\nBlog,A,R\n"
        with pytest.raises(od.LoadError) as caught:
            od.import_sources(self.sources(matrix), raci=True)
        assert [str(p) for p in caught.value.problems] == [
            "raci.csv:1:3: column 'Content Writer' is the title of 2 people (4 (Di Eng), 5 (Ed "
            "Fox)): head it with the id of the one who holds this role"
        ]

    def test_a_department_and_a_function_of_one_name_get_ids_of_their_own(self) -> None:
        matrix = "Function,1,Marketing Ops\nMarketing Ops,D,E\n"
        got = od.import_sources(self.sources(matrix))
        org = got.org
        assert [f.id for f in org.functions] == ["marketing-ops"]
        assert [t.id for t in org.teams] == ["marketing", "marketing-ops-team"]
        assert org.by_id["2"].team == "marketing-ops-team"
        assert org.functions[0].owners.execution == ("marketing-ops-team",)
        assert (
            "the department 'Marketing Ops' and the function 'marketing-ops' share the id "
            "'marketing-ops': the team's id is 'marketing-ops-team'" in got.notes
        )


def test_a_workbook_with_a_title_and_a_total_row() -> None:
    from tests.test_import import _workbook

    data = _workbook(
        {
            "Export": [
                ["Headcount report, December"],
                [],
                ["Employee ID", "Full Name", "Job Title", "Manager ID", "Status"],
                [1001, "Dana Reyes", "CMO", None, "Active"],
                [1002, "Tom Okafor", "Head of Demand Gen", 1001, "Active"],
                [1003, "Ex Person", "Writer", 1002, "Terminated"],
                ["Total", 3],
            ]
        }
    )
    got = od.import_sources([source(data, "hr.xlsx")])
    assert lines(got.org) == {"1001": None, "1002": "1001"}
    assert str(got.org.people[1].location) == "hr.xlsx:5:1"
    assert any("took line 3 as the header row" in note for note in got.notes)
    assert any("left out 1 row that sums up the others (line 7" in note for note in got.notes)
