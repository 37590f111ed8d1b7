"""``peka suggest``, ``peka phrases …`` and ``peka bench suggest``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from assist.authority.models import CompensationAdvisor, CompensationCase, CompensationOption
from assist.cli.common import PekaGroup, db_option, echo_json, get_config, resolve_db
from assist.errors import PekaError
from assist.nlp.awaited import AWAITED
from assist.nlp.models import EMOTIONS, FAULTS, FUNCTIONS, ISSUES
from assist.suggest.errors import E405, E409, E411
from assist.suggest.library import PhraseLibrary, read_shipped
from assist.suggest.phrases import (
    CHANNELS,
    LANGUAGES,
    REGISTERS,
    Located,
    Phrase,
    PhraseError,
    PhraseProblem,
    duplicate_problems,
    phrase_from_json,
    read_file,
)
from assist.suggest.store import PhraseStore

F = TypeVar("F", bound=Callable[..., Any])


def _phrases_path(path: Path | None) -> Path:
    return resolve_db(path, "phrases.path")


def _by() -> str:
    return str(get_config()["agent.id"])


def phrases_option() -> Callable[[F], F]:
    return click.option(
        "--phrases",
        "phrases_db",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="The supervisors' phrase database (default: the configured `phrases.path`).",
    )


class _AdvisorInLanguage:
    """The authority service, asked for option labels in the interface language."""

    def __init__(self, service: Any, language: str) -> None:
        self.service = service
        self.language = language

    def options(self, case: CompensationCase) -> list[CompensationOption]:
        return list(self.service.options(case, language=self.language))


def configured_advisor(language: str) -> CompensationAdvisor | None:
    """The authority service when IT has installed a policy; None otherwise."""
    cfg = get_config()
    policy_path = cfg["policy.path"]
    if not isinstance(policy_path, Path) or not policy_path.exists():
        return None
    from assist.authority import AuthorityService

    return _AdvisorInLanguage(AuthorityService.from_config(cfg), language)


def register(cli: click.Group) -> None:
    cli.add_command(suggest_command)
    cli.add_command(phrases)
    cli.commands["bench"].add_command(bench_suggest)  # type: ignore[attr-defined]


# -- peka suggest -------------------------------------------------------------------------


@click.command("suggest")
@click.option("--customer", "customer_id", default=None, help="Customer id in the cache.")
@click.option("--message", required=True, help="The customer's latest message.")
@click.option("--draft", default="", help="The agent's current draft reply.")
@click.option(
    "--channel", type=click.Choice(CHANNELS), default="chat", show_default=True, help="Channel."
)
@click.option(
    "--ui-language",
    type=click.Choice(("id", "en")),
    default=None,
    help="Language of reasons and coaching (default: `ui.language`).",
)
@click.option("--limit", type=click.IntRange(1, 20), default=6, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@db_option()
@phrases_option()
def suggest_command(
    customer_id: str | None,
    message: str,
    draft: str,
    channel: str,
    ui_language: str | None,
    limit: int,
    as_json: bool,
    db: Path | None,
    phrases_db: Path | None,
) -> None:
    """Empathy suggestions and coaching for a customer message and a draft reply."""
    from assist.nlp import load_engine
    from assist.session import AssistSession

    cfg = get_config()
    ui = ui_language or str(cfg["ui.language"])
    record = None
    if customer_id:
        from assist.cache import Cache

        with Cache.open(resolve_db(db), readonly=True) as cache:
            record = cache.open_customer(customer_id)
        if record is None:
            raise PekaError(
                E411,
                f"No customer {customer_id!r} in the cache {resolve_db(db)}. Check the id "
                "(search the cache by name, phone or order number) or import the "
                "helpdesk's exports.",
            )
    library = PhraseLibrary.load(_phrases_path(phrases_db))
    session = AssistSession(
        load_engine(list(cfg["nlp.order_patterns"])),
        library,
        advisor=configured_advisor(ui),
        agent_id=str(cfg["agent.id"]),
        agent_name=str(cfg["agent.name"]),
        channel=channel,
        ui_language=ui,
        limit=limit,
    )
    session.set_customer(record)
    session.add_customer_message(message)
    update = session.update(draft)
    if as_json:
        echo_json(update.to_dict())
        return
    a = update.analysis
    if a is not None:
        click.echo(
            f"{a.emotion} ({a.intensity:.2f}), issue {a.issue}, fault {a.fault}, "
            f"language {a.language}"
        )
    click.echo("")
    for s in update.suggestions:
        click.echo(f"[{s.function}] {s.text}")
        click.echo(f"    {s.id}  {s.score:.2f}  {s.reason}")
    for finding in update.coach.findings:
        click.echo(f"\n! {finding.kind}: {finding.message}\n  → {finding.rewrite}")
    for option in update.compensation:
        click.echo(f"\n$ {option.label} ({option.status}): {option.reason}")


# -- peka phrases -------------------------------------------------------------------------


@click.group(cls=PekaGroup)
def phrases() -> None:
    """The phrase library: list, add, edit, disable, enable, import, export, validate."""


def _effective(path: Path) -> PhraseLibrary:
    return PhraseLibrary.load(path)


@phrases.command("list")
@click.option("--language", type=click.Choice(LANGUAGES), default=None)
@click.option("--function", "function", type=click.Choice(FUNCTIONS), default=None)
@click.option(
    "--source", type=click.Choice(("shipped", "supervisor")), default=None, help="Only these."
)
@click.option("--disabled", "only_disabled", is_flag=True, help="Only disabled phrases.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON Lines objects as a list.")
@db_option("phrases.path", "supervisors' phrase database")
def phrases_list(
    language: str | None,
    function: str | None,
    source: str | None,
    only_disabled: bool,
    as_json: bool,
    db: Path | None,
) -> None:
    """List phrases (active ones unless --disabled) with their ids and tags."""
    library = _effective(_phrases_path(db))
    pool = (
        [p for p in library.all if p.id in library.disabled]
        if only_disabled
        else list(library.phrases)
    )
    rows = [
        p
        for p in pool
        if (language is None or p.language == language)
        and (function is None or p.function == function)
        and (source is None or p.source == source)
    ]
    if as_json:
        echo_json(
            [
                {
                    **p.to_json(),
                    "source": p.source,
                    "disabled": p.id in library.disabled,
                }
                for p in rows
            ]
        )
        return
    for p in rows:
        mark = " (disabled)" if p.id in library.disabled else ""
        click.echo(f"{p.id:<16} {p.function:<20} {p.source:<10} {p.text}{mark}")
    click.echo(f"{len(rows)} phrase(s)")


def _check_against_library(new: list[Located], library: PhraseLibrary) -> None:
    """New or changed phrases must not repeat another phrase's text."""
    replaced = {item.phrase.id for item in new}
    existing = [Located(p, f"library: phrase {p.id}") for p in library.all if p.id not in replaced]
    problems = [
        problem
        for problem in duplicate_problems([*existing, *new])
        if not problem.where.startswith("library:")
    ]
    if problems:
        raise PhraseError(problems)


def _build(data: dict[str, Any], where: str) -> Located:
    return Located(phrase_from_json(data, where, source="supervisor"), where)


@phrases.command("add")
@click.option("--id", "phrase_id", required=True, help="A new stable id, e.g. sup-ack-001.")
@click.option("--language", type=click.Choice(LANGUAGES), required=True)
@click.option("--function", "function", type=click.Choice(FUNCTIONS), required=True)
@click.option("--text", required=True, help="The phrase; placeholders like {name}.")
@click.option("--register", type=click.Choice(REGISTERS), default="any", show_default=True)
@click.option("--channel", "channels", type=click.Choice(CHANNELS), multiple=True)
@click.option("--emotion", "emotions", type=click.Choice(EMOTIONS), multiple=True)
@click.option("--issue", "issues", type=click.Choice(ISSUES), multiple=True)
@click.option("--fault", "faults", type=click.Choice(FAULTS), multiple=True)
@click.option(
    "--awaited",
    type=click.Choice(AWAITED),
    multiple=True,
    help="What the phrase says the customer waits for: a parcel or a visit.",
)
@click.option("--intensity", type=(float, float), default=(0.0, 1.0), show_default=True)
@click.option("--admits-fault", is_flag=True, help="The phrase admits the company's fault.")
@db_option("phrases.path", "supervisors' phrase database")
def phrases_add(
    phrase_id: str,
    language: str,
    function: str,
    text: str,
    register: str,
    channels: tuple[str, ...],
    emotions: tuple[str, ...],
    issues: tuple[str, ...],
    faults: tuple[str, ...],
    awaited: tuple[str, ...],
    intensity: tuple[float, float],
    admits_fault: bool,
    db: Path | None,
) -> None:
    """Add a supervisor phrase (its id must be new)."""
    path = _phrases_path(db)
    library = _effective(path)
    if library.get(phrase_id) is not None:
        raise PekaError(
            E405,
            f"Phrase id {phrase_id!r} already exists; choose a new id, or change that "
            f"phrase with `peka phrases edit {phrase_id}`.",
        )
    data: dict[str, Any] = {
        "id": phrase_id,
        "language": language,
        "function": function,
        "text": text,
        "register": register,
        "channels": list(channels),
        "emotions": list(emotions),
        "issues": list(issues),
        "faults": list(faults),
        "awaited": list(awaited),
        "intensity": list(intensity),
        "admits_fault": admits_fault,
    }
    item = _build(data, "--text")
    _check_against_library([item], library)
    with PhraseStore.open(path) as store:
        store.put([item.phrase], by=_by())
    click.echo(f"Added {phrase_id}.")


@phrases.command("edit")
@click.argument("phrase_id")
@click.option("--text", default=None)
@click.option("--register", type=click.Choice(REGISTERS), default=None)
@click.option("--channel", "channels", type=click.Choice(CHANNELS), multiple=True)
@click.option("--emotion", "emotions", type=click.Choice(EMOTIONS), multiple=True)
@click.option("--issue", "issues", type=click.Choice(ISSUES), multiple=True)
@click.option("--fault", "faults", type=click.Choice(FAULTS), multiple=True)
@click.option(
    "--awaited",
    type=click.Choice(AWAITED),
    multiple=True,
    help="What the phrase says the customer waits for: a parcel or a visit.",
)
@click.option("--intensity", type=(float, float), default=None)
@click.option(
    "--revert", is_flag=True, help="Drop the supervisors' version (shipped text shows again)."
)
@db_option("phrases.path", "supervisors' phrase database")
def phrases_edit(
    phrase_id: str,
    text: str | None,
    register: str | None,
    channels: tuple[str, ...],
    emotions: tuple[str, ...],
    issues: tuple[str, ...],
    faults: tuple[str, ...],
    awaited: tuple[str, ...],
    intensity: tuple[float, float] | None,
    revert: bool,
    db: Path | None,
) -> None:
    """Change a phrase (shipped or added); the change is stored as a supervisor override.

    Options given replace that field; tag options replace the whole tag list.
    """
    path = _phrases_path(db)
    library = _effective(path)
    current = library.get(phrase_id)
    if current is None:
        raise PekaError(E409, f"No phrase {phrase_id!r}. List ids with `peka phrases list`.")
    if revert:
        with PhraseStore.open(path) as store:
            removed = store.remove(phrase_id)
        click.echo(f"Reverted {phrase_id}." if removed else f"{phrase_id} had no override.")
        return
    data = current.to_json()
    if text is not None:
        data["text"] = text
    if register is not None:
        data["register"] = register
    for key, values in (
        ("channels", channels),
        ("emotions", emotions),
        ("issues", issues),
        ("faults", faults),
        ("awaited", awaited),
    ):
        if values:
            data[key] = list(values)
    if intensity is not None:
        data["intensity"] = list(intensity)
    item = _build(data, f"phrase {phrase_id}")
    _check_against_library([item], library)
    with PhraseStore.open(path) as store:
        store.put([item.phrase], by=_by())
    click.echo(f"Saved {phrase_id}.")


@phrases.command("disable")
@click.argument("phrase_id")
@click.option("--reason", default="", help="Why (shown in `peka phrases list --disabled`).")
@db_option("phrases.path", "supervisors' phrase database")
def phrases_disable(phrase_id: str, reason: str, db: Path | None) -> None:
    """Stop offering a phrase (shipped or added) to agents."""
    path = _phrases_path(db)
    if _effective(path).get(phrase_id) is None:
        raise PekaError(E409, f"No phrase {phrase_id!r}. List ids with `peka phrases list`.")
    with PhraseStore.open(path) as store:
        store.disable(phrase_id, by=_by(), reason=reason)
    click.echo(f"Disabled {phrase_id}.")


@phrases.command("enable")
@click.argument("phrase_id")
@db_option("phrases.path", "supervisors' phrase database")
def phrases_enable(phrase_id: str, db: Path | None) -> None:
    """Offer a disabled phrase again."""
    path = _phrases_path(db)
    with PhraseStore.open(path) as store:
        if not store.enable(phrase_id):
            raise PekaError(
                E409,
                f"Phrase {phrase_id!r} is not disabled. See `peka phrases list --disabled`.",
            )
    click.echo(f"Enabled {phrase_id}.")


@phrases.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option("phrases.path", "supervisors' phrase database")
def phrases_import(file: Path, db: Path | None) -> None:
    """Add or replace supervisor phrases from a JSON Lines file (all or nothing)."""
    path = _phrases_path(db)
    items = read_file(file, source="supervisor")
    _check_against_library(items, _effective(path))
    with PhraseStore.open(path) as store:
        count = store.put([item.phrase for item in items], by=_by())
    click.echo(f"Imported {count} phrase(s) from {file}.")


@phrases.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path), required=False)
@click.option("--all", "everything", is_flag=True, help="The whole active library.")
@db_option("phrases.path", "supervisors' phrase database")
def phrases_export(file: Path | None, everything: bool, db: Path | None) -> None:
    """Write the supervisors' phrases (or --all active ones) as JSON Lines."""
    path = _phrases_path(db)
    if everything:
        chosen: list[Phrase] = list(_effective(path).phrases)
    elif path.exists():
        with PhraseStore.open(path) as store:
            chosen = store.phrases()
    else:
        chosen = []
    lines = [json.dumps(p.to_json(), ensure_ascii=False) for p in chosen]
    text = "".join(line + "\n" for line in lines)
    if file is None:
        click.echo(text, nl=False)
        return
    tmp = file.with_name(file.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(file)
    click.echo(f"Exported {len(lines)} phrase(s) to {file}.", err=True)


@phrases.command("validate")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@db_option("phrases.path", "supervisors' phrase database")
def phrases_validate(files: tuple[Path, ...], db: Path | None) -> None:
    """Check phrase files (default: the shipped library and the supervisors' database)."""
    problems: list[PhraseProblem] = []
    checked = 0
    targets = list(files)
    try:
        if targets:
            for target in targets:
                checked += len(read_file(target, source="supervisor"))
        else:
            checked += len(read_shipped())
            library = _effective(_phrases_path(db))
            checked = len(library.all)
    except PhraseError as exc:
        problems = exc.problems
    for problem in problems:
        click.echo(str(problem))
    if problems:
        raise click.exceptions.Exit(1)
    click.echo(f"OK: {checked} phrase(s) valid.")


# -- peka bench suggest -------------------------------------------------------------------


@click.command("suggest")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the default output).")
@click.option("--keystrokes", type=click.IntRange(10, 100_000), default=400, show_default=True)
def bench_suggest(as_json: bool, keystrokes: int) -> None:
    """Time AssistSession.update() per keystroke with the full library and a long draft."""
    from assist.suggest.bench import run

    echo_json(run(keystrokes=keystrokes))
