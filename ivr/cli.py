"""`triage`: the single command-line entry point. Each package contributes its subcommands."""
from __future__ import annotations

import importlib

import click

# Packages that add subcommands: each module exposes `commands`, a list of click commands.
COMMAND_MODULES = ("ivr.serve_cli", "nlu.cli", "flows.cli", "directory_client.cli", "ivr.call_cli", "ivr.specialists_cli")


@click.group(help="helpline-triage: SMS and voice triage for social-services helplines.")
def main() -> None:
    pass


for _name in COMMAND_MODULES:
    for _command in importlib.import_module(_name).commands:
        main.add_command(_command)
