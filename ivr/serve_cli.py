"""`triage serve`: run the Procfile's web process, so the CLI serves exactly what production does."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ivr.config import ROOT


def procfile_command(process: str) -> str:
    for line in (ROOT / "Procfile").read_text().splitlines():
        name, _, command = line.partition(":")
        if name.strip() == process:
            return command.strip()
    raise click.ClickException(f"no '{process}' process in Procfile")


@click.command(help="Serve the webhooks with gunicorn, as the Procfile's web process does.")
@click.option("--host", default=None, help="Address to bind (default: $HOST, else 0.0.0.0).")
@click.option("--port", type=int, default=None, help="Port (default: $PORT, else 5000).")
def serve(host: str | None, port: int | None) -> None:
    if host:
        os.environ["HOST"] = host
    if port:
        os.environ["PORT"] = str(port)
    os.chdir(ROOT)
    # gunicorn lives beside the interpreter running us (.venv/bin), which may not be on PATH.
    os.environ["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    os.execvp("sh", ["sh", "-c", "exec " + procfile_command("web")])


commands = [serve]
