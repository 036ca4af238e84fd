"""`triage call`: phone the helpline from a terminal, through a running server, as Twilio would."""
from __future__ import annotations

import click

from ivr.call_simulator import CallFailed, CallSimulator, Page, http_transport, parse_input
from ivr.config import Settings


def show(page: Page) -> None:
    for spoken in page.said:
        click.echo(f"  [{spoken.language or '?'}] {spoken.text}")
    if page.gather is not None:
        choices = ", ".join(page.hints) or "free answer"
        click.secho(f"  (keys or speech in {page.gather.get('language')}: {choices})", dim=True)
    if page.dial is not None:
        target = "".join(page.dial.itertext()).strip()
        click.secho(f"  (transferred: {target}; you would now be on hold)", fg="yellow")
    if page.ended:
        click.secho("  (call ended)", fg="yellow")


@click.command(help="Call the helpline from the terminal: hear its TwiML, answer with keys or typed speech.\n\n"
                    "Type digits (and * #) to press keys, words to speak them ('eviction @0.4' for a "
                    "low-confidence transcript), an empty line for silence, /hangup to hang up.")
@click.option("--url", default=None, help="The server's base URL (default: http://127.0.0.1:$PORT).")
@click.option("--from", "caller", default="+13135552520", show_default=True, help="The caller's number.")
@click.option("--to", "helpline", default="+18005550199", show_default=True, help="The helpline's number.")
def call(url: str | None, caller: str, helpline: str) -> None:
    settings = Settings.from_env()
    base_url = url or f"http://127.0.0.1:{settings.port}"
    # Signed with the server's token when we know it; an unsigned call is accepted only on loopback.
    sim = CallSimulator(http_transport, base_url, settings.twilio_auth_token, caller, helpline)
    try:
        page = sim.start()
        show(page)
        while not page.ended and page.gather is not None:
            try:
                line = click.prompt("", prompt_suffix="> ", default="", show_default=False)
            except click.Abort:
                line = "/hangup"
            kind, value, confidence = parse_input(line)
            if kind == "hangup":
                sim.hang_up()
                click.secho("  (you hung up)", fg="yellow")
                return
            page = sim.press(value) if kind == "keys" else sim.say(value, confidence) if kind == "speech" \
                else sim.silence()
            show(page)
        if page.dial is not None and not sim.status_sent:
            click.prompt("", prompt_suffix="(press Enter to hang up) ", default="", show_default=False)
            sim.hang_up()
    except CallFailed as error:
        raise click.ClickException(str(error)) from error


commands: list = [call]
