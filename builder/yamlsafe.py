"""Reading YAML safely: every editorial file, mkdocs.yml and front matter go through `load`.

- Dates stay text: "2025-02-30" is a value for the builder to check and explain, not a
  traceback from the parser.
- Aliases (`*name`) are allowed a few times only (MAX_ALIASES): a file that refers to one
  anchor over and over (a "billion laughs" bomb of a few hundred bytes) could make the
  builder walk millions of values, so it is refused with the line of the alias.
- mkdocs.yml's `!!python/name:` tags and `!ENV`/`!relative` read as text or nothing;
  `load_with_env` reads `!ENV` as MkDocs does (for values such as `site_url`).
"""
from __future__ import annotations

import yaml
from yaml_env_tag import construct_env_tag

MAX_ALIASES = 10
TIMESTAMP = "tag:yaml.org,2002:timestamp"


class Loader(yaml.SafeLoader):
    """A safe loader without dates and with a bound on aliases."""

    yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != TIMESTAMP]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream):
        super().__init__(stream)
        self.aliases = 0

    def compose_node(self, parent, index):
        """Count aliases while composing; too many is an error at the alias."""
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                mark = self.peek_event().start_mark
                raise yaml.composer.ComposerError(
                    None, None, f"more than {MAX_ALIASES} aliases (*name); write the values out instead", mark)
        return super().compose_node(parent, index)


Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: suffix)
Loader.add_constructor("!ENV", lambda loader, node: None)
Loader.add_constructor("!relative", lambda loader, node: None)


def load(text: str):
    """The data of a YAML text (yaml.YAMLError when it is broken or refused)."""
    return yaml.load(text, Loader=Loader)  # noqa: S506 - Loader is a SafeLoader


class EnvLoader(Loader):
    """The safe loader, with `!ENV [NAME, default]` read from the environment like MkDocs."""


EnvLoader.add_constructor("!ENV", construct_env_tag)


def load_with_env(text: str):
    """The data of a YAML text with `!ENV` values resolved (yaml.YAMLError when broken)."""
    return yaml.load(text, Loader=EnvLoader)  # noqa: S506 - EnvLoader is a SafeLoader


def compose(text: str):
    """The node tree of a YAML text, for line numbers (same limits as `load`)."""
    return yaml.compose(text, Loader=Loader)


def load_with_nodes(text: str):
    """The data of a YAML text and its node tree (for line numbers), parsed once; (None, None)
    for an empty text."""
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    finally:
        loader.dispose()
