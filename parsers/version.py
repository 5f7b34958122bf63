"""`PARSER_VERSION`: the code's version, kept by hand, and a digest of every vocabulary it reads by.

`CODE_VERSION` changes with the rules' code (bump it with a change to what a release parses to); the digest
changes by itself with any word or pattern of any `Language` (`parsers.language`, and the Chinese sentence rules'
words in `language.zh`) or `Site` (`parsers.sites`):
a counterpart, an honorific, a category word, a closing line. A release parsed by another version is parsed
again by `plenary reprocess` and `ingest` (a new revision when its records change).
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Iterable, Mapping

from .language import LANGUAGES, Language, zh, zh_words
from .sites import SITES, Site

CODE_VERSION = "1.4.0"  # 1.4.0: Chinese releases (issue 15); 1.3.0: real pages (issue 14); 1.2.0: a layout that shows the pipeline (issue 13); 1.1.0: text integrity, bounded work
DIGEST_CHARS = 8


def vocabulary_digest(languages: Iterable[Language] | None = None, sites: Iterable[Site] | None = None) -> str:
    """The first `DIGEST_CHARS` hex digits of the SHA-256 of every field of the languages and sites given (by
    default every one known), written out in a fixed order."""
    languages = LANGUAGES.values() if languages is None else languages
    sites = SITES if sites is None else sites
    described = {"languages": [_describe(language) for language in languages],
                 "chinese rules": [_module_words(module) for module in (zh, zh_words)],
                 "sites": [_describe(site) for site in sites]}
    text = json.dumps(described, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:DIGEST_CHARS]


def _module_words(module: object) -> dict[str, object]:
    """The words a module of words holds: its names in capitals (the Chinese sentence rules' words, `language.zh`)."""
    return {name: _describe(value) for name, value in sorted(vars(module).items()) if name.isupper()}


def _describe(value: object) -> object:
    """A value as plain JSON data that is the same in every process: patterns by their text and flags, sets
    sorted, mappings in their order (a category's place in its mapping is a rule), functions as just that."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _describe(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, re.Pattern):
        return ["pattern", value.pattern if isinstance(value.pattern, str) else value.pattern.decode("latin-1"),
                int(value.flags)]
    if isinstance(value, Mapping):
        return [[_describe(k), _describe(v)] for k, v in value.items()]
    if isinstance(value, (set, frozenset)):
        return sorted((_describe(item) for item in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [_describe(item) for item in value]
    if callable(value):  # code: CODE_VERSION's business, so that moving or renaming a function changes nothing
        return ["function"]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)  # a time zone: its repr names its offset


PARSER_VERSION = f"{CODE_VERSION}+{vocabulary_digest()}"
