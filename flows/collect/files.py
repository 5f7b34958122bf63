"""Files and folders of releases, with the source address a `manifest.csv` gives them."""
from __future__ import annotations

from parsers import PlenaryError

import csv
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from parsers import Source
from warehouse import QuarantineItem

RELEASE_SUFFIXES = (".txt", ".md", ".htm", ".html")
MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass
class Document:
    """Raw bytes of one release and where they came from."""

    source: Source
    data: bytes
    content_type: str | None = None  # from the HTTP response, for fetched pages
    charset: str | None = None

    @classmethod
    def fetched(cls, page) -> "Document":
        """A page fetched (`FetchedPage`) or stored (`RawDocument`, a stored body): its address as asked, the
        address it came from, its body and the media type and charset of its response."""
        return cls(Source(uri=page.url, url=page.final_url), page.body, page.content_type, page.charset)


def discover_files(paths: list[str | Path]) -> tuple[list[Path], list[QuarantineItem]]:
    """Release files named directly or found (sorted) in the folders named; missing paths are reported."""
    files: list[Path] = []
    missing: list[QuarantineItem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(_release_files_under(path))
        elif path.is_file():
            files.append(path)
        else:
            missing.append(QuarantineItem("read", f"no such file or folder: {path}", str(path)))
    return list(dict.fromkeys(files)), missing


def _release_files_under(folder: Path) -> list[Path]:
    """Release files in a folder and its subfolders, sorted; symlinked folders are not followed (as `rglob`).

    `os.scandir` knows most entries' kind without a `stat` per file: a tenth of the time for 10,000 files."""
    found, pending = [], [folder]
    while pending:
        try:
            with os.scandir(pending.pop()) as listing:
                entries = list(listing)
        except PermissionError:  # an unreadable subfolder is left out, as `rglob` does
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append(Path(entry.path))
            elif os.path.splitext(entry.name)[1].lower() in RELEASE_SUFFIXES and _is_file(entry):
                found.append(Path(entry.path))
    return sorted(found)


def _is_file(entry: os.DirEntry) -> bool:
    """A file, or a symlink to one; a broken or looping symlink is not."""
    try:
        return entry.is_file()
    except OSError:
        return False


def read_documents(files: list[Path], folders: dict | None = None) -> tuple[list[Document], list[QuarantineItem]]:
    """Read each file with the source address its folder's manifest.csv gives (if any).

    `folders` caches each folder's resolved path and manifest: pass the same dict for the batches of
    one run so that a folder's manifest is read once, not once per batch."""
    folders = {} if folders is None else folders
    docs, failures = [], []
    for path in files:
        folder = path.parent
        if folder not in folders:
            folders[folder] = _folder_info(folder)
        real_folder, manifest = folders[folder]
        if isinstance(manifest, Exception):
            failures.append(QuarantineItem("read", f"unreadable manifest.csv: {manifest}", str(path.resolve())))
            continue
        try:
            info = os.lstat(path)
            symlink = stat.S_ISLNK(info.st_mode)
            size = path.stat().st_size if symlink else info.st_size
            if size > MAX_FILE_BYTES:
                failures.append(QuarantineItem("read", f"file is {size} bytes, over the {MAX_FILE_BYTES}-byte limit", str(path)))
                continue
            data = path.read_bytes()
        except OSError as exc:
            failures.append(QuarantineItem("read", f"cannot read file: {exc.strerror or exc}", str(path)))
            continue
        uri = path.resolve() if symlink else real_folder / path.name  # the folder resolved once, not each file
        docs.append(Document(Source(uri=str(uri), url=manifest.get(path.name)), data))
    return docs, failures


def _folder_info(folder: Path) -> tuple[Path, dict[str, str] | Exception]:
    """A folder's resolved path, and its manifest (or why it cannot be read)."""
    try:
        return folder.resolve(), read_manifest(folder / "manifest.csv")
    except ManifestError as exc:
        return folder.resolve(), exc


def read_manifest(path: Path) -> dict[str, str]:
    """file name -> source URL, from a `file,source_url` CSV; blank URLs are left out. One that cannot be read
    (the columns missing, not UTF-8, not CSV) raises ManifestError."""
    if not path.is_file():
        return {}
    try:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            if not {"file", "source_url"} <= set(reader.fieldnames or []):
                raise ManifestError(f"{path}: a manifest needs the columns file,source_url (found {reader.fieldnames})")
            return {row["file"]: row["source_url"].strip() for row in reader if (row.get("source_url") or "").strip()}
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ManifestError(str(exc)) from exc


class ManifestError(PlenaryError, ValueError):
    """A manifest.csv that cannot be read; its folder's files are quarantined with this reason."""


class FileReadError(PlenaryError, OSError):
    """A release file named by the user that cannot be read, or is over the size limit; the message says which."""


def read_release_file(path: Path, source_url: str | None = None) -> Document:
    """One release file named by the user (`plenary parse`), with the URL given or its folder's manifest.csv gives.
    A file over MAX_FILE_BYTES is refused having read no more than the limit and one byte."""
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
            size = os.fstat(fh.fileno()).st_size
    except OSError as exc:
        raise FileReadError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        how_large = f"{size:,} bytes, " if size > MAX_FILE_BYTES else ""  # a pipe does not tell its size
        raise FileReadError(f"{path}: the file is {how_large}over the {MAX_FILE_BYTES:,}-byte limit of a release file "
                            "(plenary ingest refuses it too); not parsed")
    if source_url is None:
        try:
            source_url = read_manifest(path.parent / "manifest.csv").get(path.name)
        except ManifestError as exc:
            raise ManifestError(f"unreadable manifest.csv beside {path}: {exc}") from None
    return Document(Source(uri=str(path), url=source_url), data)
