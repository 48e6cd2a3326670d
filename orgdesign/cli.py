"""The ``orgdesign`` command: lint, render, stats, matrix, schema, diff, init, rules, explain.

Exit codes: 0 clean, 1 findings at or above the failing severity, 2 bad input or usage.
Bad input prints one ``file:line:col: message`` line per problem on stderr, never a traceback.
"""

from __future__ import annotations

import functools
import gc
import os
import shlex
import sys
import traceback
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from orgdesign._gc import paused_gc
from orgdesign._text import count as _plural
from orgdesign.errors import ConfigError, LoadError, OrgDesignError, one_line
from orgdesign.templates import TEMPLATES

F = TypeVar("F", bound=Callable[..., Any])


def _limits(max_size: float | None) -> Any:
    from orgdesign.loader import DEFAULT_LIMITS, Limits

    if max_size is None:
        return DEFAULT_LIMITS
    return Limits(max_bytes=int(max_size * 1024 * 1024))


class _Finite(click.FloatRange):
    """A float range that refuses nan and inf, which FloatRange lets through."""

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        import math

        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number.", param, ctx)
        return number


_MAX_SIZE = click.option(
    "--max-size",
    # Up to 1 TB: a larger figure is a typo, and it must still fit the byte count.
    type=_Finite(min=0.001, max=1024 * 1024),
    default=None,
    metavar="MB",
    help="Refuse input files larger than this (default 50 MB).",
)


#: The options of the commands that write an org file (`import`, `init`).
_ORG_OUTPUT = click.option(
    "-o",
    "--output",
    default="marketing.org.yaml",
    show_default=True,
    metavar="FILE",
    help="File to write, or - for standard output.",
)
_ORG_NAME = click.option(
    "--name", "org_name", metavar="TEXT", help="The organisation's name (org.name)."
)
_FORCE = click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")


def _format_option(*choices: str) -> Callable[[F], F]:
    """``--format`` with these choices, the first being the default."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(list(choices)),
        default=choices[0],
        show_default=True,
        help="Output format.",
    )


def _no_plugins(_ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        from orgdesign.rules import use_plugins

        use_plugins(False)


#: Given to the group and to every command that runs or lists rules, so it reads naturally
#: in either place: ``orgdesign --no-plugins lint ...`` or ``orgdesign lint --no-plugins ...``.
_NO_PLUGINS = click.option(
    "--no-plugins",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_no_plugins,
    help="Leave out rules from other packages (the orgdesign.rules entry points); "
    "ORGDESIGN_NO_PLUGINS=1 does the same.",
)


def _debug(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.meta["orgdesign.debug"] = True  # shared by the group's context and the command's


#: Given to the group and to every command, as ``--no-plugins`` is: the hint of an internal
#: error says "run with --debug", and either place is where a user will put it.
_DEBUG = click.option(
    "--debug",
    is_flag=True,
    expose_value=False,
    callback=_debug,
    help="Show the traceback of an internal error.",
)


def _rule_options(findings: str) -> Callable[[F], F]:
    """``--select``, ``--ignore``, ``--fail-on`` and ``--exit-zero``; ``findings`` says which
    findings decide the exit code ("findings", "new findings")."""
    options = [
        click.option(
            "--select", multiple=True, help="Rules to run: slugs, codes, prefixes, families."
        ),
        click.option("--ignore", multiple=True, help="Rules to skip (same forms as --select)."),
        click.option(
            "--fail-on",
            type=click.Choice(["error", "warning", "info"]),
            default="warning",
            show_default=True,
            help=f"Lowest severity of {findings} that makes the exit code 1.",
        ),
        click.option("--exit-zero", is_flag=True, help=f"Exit 0 even when there are {findings}."),
        click.option(
            "--scope",
            type=click.Choice(["marketing", "all"]),
            default=None,
            help="Whom the rules about people (spans, layers, meetings) judge: the marketing "
            "organisation (default) or everyone in the file.",
        ),
    ]

    def decorate(command: F) -> F:
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


def _org_files(top: str) -> Iterator[str]:
    """The ``*.org.yaml`` regular files below ``top``, walked with a stack, not recursion (a
    tree 1,100 folders deep must not end in RecursionError); links to folders are not
    followed, so a link loop ends too."""
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)
            elif entry.name.endswith(".org.yaml") and entry.is_file():
                yield entry.path


def _expand(paths: Iterable[str]) -> list[str]:
    """Files as given; a directory becomes its ``*.org.yaml`` files, sorted, at any depth."""
    result = []
    for path in paths:
        if os.path.isdir(path):
            found = sorted(_org_files(path))
            if not found:
                _fail(f"orgdesign: no *.org.yaml files under {path}")
            result.extend(found)
        else:
            result.append(path)
    return result


def _split(values: Iterable[str]) -> tuple[str, ...] | None:
    """``--select a,b --select c`` -> ("a", "b", "c"); None when not given."""
    items = [part.strip() for value in values for part in value.split(",") if part.strip()]
    return tuple(items) if items else None


def _fail(message: str) -> NoReturn:
    """One line on standard error (a newline in a value shows as \\n), and exit 2."""
    click.echo(one_line(message), err=True)
    sys.exit(2)


def _guarded(command: F) -> F:
    """Turn orgdesign's errors into exit 2 with one line each, and bugs into a short plea."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        # A command builds one large acyclic structure: cyclic garbage collection would only
        # re-walk it (reference counting still frees). Restored for in-process callers.
        try:
            with paused_gc():
                result = command(*args, **kwargs)
            sys.stdout.flush()  # a closed pipe shows here, not at exit
            return result
        except BrokenPipeError:
            # The reader went away (`lint ... | head -1`): a normal end. Point stdout at
            # /dev/null so the flush at exit does not complain again.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(0)
        except LoadError as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            sys.exit(2)
        except ConfigError as exc:
            for error in exc.errors:  # one line each: every bad option of the run
                shown = str(error) if error.location is not None else f"orgdesign: {error}"
                click.echo(one_line(shown), err=True)
            sys.exit(2)
        except OrgDesignError as exc:
            _fail(f"orgdesign: {exc}")
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:  # a bug: ask for a report, keep the traceback for --debug
            if click.get_current_context().meta.get("orgdesign.debug"):
                traceback.print_exc()
            _fail(
                f"orgdesign: internal error ({type(exc).__name__}: {exc}); this is a bug in "
                "orgdesign, please report it with the file that caused it (run with --debug "
                "for the traceback)"
            )

    return _DEBUG(wrapper)  # type: ignore[return-value]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="orgdesign")
@_DEBUG
@_NO_PLUGINS
def main() -> None:
    """Lint B2B marketing org design: YAML in, findings and an org chart out.

    \b
    Examples:
      orgdesign lint examples/series-a.org.yaml
      orgdesign render examples/series-a.org.yaml -o chart.svg --highlight
      orgdesign explain approval-chain-too-long
    """


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@_format_option("text", "json", "sarif", "github", "markdown")
@_rule_options("findings")
@_MAX_SIZE
@_NO_PLUGINS
@_guarded
def lint(
    files: tuple[str, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str,
    exit_zero: bool,
    scope: str | None,
    max_size: float | None,
) -> None:
    """Check org files and report coordination smells.

    FILES are org files or directories; a directory is searched for *.org.yaml files.
    """
    import orgdesign as od
    from orgdesign.config import find_pyproject, load_project_config
    from orgdesign.reporters.github import format_github
    from orgdesign.reporters.json import format_json
    from orgdesign.reporters.markdown import format_markdown
    from orgdesign.reporters.sarif import format_sarif
    from orgdesign.reporters.text import format_text

    reports = []
    broken = False
    projects: dict[object, object] = {}
    nearest: dict[str, object] = {}
    for name in dict.fromkeys(_expand(files)):
        try:
            org = od.load(name, limits=_limits(max_size))
        except LoadError as exc:
            broken = True
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            continue
        # One lookup per directory: many files in one tree share their pyproject.toml.
        directory = os.path.dirname(os.path.abspath(name))
        if directory not in nearest:
            nearest[directory] = find_pyproject(directory)
        pyproject = nearest[directory]
        if pyproject is not None and pyproject not in projects:
            projects[pyproject] = load_project_config(pyproject)
        reports.append(
            od.lint(
                org,
                select=_split(select),
                ignore=_split(ignore),
                config=projects.get(pyproject),  # type: ignore[arg-type]
                scope=scope,
            )
        )
    report = od.Report.merge(reports)
    writers = {
        "json": format_json,
        "sarif": format_sarif,
        "github": format_github,
        "markdown": format_markdown,
    }
    if output_format in writers:
        click.echo(writers[output_format](report), nl=False)
    elif reports:  # a summary of zero linted files would read as "all passed"
        click.echo(format_text(report), nl=False)
    if broken:
        sys.exit(2)
    sys.exit(0 if exit_zero else report.exit_code(fail_on))


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, allow_dash=True),
    help="Chart file, or - for standard output.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["svg", "png", "dot", "mermaid"]),
    help="Output format (default: from the output's extension, else svg).",
)
@click.option("--focus", metavar="ID", help="Draw this person and everyone below them.")
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    metavar="N",
    help="Levels below the focus (or the top) to draw; deeper people become '+N people'.",
)
@click.option(
    "--highlight/--no-highlight", default=False, help="Colour people and functions by findings."
)
@click.option(
    "--direction",
    type=click.Choice(["auto", "TB", "LR", "top-down", "left-right"]),
    default="auto",
    show_default=True,
    help="Top-down or left-right; auto picks what fits the org's shape (people view) or "
    "left-right (other views).",
)
@click.option(
    "--compact/--no-compact",
    default=None,
    help="Top-down: stack two or more leaf reports of a manager in a column under them "
    "(default: chosen with the direction).",
)
@click.option(
    "--group",
    type=click.Choice(["team", "segment", "none"]),
    default=None,
    help="Box people by team, by segment, or not at all (default: team; none in the "
    "functions view).",
)
@click.option(
    "--view",
    type=click.Choice(["people", "functions", "workflows"]),
    default="people",
    show_default=True,
    help="The org chart, functions linked to their D/E/I/R owners, or each workflow's "
    "approval and handoff chains.",
)
@click.option(
    "--functions/--no-functions",
    default=True,
    show_default=True,
    help="In the people view, hang functions off their runners.",
)
@click.option(
    "--legend/--no-legend",
    default=None,
    help="Draw a key (default: with --highlight and in the functions and workflows views).",
)
@click.option(
    "--max-people",
    type=click.IntRange(min=1),
    default=1500,
    show_default=True,
    help="Refuse charts with more people than this.",
)
@click.option(
    "--timeout",
    type=_Finite(min=0.1, max=86_400),
    default=60.0,
    show_default=True,
    metavar="SECONDS",
    help="Give up laying out the chart after this long.",
)
@_MAX_SIZE
@_NO_PLUGINS
@_guarded
def render(
    file: str,
    output: str,
    output_format: str | None,
    focus: str | None,
    depth: int | None,
    highlight: bool,
    direction: str,
    compact: bool | None,
    group: str | None,
    view: str,
    functions: bool,
    legend: bool | None,
    max_people: int,
    timeout: float,
    max_size: float | None,
) -> None:
    """Draw an org file as a chart (SVG, PNG, DOT or a Mermaid flowchart).

    \b
    Examples:
      orgdesign render org.yaml -o chart.svg --highlight
      orgdesign render org.yaml -o cmo.png --focus cmo --depth 2
      orgdesign render org.yaml -o - --format mermaid
      orgdesign render org.yaml -o owners.svg --view functions
      orgdesign render org.yaml -o approvals.svg --view workflows --highlight
    """
    import orgdesign as od
    from orgdesign.render import FORMATS

    org = od.load(file, limits=_limits(max_size))
    chart = od.render(
        org,
        highlight=True if highlight else None,
        focus=focus,
        depth=depth,
        direction=direction,
        compact=compact,
        group=group,
        view=view,
        functions=functions,
        legend=legend,
        max_people=max_people,
        timeout=timeout,
    )
    suffix = Path(output).suffix.lstrip(".").lower()
    chosen = output_format or FORMATS.get(suffix)
    if chosen is None:
        if output != "-":
            what = f"unknown chart format '.{suffix}'" if suffix else "no chart format in the name"
            _fail(
                f"orgdesign: {output}: {what}; name the file .svg, .png, .dot or .mmd, or "
                "give --format"
            )
        chosen = "svg"
    if output != "-":
        _refuse_inputs(output, [file])
    data = chart.pipe(chosen)
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    _write(output, data)  # inputs refused above, before the layout ran
    click.echo(f"wrote {output}")


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@_format_option("text", "json")
@_MAX_SIZE
@_guarded
def stats(file: str, output_format: str, max_size: float | None) -> None:
    """Spans of control, layers, FTE per function and team, brand share, meeting load."""
    import json

    import orgdesign as od

    figures = od.stats(od.load(file, limits=_limits(max_size)))
    if output_format == "json":
        click.echo(json.dumps(figures.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(figures.to_text(), nl=False)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@_format_option("text", "json", "html", "csv", "xlsx")
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    help="Write to FILE instead of standard output (needed for xlsx).",
)
@_MAX_SIZE
@_guarded
def matrix(file: str, output_format: str, output: str | None, max_size: float | None) -> None:
    """Functions by owners with D(ecision) E(xecution) I(nput) R(eview) marks.

    Gaps (no live decision or execution owner) and conflicts (several decision owners) are
    flagged with '!'. --format csv writes the sheet `orgdesign import` reads back: edit it
    in a spreadsheet workshop, then import it with the people table.
    """
    import json

    import orgdesign as od

    if output_format == "xlsx" and output is None:
        _fail("orgdesign: --format xlsx writes a workbook: name the file with -o FILE")
    org = od.load(file, limits=_limits(max_size))
    if output_format == "xlsx":
        from orgdesign.importers._tables import write_sheet
        from orgdesign.render.matrix import ownership_rows

        data = write_sheet(ownership_rows(org), "Ownership")
        _write(output, data, inputs=[file])  # type: ignore[arg-type]
        return
    if output_format == "csv":
        from orgdesign.render.matrix import ownership_csv

        text = ownership_csv(org)
    else:
        found = od.ownership_matrix(org)
        if output_format == "json":
            text = json.dumps(found.to_dict(), indent=2, ensure_ascii=False) + "\n"
        elif output_format == "html":
            text = found._repr_html_() + "\n"
        else:
            text = found.to_text()
    if output is None:
        click.echo(text, nl=False)
    else:
        _write(output, text.encode("utf-8"), inputs=[file])


def _same_file(one: str, other: str) -> bool:
    if os.path.realpath(one) == os.path.realpath(other):  # symlinks resolved
        return True
    try:
        return os.path.samefile(one, other)  # hard links: the same inode
    except OSError:
        return False


def _refuse_inputs(path: str, inputs: Iterable[str]) -> None:
    for source in inputs:
        if source != "-" and _same_file(path, source):
            _fail(f"orgdesign: {path} is one of the inputs ({source}); write the output elsewhere")


def _write(path: str, data: bytes, *, inputs: Iterable[str] = (), exclusive: bool = False) -> None:
    """Write an output file: never over one of the inputs, never over an existing file when
    ``exclusive``, and any failure (a missing folder, a full disk, no permission) as one line
    and exit 2."""
    _refuse_inputs(path, inputs)
    try:
        with open(path, "xb" if exclusive else "wb") as handle:
            handle.write(data)
    except FileExistsError:
        _fail(f"orgdesign: {path} already exists; pass --force to overwrite it")
    except OSError as exc:
        _fail(f"orgdesign: cannot write {path}: {exc.strerror or exc}")


@main.command()
@_guarded
def schema() -> None:
    """Print the JSON Schema of the org file format (for editors and CI checks).

    \b
    Save it and point your editor at it from the top of an org file:
      orgdesign schema > org.schema.json
      # yaml-language-server: $schema=org.schema.json
    """
    from orgdesign.schema import schema_text

    click.echo(schema_text(), nl=False)


@main.command()
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@_format_option("text", "json", "markdown")
@_rule_options("new findings")
@_MAX_SIZE
@_NO_PLUGINS
@_guarded
def diff(
    old: str,
    new: str,
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str,
    exit_zero: bool,
    scope: str | None,
    max_size: float | None,
) -> None:
    """Compare two versions of an org file: what changed, and which findings are new or fixed.

    Entities are matched by id and findings by rule, subject and related ids, so moved lines
    do not count. The exit code is 1 only for new findings at or above --fail-on: an old
    file's known smells do not fail a change that leaves them alone.

    \b
    Examples:
      orgdesign diff before.org.yaml after.org.yaml
      git show main:org/marketing.org.yaml > /tmp/main.org.yaml
      orgdesign diff /tmp/main.org.yaml org/marketing.org.yaml --format markdown
    """
    import json

    import orgdesign as od
    from orgdesign.config import find_pyproject, load_project_config
    from orgdesign.diff import diff as compare

    orgs, problems = [], []
    for name in (old, new):
        try:
            orgs.append(od.load(name, limits=_limits(max_size)))
        except LoadError as exc:
            problems.extend(exc.problems)
    if problems:
        for problem in problems:
            click.echo(str(problem), err=True)
        sys.exit(2)
    pyproject = find_pyproject(os.path.dirname(os.path.abspath(new)))
    changes = compare(
        orgs[0],
        orgs[1],
        select=_split(select),
        ignore=_split(ignore),
        config=None if pyproject is None else load_project_config(pyproject),
        scope=scope,
    )
    if output_format == "json":
        click.echo(json.dumps(changes.to_dict(), indent=2, ensure_ascii=False))
    elif output_format == "markdown":
        click.echo(changes.to_markdown(), nl=False)
    else:
        click.echo(changes.to_text(), nl=False)
    sys.exit(0 if exit_zero else changes.exit_code(fail_on))


@main.command("import")
@click.argument("sources", nargs=-1, required=True, metavar="SRC...")
@_ORG_OUTPUT
@click.option(
    "--kind",
    type=click.Choice(["people", "ownership", "backstage"]),
    help="What the sources hold (found from their content when not given).",
)
@click.option(
    "--raci",
    is_flag=True,
    help="Read ownership matrices as R/A/C/I: A decides, R executes, C gives input.",
)
@click.option(
    "--map",
    "mappings",
    multiple=True,
    metavar="FIELD=COLUMN",
    help="Read FIELD from COLUMN, for a header the matching misses (repeatable).",
)
@click.option("--sheet", metavar="NAME", help="The sheet of an .xlsx workbook to read.")
@click.option(
    "--header-row",
    type=click.IntRange(min=1),
    metavar="N",
    help="The line (spreadsheet row) holding the headers; else the first of the first 20 "
    "rows with two known headers.",
)
@click.option(
    "--unknown-managers",
    type=click.Choice(["error", "root", "context"]),
    default="error",
    show_default=True,
    help="A manager who has no row: an error; root (leave the line out); or context (add "
    "them as a person outside the export, for a partial export).",
)
@click.option(
    "--encoding",
    metavar="NAME",
    help="Read text sources in this encoding (cp1252, shift_jis, gbk, ...), not the one "
    "found from their bytes.",
)
@click.option(
    "--allow-flat",
    is_flag=True,
    help="Write a people table that yields no reporting line at all (everyone a root).",
)
@_ORG_NAME
@click.option("--leader", metavar="ID", help="The marketing leader's id (org.leader).")
@_FORCE
@_guarded
def import_(
    sources: tuple[str, ...],
    output: str,
    kind: str | None,
    raci: bool,
    mappings: tuple[str, ...],
    sheet: str | None,
    header_row: int | None,
    unknown_managers: str,
    allow_flat: bool,
    encoding: str | None,
    org_name: str | None,
    leader: str | None,
    force: bool,
) -> None:
    """Make an org file from HR exports, ownership (RACI) sheets and Backstage catalogs.

    Columns are found by their headers (Employee ID, Full Name or First and Last Name, Job
    Title, Manager ID or Manager Email or Manager, Department, FTE, Status, ...), whatever
    their case, punctuation, qualifier ("Reports to (email)") or language (Vorgesetzter,
    Responsable, ...), on the first of the first 20 rows holding two of them; failing a
    header, the manager column is found by its values. A manager may be given by id,
    email, full name or (with --map position=COLUMN) the position they hold. Leavers are
    left out and open roles kept, from the Status. Fields for --map: id, name, first_name,
    last_name, title, reports_to, dotted_to, team, email, capacity, status, employment,
    position. CSV and
    TSV, in UTF-8 (with or without BOM), UTF-16 or Windows-1252, comma-, semicolon- or
    tab-separated. An ownership matrix has a row per function (first column Function) and
    a column per person or team, cells of D, E, I, R (or R, A, C, I with --raci); the
    `orgdesign matrix --format csv` output is one. Every problem is reported as
    SRC:line:col and nothing is written.

    \b
    Examples:
      orgdesign import people.csv -o acme.org.yaml
      orgdesign import people.csv ownership.csv -o acme.org.yaml
      orgdesign import workday.tsv --map reports_to="Boss ID" --name "Acme Cloud"
      orgdesign import team.csv --unknown-managers context -o marketing.org.yaml
      orgdesign import positions.csv --map position=manager_role_slug -o org.yaml
      orgdesign import people.csv -o - | less
    """
    from orgdesign.importers import import_sources, imported_yaml

    mapping: dict[str, str] = {}
    for item in mappings:
        field, equals, column = item.partition("=")
        if not equals or not field.strip() or not column.strip():
            _fail(f"orgdesign: --map {item}: write it as FIELD=COLUMN, e.g. reports_to=Boss")
        mapping[field.strip()] = column.strip()
    if output != "-":  # refused before any work, as it is after
        _refuse_inputs(output, sources)
    imported = import_sources(
        list(sources),
        kind=kind,
        mapping=mapping,
        raci=raci,
        sheet=sheet,
        name=org_name,
        leader=leader,
        header_row=header_row,
        unknown_managers=unknown_managers,
        allow_flat=allow_flat,
        encoding=encoding,
    )
    command = ["orgdesign", "import", *(shlex.quote(s) for s in sources)]
    command.append(f"-o {shlex.quote(output)}")
    command += [f"--map {shlex.quote(f'{k}={v}')}" for k, v in mapping.items()]
    if raci:
        command.append("--raci")
    if sheet:
        command.append(f"--sheet {shlex.quote(sheet)}")
    if header_row is not None:
        command.append(f"--header-row {header_row}")
    if unknown_managers != "error":
        command.append(f"--unknown-managers {unknown_managers}")
    if allow_flat:
        command.append("--allow-flat")
    if encoding:
        command.append(f"--encoding {shlex.quote(encoding)}")
    if org_name:
        command.append(f"--name {shlex.quote(org_name)}")
    if leader:
        command.append(f"--leader {shlex.quote(leader)}")
    text = imported_yaml(imported, command)
    made = imported.made
    summary = (
        f"{made['people']} people ({_plural(made['open roles'], 'open role')}), "
        f"{_plural(made['teams'], 'team')}, {_plural(made['functions'], 'function')}"
    )
    if output == "-":
        click.echo(text, nl=False)
        for note in imported.notes:
            click.echo(f"note: {note}", err=True)
        return
    _write(output, text.encode("utf-8"), exclusive=not force)  # inputs refused above
    click.echo(f"wrote {output}: {summary}")
    for note in imported.notes:
        click.echo(f"note: {note}")
    click.echo(f"next: orgdesign lint {shlex.quote(output)}")


@main.command()
@click.option(
    "--template",
    "-t",
    "template_name",
    type=click.Choice(TEMPLATES),
    required=True,
    help="The company stage to start from.",
)
@_ORG_OUTPUT
@_ORG_NAME
@_FORCE
@_guarded
def init(template_name: str, output: str, org_name: str | None, force: bool) -> None:
    """Write a commented starter org file that lints clean, ready to edit.

    \b
    Templates:
      seed       a fractional leader, two generalists, an agency (6 people)
      series-a   a VP and four discipline teams, ops with a direct line (14 people)
      scale-up   a CMO over central functions and two segment teams (31 people)

    \b
    Examples:
      orgdesign init --template series-a
      orgdesign init -t seed -o acme.org.yaml --name "Acme Cloud"
      orgdesign init -t scale-up -o - | less
    """
    import orgdesign as od
    from orgdesign.templates import template

    try:
        text = template(
            template_name,
            org_name=org_name,
            file_name=None if output == "-" else output,
        )
    except ValueError as exc:
        _fail(f"orgdesign: {exc}")
    try:  # the templates load; a --name the format cannot hold is what can fail here
        org = od.loads(text, filename=output)
    except LoadError as exc:
        _fail(f"orgdesign: --name: {exc.problems[0].message}")
    if output == "-":
        click.echo(text, nl=False)
        return
    _write(output, text.encode("utf-8"), exclusive=not force)
    click.echo(
        f"wrote {output} ({template_name} template: {len(org.people)} people, "
        f"{len(org.functions)} functions)\nedit it, then run: orgdesign lint {shlex.quote(output)}"
    )


@main.command()
@_format_option("text", "json")
@_NO_PLUGINS
@_guarded
def rules(output_format: str) -> None:
    """List every rule: code, slug, family, default severity."""
    from orgdesign.reporters.rules import rules_json, rules_table
    from orgdesign.rules import all_rules

    found = all_rules()
    click.echo(rules_json(found) if output_format == "json" else rules_table(found), nl=False)


@main.command()
@click.argument("rule")
@_format_option("text", "json")
@_NO_PLUGINS
@_guarded
def explain(rule: str, output_format: str) -> None:
    """Print the documentation of one rule, by slug or code."""
    from orgdesign.reporters.rules import explain_json, explain_text
    from orgdesign.rules import get_rule

    found = get_rule(rule)
    click.echo(explain_json(found) if output_format == "json" else explain_text(found), nl=False)


def run() -> NoReturn:
    """The ``orgdesign`` command: `main`, then an immediate exit with its status.

    Once a command has written its output, freeing a large org object by object only delays
    the exit (0.4 s of a 100,000-person lint); the operating system frees the whole process at
    once, so the command ends as mypy's does, without that teardown. In-process callers use
    `main`, which returns or raises as click commands do.

    For the same reason the cyclic garbage collector stays off for the whole process: each
    command pauses it while it works, and turning it back on would make the next allocation
    walk every object the command made (0.15 s of a 100,000-person lint).
    """
    gc.disable()
    try:
        main()  # standalone: ends in SystemExit with the command's status
        code: Any = 0
    except SystemExit as exc:
        code = exc.code
    if code is None:
        code = 0
    elif not isinstance(code, int):  # as the interpreter does: the text on stderr, status 1
        print(code, file=sys.stderr)
        code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader went away: a normal end
        pass
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
