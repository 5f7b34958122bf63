"""Which stored web bodies a version must process again (`warehouse/raw_documents.py`)."""
from __future__ import annotations

import hashlib
from datetime import datetime, timezone

from warehouse import INGESTED, Outcome, RawDocument, open_writer, store_raw_documents
from warehouse.raw_documents import mark_processed, parser_version_of, stored_bodies_to_reprocess

CODE = "1.2.0"


def _body(url: str) -> RawDocument:
    body = f"<html><title>{url}</title></html>".encode()
    return RawDocument(url, url, 200, "text/html", "utf-8", {}, body, hashlib.sha256(body).hexdigest(),
                       datetime.now(timezone.utc))


def test_the_parser_version_is_all_before_the_checks_digest():
    assert parser_version_of(f"{CODE}+90db2c63+checks-1a2b3c4d") == f"{CODE}+90db2c63"
    assert parser_version_of("0.9.0+checks-000000000000") == "0.9.0"


def test_a_new_word_in_a_vocabulary_makes_loaded_bodies_due_again(warehouse_path):
    """The parser version carries a digest of the vocabularies after a `+`: a body loaded by the same code
    version with other words is processed again; one loaded by this very parser version (other checks) is not."""
    loaded_by = {"https://h/a.htm": f"{CODE}+aaaaaaaa+checks-c1", "https://h/b.htm": f"{CODE}+bbbbbbbb+checks-c1"}
    with open_writer(warehouse_path) as con:
        docs = [_body(url) for url in loaded_by]
        store_raw_documents(con, docs, "unused")
        for doc in docs:
            mark_processed(con, [doc], [Outcome(doc.url, INGESTED, "P1")], "run-1", loaded_by[doc.url])
        due = stored_bodies_to_reprocess(con, f"{CODE}+bbbbbbbb+checks-c2")
    assert [url for url, _ in due] == ["https://h/a.htm"]
