"""The loader: exact messages and locations for every kind of bad input, and the happy path."""

from __future__ import annotations

import pytest

import orgdesign as od
from orgdesign.errors import LoadError, ReferenceError_
from orgdesign.loader import MAX_DEPTH, MAX_PROBLEMS
from tests.tools import cpu_seconds


def problems(text: str | bytes) -> list[str]:
    """Every problem as ``line:col: message`` (the file name is fixed)."""
    with pytest.raises(LoadError) as caught:
        od.loads(text, filename="org.yaml")
    for problem in caught.value.problems:
        assert problem.location.file == "org.yaml"
    return [
        f"{p.location.line}:{p.location.column}: {p.message}" if p.location.line else p.message
        for p in caught.value.problems
    ]


HEAD = "version: 1\npeople:\n"


class TestKeys:
    def test_unknown_key_suggests_the_nearest(self) -> None:
        text = HEAD + "  - id: ana\n    reprots_to: cmo\n  - id: cmo\n"
        assert problems(text) == [
            "4:5: unknown key 'reprots_to' in person 'ana'; did you mean 'reports_to'?"
        ]

    def test_unknown_key_without_a_near_match(self) -> None:
        assert problems(HEAD + "  - {id: ana, shoe_size: 42}\n") == [
            "3:15: unknown key 'shoe_size' in person 'ana'"
        ]

    def test_unknown_section(self) -> None:
        assert problems("version: 1\npeple: []\n") == [
            "2:1: unknown section 'peple'; did you mean 'people'?"
        ]

    def test_duplicate_key_names_both_lines(self) -> None:
        text = HEAD + "  - id: ana\n    name: Ana\n    name: Anna\n"
        assert problems(text) == ["5:5: duplicate key 'name' in person 'ana' (first at line 4)"]

    def test_duplicate_ids_across_kinds(self) -> None:
        text = HEAD + "  - {id: mkt}\nteams:\n  - {id: mkt}\n"
        assert problems(text) == [
            "5:10: duplicate id 'mkt': already used by the person at line 3; ids are shared by "
            "every section, so name one of them mkt-person"
        ]

    def test_duplicate_id_hint_names_a_free_id(self) -> None:
        text = (
            "version: 1\nteams:\n  - {id: brand}\n  - {id: brand-team}\n"
            "functions:\n  - {id: brand}\n"
        )
        assert problems(text) == [
            "6:10: duplicate id 'brand': already used by the team at line 3; ids are shared by "
            "every section, so name one of them brand-function"
        ]

    def test_duplicate_id_within_one_section_has_no_rename_hint(self) -> None:
        text = HEAD + "  - {id: ana}\n  - {id: ana}\n"
        assert problems(text) == ["4:10: duplicate id 'ana': already used by the person at line 3"]

    def test_missing_id(self) -> None:
        assert problems(HEAD + "  - {name: Ana}\n") == ["3:5: person has no id"]

    def test_invalid_id(self) -> None:
        assert problems(HEAD + "  - {id: 'a b'}\n") == [
            "3:10: invalid id 'a b': an id starts with a letter or digit and holds only "
            "letters, digits and . _ @ -"
        ]


class TestReferences:
    def test_unknown_reference_suggests_the_nearest(self) -> None:
        text = HEAD + "  - {id: cmo}\n  - {id: ana, reports_to: cm0}\n"
        with pytest.raises(ReferenceError_):
            od.loads(text)
        assert problems(text) == [
            "4:27: unknown reference in reports_to: no person 'cm0'; did you mean 'cmo'?"
        ]

    def test_reference_of_the_wrong_kind(self) -> None:
        text = HEAD + "  - {id: ana, reports_to: mkt}\nteams:\n  - {id: mkt}\n"
        assert problems(text) == [
            "3:27: wrong reference in reports_to: 'mkt' is a team, not a person"
        ]

    def test_owner_may_be_person_partner_or_team(self) -> None:
        text = HEAD + "  - {id: a}\nworkflows:\n  - {id: w}\nfunctions:\n"
        text += "  - {id: f, owners: {decision: w}}\n"
        assert problems(text) == [
            "7:32: wrong reference in decision: 'w' is a workflow, not a person, partner or team"
        ]

    def test_allocation_keys_are_function_references(self) -> None:
        text = HEAD + "  - {id: a, allocation: {brnad: 0.5}}\nfunctions:\n  - {id: brand}\n"
        assert problems(text) == [
            "3:26: unknown reference in allocation: no function 'brnad'; did you mean 'brand'?"
        ]


class TestValues:
    def test_wrong_type(self) -> None:
        assert problems(HEAD + "  - {id: a, capacity: lots}\n") == [
            "3:23: capacity must be a number, got 'lots'"
        ]

    def test_quoted_number_is_text(self) -> None:
        assert problems(HEAD + "  - {id: a, capacity: '0.5'}\n") == [
            "3:23: capacity must be a number, got '0.5'"
        ]

    def test_share_out_of_range(self) -> None:
        assert problems(HEAD + "  - {id: a, capacity: 1.5}\n") == [
            "3:23: capacity must be between 0 and 1, got 1.5"
        ]

    def test_allocation_share_out_of_range(self) -> None:
        text = HEAD + "  - {id: a, allocation: {f: -0.1}}\nfunctions:\n  - {id: f}\n"
        assert problems(text) == ["3:29: allocation share of f must be between 0 and 1, got -0.1"]

    def test_negative_age(self) -> None:
        assert problems("version: 1\nbacklog:\n  - {id: b, age_days: -3}\n") == [
            "3:23: age_days must be 0 or more, got -3"
        ]

    def test_whole_number_expected(self) -> None:
        assert problems("version: 1\nbacklog:\n  - {id: b, age_days: 2.5}\n") == [
            "3:23: age_days must be a whole number, got '2.5'"
        ]

    def test_unknown_enum_value(self) -> None:
        assert problems("version: 1\nworkflows:\n  - {id: w, process: heavy}\n") == [
            "3:22: process must be one of lightweight, standard, detailed; got 'heavy'"
        ]

    def test_enum_value_with_a_near_match(self) -> None:
        assert problems("version: 1\nworkflows:\n  - {id: w, process: standrd}\n") == [
            "3:22: process must be one of lightweight, standard, detailed; got 'standrd'; "
            "did you mean 'standard'?"
        ]

    def test_yaml_11_booleans_are_not_booleans(self) -> None:
        assert problems(HEAD + "  - {id: a, vacant: yes}\n") == [
            "3:21: vacant must be true or false, got 'yes'"
        ]

    def test_list_expected(self) -> None:
        text = "version: 1\npeople:\n  - {id: a}\nworkflows:\n  - {id: w, approvals: a}\n"
        assert problems(text) == ["5:24: approvals must be a list of ids, got 'a' (write [a])"]

    def test_one_dotted_line_may_be_written_bare(self) -> None:
        org = od.loads(HEAD + "  - {id: a}\n  - {id: b, dotted_to: a}\n")
        assert org.people[1].dotted_to == ("a",)
        assert problems(HEAD + "  - {id: a}\n  - {id: b, dotted_to: c}\n") == [
            "4:24: unknown reference in dotted_to: no person 'c'"
        ]

    def test_mapping_where_text_is_expected(self) -> None:
        assert problems(HEAD + "  - {id: a, name: {first: Ana}}\n") == [
            "3:19: name must be text, got a mapping"
        ]

    def test_nan_is_not_a_number(self) -> None:
        assert problems(HEAD + "  - {id: a, capacity: .nan}\n") == [
            "3:23: capacity must be a number, got '.nan'"
        ]


class TestDocument:
    def test_missing_version(self) -> None:
        assert problems("people: []\n") == ["1:1: missing 'version: 1' at the top of the file"]

    def test_wrong_version(self) -> None:
        assert problems("version: 2\n") == [
            "1:10: unsupported version '2': this orgdesign reads version 1"
        ]

    @pytest.mark.parametrize("text", ["", "   \n", "# only a comment\n"])
    def test_empty_file(self, text: str) -> None:
        assert problems(text) == ["1:1: the file is empty: an org file starts with 'version: 1'"]

    def test_top_level_not_a_mapping(self) -> None:
        assert problems("- version: 1\n") == [
            "1:1: the top level must be a mapping (version, org, people, ...), got a list"
        ]

    def test_several_documents(self) -> None:
        assert problems("version: 1\n---\nversion: 1\n") == [
            "2:1: a file holds one YAML document; a second one starts here"
        ]

    def test_syntax_error(self) -> None:
        assert problems("version: 1\npeople: [a, b\n") == [
            "3:1: invalid YAML: did not find expected ',' or ']' (is a [ left open, or a comma "
            "missing?)"
        ]

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                "version: 1\npeople:\n\t- {id: a}\n",
                "3:1: invalid YAML: a tab is used for indentation; YAML indents with spaces only",
            ),
            (
                'version: 1\npeople:\n  - {id: "a}\n',
                "4:1: invalid YAML: found unexpected end of stream (is a quote left open?)",
            ),
            (
                "version: 1\npeople:\n  - id: a\n   name: b\n",
                "4:4: invalid YAML: did not find expected '-' indicator (check the indentation "
                "of this line)",
            ),
        ],
    )
    def test_the_usual_hand_editing_mistakes_in_plain_words(self, text: str, expected: str) -> None:
        assert problems(text) == [expected]

    def test_a_quoted_version_one_is_version_one(self) -> None:
        assert od.loads("version: '1'\npeople:\n  - {id: a}\n").people[0].id == "a"

    def test_lone_cr_line_ends_give_the_right_lines(self) -> None:
        text = "version: 1\rpeople:\r  - {id: a}\r  - {id: a}\r"
        assert problems(text) == ["4:10: duplicate id 'a': already used by the person at line 3"]

    @pytest.mark.parametrize(
        ("char", "message"),
        [
            ("\ufeff", "byte-order mark U+FEFF is not allowed inside the file"),
            ("\ufdd0", "non-character U+FDD0 is not allowed"),
            ("\uffff", "non-character U+FFFF is not allowed"),
        ],
    )
    def test_a_bom_or_non_character_inside_a_value(self, char: str, message: str) -> None:
        assert problems(f"version: 1\npeople:\n  - {{id: a, name: x{char}y}}\n") == [
            f"3:20: {message}"
        ]

    def test_all_problems_are_reported_at_once(self) -> None:
        text = HEAD + "  - {id: a, capacity: x}\n  - {id: b, vacant: maybe}\n  - {id: c, hat: 1}\n"
        assert len(problems(text)) == 3

    def test_problems_are_capped(self) -> None:
        text = HEAD + "".join(f"  - {{id: p{i}, capacity: x}}\n" for i in range(200))
        found = problems(text)
        assert len(found) == MAX_PROBLEMS + 1
        assert found[-2].startswith("52:")  # the 50th problem: p49's capacity, on line 52
        assert found[-1] == f"52:25: stopped after {MAX_PROBLEMS} problems; fix these and run again"


class TestYaml11Surprises:
    def test_ids_names_titles_stay_text(self) -> None:
        text = HEAD + (
            "  - {id: no, name: on, title: 2024-01-02}\n"
            "  - {id: '012345', name: off, title: yes, reports_to: no}\n"
            "  - {id: 012346, name: 1e3, title: null}\n"
        )
        org = od.loads(text)
        first, second, third = org.people
        assert (first.id, first.name, first.title) == ("no", "on", "2024-01-02")
        assert (second.id, second.name, second.title) == ("012345", "off", "yes")
        assert second.reports_to == "no"
        assert (third.id, third.name, third.title) == ("012346", "1e3", None)


class TestHostileYaml:
    def test_aliases_are_refused(self) -> None:
        text = "version: 1\npeople:\n  - &p {id: a}\n  - *p\n"
        assert problems(text) == ["4:5: aliases (*p) are not allowed: write the value out in full"]

    def test_merge_keys_are_refused(self) -> None:
        text = "version: 1\npeople:\n  - {id: a, <<: {name: b}}\n"
        assert problems(text) == [
            "3:13: merge keys (<<) are not allowed: write the keys out in full"
        ]

    def test_merge_key_bomb_is_quick(self) -> None:
        lines = ["a0: &a0 {x: 1}"]
        lines += [f"a{i}: &a{i} {{<<: [*a{i - 1}, *a{i - 1}]}}" for i in range(1, 30)]
        start = cpu_seconds()
        with pytest.raises(LoadError):
            od.loads("\n".join(lines))
        assert cpu_seconds() - start < 2

    def test_deep_nesting_is_bounded(self) -> None:
        start = cpu_seconds()
        found = problems("[" * 60_000)
        assert found == [
            f"1:{MAX_DEPTH + 1}: nesting deeper than {MAX_DEPTH} levels is not allowed"
        ]
        assert cpu_seconds() - start < 2

    @pytest.mark.parametrize(
        ("text", "where"),
        [
            # libyaml refuses 1,000 levels itself before delivering level 33 on these: each
            # case checks that the loader's own limit and place are reported instead.
            ("k: " + "[" * 3000, "1:35"),
            ("- " + "[" * 3000, "1:34"),
            ("{a: " + "[" * 3000, "1:36"),
            ("[a, " * 10 + "[" * 3000, "1:63"),
            ("x: '[[['\ny: " + "[[[" * 2000, "2:35"),
            ("{[" * 30_000, "1:33"),
        ],
    )
    def test_deep_nesting_in_any_context(self, text: str, where: str) -> None:
        assert problems(text) == [f"{where}: nesting deeper than {MAX_DEPTH} levels is not allowed"]

    def test_depth_limit_stays_below_libyaml_s_own(self) -> None:
        with pytest.raises(ValueError, match="max_depth"):
            od.Limits(max_depth=513)

    @pytest.mark.parametrize(
        ("char", "message"),
        [
            ("\x07", "control character U+0007 is not allowed"),
            ("\x1b", "control character U+001B is not allowed"),
            ("\u202e", "bidirectional control character U+202E is not allowed"),
            ("\u2066", "bidirectional control character U+2066 is not allowed"),
        ],
    )
    def test_forbidden_characters_in_the_text(self, char: str, message: str) -> None:
        assert problems(HEAD + f"  - {{id: a, name: ab{char}c}}\n") == [f"3:21: {message}"]

    def test_escaped_control_characters_are_caught(self) -> None:
        assert problems(HEAD + '  - {id: a, name: "x\\ry"}\n') == [
            "3:19: control character U+000D is not allowed"
        ]

    def test_escaped_surrogates_are_rejected(self) -> None:
        assert problems(HEAD + '  - {id: a, name: "\\ud800"}\n')[0].startswith("3:")

    def test_lone_surrogate_in_from_dict(self) -> None:
        with pytest.raises(LoadError) as caught:
            od.from_dict({"version": 1, "people": [{"id": "a", "name": "x\ud800"}]})
        assert str(caught.value) == "<dict>: lone surrogate U+D800 is not allowed"

    def test_bytes_that_are_not_utf8(self) -> None:
        assert problems(b"version: 1\npeople:\n  - {id: \xff}\n") == [
            "3:10: the file is not valid UTF-8 (byte 0xff); save it as UTF-8"
        ]

    def test_tabs_and_crlf_are_fine(self) -> None:
        org = od.loads('version: 1\r\npeople:\r\n  - {id: a, name: "a\tb"}\r\n')
        assert org.people[0].name == "a\tb"

    def test_utf8_bom_is_accepted(self) -> None:
        assert od.loads("\ufeffversion: 1\n".encode()).people == ()


class TestRoundTrip:
    def test_dump_then_load_is_equal(self) -> None:
        org = od.load("examples/series-a.org.yaml")
        again = od.loads(od.dump(org))
        assert again == org
        assert od.dump(again) == od.dump(org)

    def test_from_dict_matches_loads(self) -> None:
        data = {
            "version": 1,
            "org": {"name": "X", "leader": "cmo"},
            "people": [{"id": "cmo", "capacity": 0.4, "vacant": False}],
            "lint": {"options": {"approval-chain-too-long": {"max_approvers": 2}}},
        }
        text = (
            "version: 1\norg: {name: X, leader: cmo}\npeople:\n  - {id: cmo, capacity: 0.4}\n"
            "lint:\n  options: {approval-chain-too-long: {max_approvers: 2}}\n"
        )
        assert od.Org.from_dict(data) == od.loads(text)

    def test_locations_are_kept(self) -> None:
        org = od.loads(HEAD + "  - id: a\n  - id: b\n", filename="x.yaml")
        assert [str(p.location) for p in org.people] == ["x.yaml:3:5", "x.yaml:4:5"]

    def test_load_reports_missing_file(self, tmp_path) -> None:  # type: ignore[no-untyped-def]
        missing = tmp_path / "nope.yaml"
        with pytest.raises(LoadError) as caught:
            od.load(missing)
        assert str(caught.value) == f"{missing}: cannot read the file: No such file or directory"
