"""Subcommands for `triage` (see ivr/cli.py)."""

commands: list = []
