"""od.lint: selection, severities, options, suppressions, the Report."""

from __future__ import annotations

import json

import pytest

import orgdesign as od
from orgdesign.errors import ConfigError

CHAIN = (
    "version: 1\npeople:\n  - {id: a}\n  - {id: b}\n  - {id: c}\n  - {id: d, reports_to: a}\n"
    "workflows:\n  - {id: launch, approvals: [a, b, c, d]}\norg: {leader: a}\n"
)


def codes(report: od.Report) -> list[str]:
    return [f.code for f in report.findings]


class TestSelection:
    def test_everything_runs_by_default(self) -> None:
        assert codes(od.lint(od.loads(CHAIN))) == ["OD602", "OD201"]

    @pytest.mark.parametrize(
        ("select", "expected"),
        [
            (["approval-chain-too-long"], ["OD201"]),
            (["OD201"], ["OD201"]),
            (["od201"], ["OD201"]),
            (["OD2"], ["OD201"]),
            (["workflows"], ["OD201"]),
            (["hierarchy"], ["OD602"]),
            (["all"], ["OD602", "OD201"]),
        ],
    )
    def test_select_forms(self, select: list[str], expected: list[str]) -> None:
        assert codes(od.lint(od.loads(CHAIN), select=select)) == expected

    def test_ignore_wins_over_select(self) -> None:
        report = od.lint(od.loads(CHAIN), select=["all"], ignore=["OD6"])
        assert codes(report) == ["OD201"]

    def test_file_config_applies_and_arguments_replace_it(self) -> None:
        org = od.loads(CHAIN + "lint:\n  ignore: [span-of-control]\n")
        assert codes(od.lint(org)) == ["OD201"]
        assert codes(od.lint(org, ignore=[])) == ["OD602", "OD201"]

    def test_unknown_rule_in_the_file_points_at_it(self) -> None:
        org = od.loads(CHAIN + "lint:\n  select: [aproval-chain-too-long]\n", filename="f.yaml")
        with pytest.raises(ConfigError) as caught:
            od.lint(org)
        assert str(caught.value) == (
            "f.yaml:11:11: select: unknown rule 'aproval-chain-too-long'; "
            "did you mean 'approval-chain-too-long'?"
        )


class TestSeverityAndOptions:
    def test_severity_override(self) -> None:
        report = od.lint(od.loads(CHAIN), severity={"OD201": "error"})
        assert [f.severity for f in report.findings] == ["info", "error"]
        assert report.exit_code("error") == 1

    def test_severity_from_the_file(self) -> None:
        org = od.loads(CHAIN + "lint:\n  severity: {span-of-control: error}\n")
        assert [f.severity for f in od.lint(org).findings] == ["error", "warning"]

    def test_unknown_severity_level(self) -> None:
        with pytest.raises(ConfigError, match="severity of approval-chain-too-long must be"):
            od.lint(od.loads(CHAIN), severity={"OD201": "fatal"})

    def test_options_by_code_or_slug(self) -> None:
        org = od.loads(CHAIN)
        assert codes(od.lint(org, select=["OD201"], options={"OD201": {"max_approvers": 4}})) == []
        assert codes(
            od.lint(
                org, select=["OD201"], options={"approval-chain-too-long": {"max_approvers": 2}}
            )
        ) == ["OD201"]

    def test_options_from_the_file_are_typed(self) -> None:
        org = od.loads(CHAIN + "lint:\n  options: {OD201: {max_approvers: 4}}\n")
        assert codes(od.lint(org, select=["OD201"])) == []

    def test_unknown_option(self) -> None:
        with pytest.raises(ConfigError) as caught:
            od.lint(od.loads(CHAIN), options={"OD201": {"max_approver": 2}})
        assert caught.value.message == (
            "unknown option 'max_approver' for rule approval-chain-too-long; "
            "did you mean 'max_approvers'? (options: max_approvers)"
        )

    def test_option_of_the_wrong_type_points_at_it(self) -> None:
        org = od.loads(CHAIN + "lint:\n  options: {OD201: {max_approvers: many}}\n", filename="f")
        with pytest.raises(ConfigError) as caught:
            od.lint(org)
        assert str(caught.value) == (
            "f:11:36: option max_approvers of rule approval-chain-too-long must be a whole "
            "number, got 'many'"
        )

    def test_option_out_of_range(self) -> None:
        with pytest.raises(ConfigError, match="bad options for rule approval-chain-too-long"):
            od.lint(od.loads(CHAIN), options={"OD201": {"max_approvers": 0}})


class TestSuppressions:
    def test_suppression_of_an_unknown_rule(self) -> None:
        org = od.loads(
            "version: 1\npeople:\n  - id: a\n    ignore: [{rule: span-of-contrl, reason: x}]\n",
            filename="f",
        )
        with pytest.raises(ConfigError) as caught:
            od.lint(org)
        assert str(caught.value) == (
            "f:4:14: ignore: unknown rule 'span-of-contrl'; did you mean 'span-of-control'?"
        )

    def test_org_wide_suppression_lives_on_the_org_mapping(self) -> None:
        org = od.loads(
            "version: 1\norg:\n  leader: a\n  ignore: [{rule: OD201, reason: x}]\n"
            "people:\n  - {id: a}\n"
        )
        (finding,) = od.lint(org).findings
        assert finding.code == "OD001"
        assert finding.subject == "org"
        assert finding.location.line == 4


class TestReport:
    def test_json_is_stable_and_complete(self) -> None:
        report = od.lint(od.loads(CHAIN, filename="x.yaml"))
        data = json.loads(report.to_json())
        assert data["summary"] == {"error": 0, "warning": 1, "info": 1}
        assert report.to_json() == od.lint(od.loads(CHAIN, filename="x.yaml")).to_json()

    def test_merge_sorts_across_files(self) -> None:
        first = od.lint(od.loads(CHAIN, filename="b.yaml"))
        second = od.lint(od.loads(CHAIN, filename="a.yaml"))
        merged = od.Report.merge([first, second])
        assert merged.files == ("b.yaml", "a.yaml")
        assert [f.location.file for f in merged.findings] == ["a.yaml"] * 2 + ["b.yaml"] * 2

    def test_html_table(self) -> None:
        html = od.lint(od.loads(CHAIN))._repr_html_()
        assert '<table class="od-table">' in html
        assert "launch needs 4 approvers (&gt; 3)" in html
