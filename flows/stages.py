"""Batch stages between reading and loading: parse, then the quality gate. Plain functions, no Prefect."""
from __future__ import annotations

from dataclasses import dataclass, field

from parsers import ParsedRelease, ParsingError, parse_release
from warehouse import QuarantineItem

from .sources import Document


@dataclass
class ParsedBatch:
    parsed: list[ParsedRelease] = field(default_factory=list)
    failures: list[QuarantineItem] = field(default_factory=list)


def parse_documents(docs: list[Document]) -> ParsedBatch:
    """Parse every document; unreadable ones become quarantine items with the reason, never exceptions."""
    batch = ParsedBatch()
    for doc in docs:
        try:
            batch.parsed.append(parse_release(doc.data, doc.source))
        except ParsingError as exc:
            batch.failures.append(QuarantineItem("parse", str(exc), doc.source.uri, doc.data))
        except Exception as exc:  # a parser bug must not lose the document or stop the batch
            reason = f"parser error ({type(exc).__name__}: {exc}); please report it with this file"
            batch.failures.append(QuarantineItem("parse", reason, doc.source.uri, doc.data))
    return batch
