"""The `hydrawatch` command: local Kafka, the Faust worker, simulator, replay and evaluation."""

from __future__ import annotations

import dataclasses
import sys

import click

from streams.settings import Settings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """hydrawatch: catch LLM-API distillation campaigns in real time."""


@cli.command()
@click.argument("action", type=click.Choice(["up", "down", "status", "topics"]))
def kafka(action: str) -> None:
    """Run a local single-node Kafka (KRaft): up | down | status | topics."""
    from streams import kafka_local

    settings = Settings.from_env()
    try:
        if action == "up":
            click.echo(kafka_local.up(settings))
        elif action == "down":
            click.echo(kafka_local.down(settings))
        elif action == "topics":
            created = kafka_local.create_topics(kafka_local.client_settings(settings))
            click.echo(f"created: {', '.join(created) or 'none (all exist)'}")
        else:
            ok, line = kafka_local.status(settings)
            click.echo(line)
            sys.exit(0 if ok else 1)
    except kafka_local.KafkaError as exc:
        raise click.ClickException(str(exc)) from None


@cli.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.option("--web-port", type=int, default=None, help="Web/metrics port [HYDRAWATCH_WEB_PORT, 6066].")
@click.option("--web-bind", default=None, help="Web/metrics bind address [HYDRAWATCH_WEB_BIND, 127.0.0.1].")
@click.option("--loglevel", "-l", default=None, help="Log level [HYDRAWATCH_LOG_LEVEL, info].")
@click.pass_context
def worker(ctx: click.Context, web_port: int | None, web_bind: str | None, loglevel: str | None) -> None:
    """Start a Faust worker; extra options go to `faust worker`."""
    from prometheus_client import disable_created_metrics

    from streams.app import create_app

    disable_created_metrics()  # this process's `*_created` series would double the count; nothing reads them

    settings = Settings.from_env()
    settings = dataclasses.replace(
        settings,
        web_port=web_port or settings.web_port,
        web_bind=web_bind or settings.web_bind,
        log_level=loglevel or settings.log_level,
    )
    from streams import kafka_local

    try:  # before subscribing: Faust cannot use a changelog topic that appears later
        kafka_local.create_topics(settings)
    except Exception as exc:  # noqa: BLE001 - the worker waits for the broker itself
        click.echo(f"could not create topics on {settings.kafka_bootstrap} yet: {exc}", err=True)
    app = create_app(settings)
    sys.argv = [
        "hydrawatch", "worker", "--web-port", str(settings.web_port), "--web-bind", settings.web_bind,
        "--loglevel", settings.log_level, *ctx.args,
    ]
    app.main()


def _register_commands() -> None:
    """Commands that live in other modules register here (a broken import fails loudly)."""
    from streams.demo import demo
    from streams.replay import replay
    from streams.simulate_cli import baseline, evaluate, simulate

    for command in (simulate, evaluate, baseline, replay, demo):
        cli.add_command(command)


_register_commands()


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
