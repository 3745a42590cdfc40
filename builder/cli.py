"""The command line: `python -m builder build|update|bundle|serve|stats|translate|add`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import Project, build


class AtLeastOne(argparse.Action):
    """A whole-number option that must be 1 or more: anything less is a usage error."""

    def __call__(self, parser, namespace, values, option_string=None):
        """Store the number, or stop with a usage error naming the option."""
        if values < 1:
            parser.error(f"{option_string} must be at least 1, not {values}")
        setattr(namespace, self.dest, values)


class Seconds(argparse.Action):
    """A number of seconds that must be positive and finite: anything else is a usage error."""

    def __call__(self, parser, namespace, values, option_string=None):
        """Store the seconds, or stop with a usage error naming the option."""
        if not (values > 0 and values != float("inf")):
            parser.error(f"{option_string} must be a positive number of seconds, not {values}")
        setattr(namespace, self.dest, values)


def parser() -> argparse.ArgumentParser:
    """The command line's commands and options."""
    cli = argparse.ArgumentParser(prog="python -m builder", description="Build the bilingual explainer site.")
    cli.add_argument("--project", type=Path, default=Path.cwd(), help="project folder (default: current)")
    commands = cli.add_subparsers(dest="command", required=True)
    p_build = commands.add_parser("build", help="generate the pages and build the site into site/")
    p_build.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p_build.add_argument("--no-mkdocs", action="store_true", help="only generate build/docs, do not run MkDocs")
    p_update = commands.add_parser("update", help="build, and record the site's texts in translations/ and its "
                                   "URLs in content/published.yml")
    p_update.add_argument("--check", action="store_true", help="write nothing; exit 1 when they are not up to date")
    p_serve = commands.add_parser("serve", help="serve the site on localhost, rebuilding when content/ changes")
    p_serve.add_argument("--address", default="127.0.0.1:8000", help="host:port to listen on")
    p_bundle = commands.add_parser("bundle", help="build the site and zip it into dist/ for reading offline")
    p_bundle.add_argument("--name", help="file name start (default: from site_name): <name>-offline-<date>.zip")
    commands.add_parser("stats", help="count reviewed / machine / missing translations per language")
    p_tr = commands.add_parser("translate", help="fill missing translations through a machine-translation engine")
    p_tr.add_argument("--engine", required=True, choices=["libre", "google", "mymemory", "deepl"])
    p_tr.add_argument("--url", help="the engine's address (LibreTranslate: http://host:port/)")
    p_tr.add_argument("--key-env", metavar="VAR", help="environment variable that holds the API key")
    p_tr.add_argument("--batch-size", type=int, action=AtLeastOne, default=20,
                      help="texts per saved batch (default 20)")
    p_tr.add_argument("--timeout", type=float, action=Seconds, default=20.0,
                      help="seconds to wait for each answer (default 20)")
    p_tr.add_argument("--time-limit", type=float, action=Seconds, default=600.0,
                      help="seconds for the whole run; then it stops and keeps what is done (default 600)")
    p_add = commands.add_parser("add", help="write content/articles/<id>.md from a saved web page or its URL")
    p_add.add_argument("page", metavar="PAGE.html|URL", help="a saved web page, or the http(s) address of one")
    p_add.add_argument("--id", dest="article_id", metavar="ID",
                       help="the article id (default: from the address or the title)")
    p_add.add_argument("--force", action="store_true", help="replace content/articles/<id>.md if it exists")
    return cli


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run a command; return the exit status."""
    args = parser().parse_args(argv)
    project = Project(args.project.resolve())
    if args.command == "build":
        return build(project, strict=args.strict, run_mkdocs=not args.no_mkdocs)
    if args.command == "update":
        from .build import update

        return update(project, check=args.check)
    if args.command == "bundle":
        from .bundle import bundle

        return bundle(project, name=args.name)
    if args.command == "stats":
        from .commands import stats

        return stats(project)
    if args.command == "translate":
        from .commands import translate

        return translate(project, args.engine, args.url, args.key_env, args.batch_size,
                         timeout=args.timeout, time_limit=args.time_limit)
    if args.command == "add":
        from .add import add

        return add(project, args.page, args.article_id, args.force)
    if args.command == "serve":
        from .serve import serve

        return serve(project, args.address)
    print(f"python -m builder: unknown command {args.command}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
