"""``peka config install`` and ``peka config set``: how IT (and the MSI) write config."""

from __future__ import annotations

from pathlib import Path

import click

_MACHINE_DIR = click.option(
    "--machine-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="The machine folder to write DIR/config.toml in (default: this computer's).",
)


def register(cli: click.Group) -> None:
    group = cli.commands["config"]
    assert isinstance(group, click.Group)

    @group.command("install")
    @click.argument("source", type=click.Path(dir_okay=False, exists=True, path_type=Path))
    @_MACHINE_DIR
    @click.option(
        "--keep-existing",
        is_flag=True,
        help="Leave a config.toml that is already there alone (first installs only).",
    )
    def config_install(source: Path, machine_dir: Path | None, keep_existing: bool) -> None:
        """Check SOURCE (every problem at once) and install it as the machine config."""
        from assist import paths
        from assist.config_files import install_file

        target = (machine_dir or paths.machine_dir()) / "config.toml"
        if install_file(source, target, keep_existing=keep_existing):
            click.echo(f"Installed {source} as {target}.")
        else:
            click.echo(f"Kept the existing {target}.")

    @group.command("set")
    @click.argument("assignments", nargs=-1, required=True, metavar="KEY=VALUE...")
    @click.option(
        "--machine", is_flag=True, help="Write the machine config (IT) instead of your own."
    )
    @_MACHINE_DIR
    def config_set(assignments: tuple[str, ...], machine: bool, machine_dir: Path | None) -> None:
        """Set keys in your config file, or with --machine in this computer's.

        VALUE is written as TOML: 365, true, ["A\\d+"] or text (ui.language=en). Comments
        and layout of the file are kept; every bad key is reported and nothing is written.
        """
        from assist import paths
        from assist.config_files import parse_assignments, set_keys

        if machine_dir is not None:
            target = machine_dir / "config.toml"
        elif machine:
            target = paths.machine_config_file()
        else:
            target = paths.user_config_file()
        parsed = parse_assignments(list(assignments), target)
        set_keys(target, parsed)
        for item in parsed:
            click.echo(f"{item.key} = {item.value!r} in {target}")
