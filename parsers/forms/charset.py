"""Bytes to text you can trust: the charset a page declares (`sniff_charset`, `codec_for`), and decoding that
repairs or flags mojibake (`decode_text`). Whether a release is truncated is `parsers.lines.stops_mid_sentence`.

Decoding first settles which charset reads the bytes, then looks at the text itself:

- Bytes declared as a legacy charset (ISO-8859-1/cp1252, Big5, ...) that are valid UTF-8 with multi-byte
  sequences are read as UTF-8: text in a legacy charset is practically never valid UTF-8 once it holds
  non-ASCII characters, while UTF-8 read as cp1252 is always mojibake (`ConfÃ©rence`).
- Bytes the declared charset cannot read (UTF-8 declared, cp1252 sent) are read as UTF-8, else cp1252, and
  the release says so; undeclared bytes are read the same way, noted only if the result looks garbled.
- Text that already holds mojibake (a file saved after a wrong conversion) is repaired line by line with
  ftfy when the repair is provable (re-encoding the line and decoding it as UTF-8 succeeds and leaves no
  mojibake), otherwise flagged. Only lines that hold a mojibake clue (`_CLUE`) are examined, so ASCII,
  Chinese and ordinary accented text cost a few searches and ftfy is imported only when a text holds a clue.

Each outcome is a `DecodedText.warning`: None, "repaired: ..." or "suspected mojibake: ...".
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from ..errors import ParsingError

_META_CHARSET = re.compile(rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
# WHATWG maps these labels to a superset decoder; Python's codecs of the same name are stricter.
_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252",
    "big5": "big5hkscs", "x-x-big5": "big5hkscs", "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030",
}
_UTF8 = frozenset({"utf-8", "utf-8-sig"})
# WHATWG reads these with a superset decoder (as `codec_for` does); keys are `codecs.lookup(label).name`.
_SUPERSETS = {"iso8859-1": "cp1252", "ascii": "cp1252", "big5": "big5hkscs", "gb2312": "gb18030", "gbk": "gb18030"}
_LABELS = {"cp1252": "ISO-8859-1/cp1252", "utf-8": "UTF-8", "utf-8-sig": "UTF-8", "big5hkscs": "Big5",
           "gb18030": "GB18030"}  # how a warning names a declared codec
# Control characters: below 32, except \t \n \f \r. Each is one byte in UTF-8, which no other character uses.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20)])
# A clue of mojibake: a UTF-8 lead byte read as Latin-1/cp1252 (Â..ô) followed by a continuation byte read the
# same way (U+0080-U+00BF, or the characters cp1252 puts at 0x80-0x9F), or a C1 control character.
_CP1252_HIGH = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_CLUE = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{_CP1252_HIGH}]|[\u0080-\u009f]")
# For bytes that were not UTF-8 and were read as cp1252: also three non-ASCII characters in a row (NBSP aside), what
# a legacy CJK charset read as cp1252 looks like (`\xad»´ä¯S§O`) and cp1252 text hardly ever holds.
_FALLBACK_CLUE = re.compile(f"{_CLUE.pattern}|[\u00a1-\u00ff{_CP1252_HIGH}]{{3}}")
# `_CLUE` in UTF-8 bytes needs a lead character (U+00C2-U+00F4: C3 82..C3 B4) or a C1 control (C2 80..C2 9F); the
# two byte searches (~20 µs for 25 KB) spare the text search (~75 µs) for UTF-8 text without either.
_UTF8_LEAD = re.compile(rb"\xc3[\x82-\xb4]")
_UTF8_C1 = re.compile(rb"\xc2[\x80-\x9f]")
_REPLACEMENT = "\ufffd"


@dataclass(frozen=True)
class DecodedText:
    """A release's text, the codec that read its bytes, and what was repaired or suspected (None: nothing)."""

    text: str
    charset: str
    warning: str | None = None


def decode_text(data: bytes, declared_charset: str | None = None) -> DecodedText:
    """Decode a release's bytes, repairing provable mojibake and flagging the rest; refuse empty or binary input.

    `declared_charset`: what the HTTP header or the page's `<meta>` says (a label or a Python codec name).
    """
    if not data or data.isspace():  # what `not data.strip()` says, without copying the data
        raise ParsingError("the input is empty")
    if data.find(b"\x00", 0, 4096) != -1:
        raise ParsingError("the input is binary, not a text or HTML release")
    declared = codec_name(declared_charset)
    text, charset, overruled, fallback = _read_bytes(data, declared)
    text, charset, detected, fallback = _legacy_chinese_read(data, text, charset, declared, fallback)
    if _control_count(text[:4096]) > 8:
        raise ParsingError("the input is binary, not a text or HTML release")
    repair = _Repair(text)
    if not text.isascii():
        repair = _repair(text, fallback, _utf8_may_hold_clues(data) if charset == "utf-8" else None)
    warnings = []
    label = _LABELS.get(overruled or "", overruled)
    if charset in _LEGACY_CHINESE and declared != charset:
        warnings.append(_detected(charset, detected, text))
        overruled = None
    if overruled and not fallback:
        warnings.append(f"repaired: UTF-8 bytes declared as {label}, read as UTF-8")
    elif overruled:
        if repair.suspected:
            warnings.append(f"suspected mojibake: bytes declared as {label} are not {label}, read as {charset}, "
                            f"and {_count(repair.suspected, 'line')} of the text still "
                            f"{'looks' if repair.suspected == 1 else 'look'} garbled")
            repair.suspected = 0  # said
        else:
            warnings.append(f"repaired: bytes declared as {label} are not {label}, read as {charset}")
    warnings += repair.warnings()
    if fallback and not overruled and warnings:  # undeclared bytes read as cp1252: noted only when it looks garbled
        warnings[-1] += f" (the bytes are not UTF-8, read as {charset})"
    return DecodedText(repair.text, charset, "; ".join(warnings) or None)


# The legacy Chinese charsets a text file may be in (Hong Kong's Big5, the Mainland's GB18030/GBK): detected by
# charset-normalizer (coherence of the characters read, not a guess by byte ranges), only for bytes that are not
# UTF-8 and declare no charset that reads them. Codec -> how a warning names it.
_LEGACY_CHINESE = {"big5hkscs": "Big5", "gb18030": "GB18030"}
_DETECT_BYTES = 16_384  # bytes read to detect a charset
_HIGH_BYTE = re.compile(rb"[\x80-\xff]{2}")  # a two-byte character of a legacy CJK charset


def chinese_codec(data: bytes) -> str | None:
    """The legacy Chinese codec the bytes are written in (`_LEGACY_CHINESE`), else None (cp1252, or too few)."""
    if len(_HIGH_BYTE.findall(data, 0, _DETECT_BYTES)) < 4:
        return None
    from charset_normalizer import from_bytes  # imported only for such bytes

    best = from_bytes(data[:_DETECT_BYTES], cp_isolation=[*_LEGACY_CHINESE, "cp1252"]).best()
    return best.encoding if best is not None and best.encoding in _LEGACY_CHINESE else None


def _legacy_chinese_read(
    data: bytes, text: str, charset: str, declared: str | None, fallback: bool,
) -> tuple[str, str, str | None, bool]:
    """The read of `_read_bytes` (text, codec, fallback), unless the bytes are in a legacy Chinese charset it did not
    read them in: undeclared Big5 or GB18030 read as cp1252, or declared as another codec that reads nearly any
    bytes (Big5 declared as GBK or Latin-1). Then that charset's text, and the declared codec (None: undeclared)."""
    if fallback and (chinese := _chinese_legacy(data)) is not None:
        return *chinese, declared, False
    if (charset == declared in (*_LEGACY_CHINESE, "cp1252") and not data.isascii()
            and (chinese := _chinese_legacy(data, declared)) is not None):
        return *chinese, declared, fallback
    return text, charset, None, fallback


def _detected(codec: str, declared: str | None, text: str) -> str:
    """The warning of bytes read in the legacy Chinese charset detected: never a silent guess."""
    label = _LABELS.get(declared or "", declared)
    said = f"declared as {label} are not {label}" if declared else "declare no charset and are not UTF-8"
    unread = text.count(_REPLACEMENT)
    return (f"detected: the bytes {said}; read as {_LEGACY_CHINESE[codec]}, the Chinese charset they are written in"
            + (f", {_count(unread, 'character')} it cannot read replaced by U+FFFD" if unread else ""))


def _chinese_legacy(data: bytes, declared: str | None = None) -> tuple[str, str] | None:
    """The bytes' text and codec when they are in a legacy Chinese charset other than `declared`: the one detected
    (`chinese_codec`), else one that reads all but a few stray bytes (a character of a private range, a text cut
    mid-character: replaced, and said) of a text detected as that charset once they are left out."""
    codec = chinese_codec(data)
    if codec is not None:
        text = data.decode(codec, errors="replace")
        return (text, codec) if codec != declared and text.count(_REPLACEMENT) <= _STRAY_BYTES else None
    if declared is not None:
        return None
    for codec in _LEGACY_CHINESE:
        text = data.decode(codec, errors="replace")
        if 0 < text.count(_REPLACEMENT) <= _STRAY_BYTES:
            if chinese_codec(text.replace(_REPLACEMENT, "").encode(codec)) == codec:
                return text, codec
    return None


_STRAY_BYTES = 3  # characters a legacy Chinese text may hold that its codec cannot read


def sniff_charset(data: bytes) -> str | None:
    """The charset a page declares in `<meta charset>` or `<meta http-equiv="Content-Type">`, as a Python codec name."""
    m = _META_CHARSET.search(data, 0, 4096)
    return codec_for(m.group(1).decode("ascii")) if m else None


def codec_for(label: str | None) -> str | None:
    """The Python codec for a charset label as browsers read it (iso-8859-1 means cp1252); None if unknown."""
    if not label:
        return None
    name = _CHARSET_ALIASES.get(label.strip().lower(), label.strip().lower())
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def codec_name(label: str | None) -> str | None:
    """The Python codec for a charset label or codec name (Latin-1 read as cp1252, Big5 as Big5-HKSCS, GBK as
    GB18030); None if unknown."""
    if not label or not label.strip():
        return None
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    return _SUPERSETS.get(name, name)


def _read_bytes(data: bytes, declared: str | None) -> tuple[str, str, str | None, bool]:
    """The text, the codec that read it, the declared codec if it was set aside, and whether cp1252 (or, failing
    that, UTF-8 with replacement characters) read it because neither the declared codec nor UTF-8 could."""
    utf8 = _strict_utf8(data)
    if declared is not None and declared not in _UTF8:
        if utf8 is not None and not data.isascii():
            return utf8, "utf-8", declared, False
        try:
            return data.decode(declared), declared, None, False
        except UnicodeDecodeError:
            pass
    elif utf8 is not None:
        return utf8, "utf-8", None, False
    try:
        return data.decode("cp1252"), "cp1252", declared, True
    except UnicodeDecodeError:  # cp1252 fails only on five undefined bytes
        return data.decode("utf-8", errors="replace"), "UTF-8 with replacement characters", declared, True


def _strict_utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _control_count(text: str) -> int:
    """How many control characters a text holds; counted in its UTF-8 bytes, ~7x faster than a regex."""
    data = text.encode("utf-8", "surrogatepass")
    return len(data) - len(data.translate(None, _CONTROL_BYTES))


@dataclass
class _Repair:
    """What `_repair` did to a text: the text after it, how many lines it repaired and how many it suspects."""

    text: str
    repaired: int = 0
    suspected: int = 0
    how: list[str] = field(default_factory=list)  # `_explain` of each kind of repair, in order of appearance

    def warnings(self) -> list[str]:
        found = []
        if self.repaired:
            found.append(f"repaired: mojibake in {_count(self.repaired, 'line')} of the text ({', '.join(self.how)})")
        if self.suspected:
            found.append(f"suspected mojibake: {_count(self.suspected, 'line')} of the text "
                         f"{'looks' if self.suspected == 1 else 'look'} garbled and could not be repaired")
        return found


def repair_mojibake(text: str) -> tuple[str, str | None]:
    """Repair the lines of a text that hold provable mojibake; the text and a warning (None: nothing found)."""
    repair = _repair(text)
    return repair.text, "; ".join(repair.warnings()) or None


def _utf8_may_hold_clues(data: bytes) -> bool:
    """Whether UTF-8 bytes may decode to a text with a mojibake clue or a replacement character (no false 'no')."""
    return (
        (b"\xc3" in data and _UTF8_LEAD.search(data) is not None)
        or (b"\xc2" in data and _UTF8_C1.search(data) is not None)
        or (b"\xef" in data and b"\xef\xbf\xbd" in data)  # memchr first: the 3-byte search is ~10x slower
    )


def _repair(text: str, fallback: bool = False, suspicious: bool | None = None) -> _Repair:
    """Repair, line by line, the mojibake that can be proven; count the lines that stay garbled.

    A line is examined when it holds a mojibake clue (`_CLUE`; `fallback`, for bytes that were not UTF-8:
    `_FALLBACK_CLUE`). ftfy judges it (~0.3 µs a character): a line it finds bad is replaced by ftfy's repair
    when the repaired line is no longer bad and gained no replacement character; otherwise it is kept and
    counted as suspected. Replacement characters (U+FFFD) in the text are damage that cannot be undone:
    suspected too. `suspicious`: False when the caller knows the text holds neither (`_utf8_may_hold_clues`).
    """
    clue = _FALLBACK_CLUE if fallback else _CLUE
    if suspicious is None or suspicious:
        suspicious = _REPLACEMENT in text or clue.search(text) is not None
    if not suspicious:
        return _Repair(text)
    lines = text.split("\n")
    repair = _Repair(text)
    for i, line in enumerate(lines):
        if _REPLACEMENT in line:
            repair.suspected += 1
        elif not line.isascii() and clue.search(line):
            verdict, fixed, steps = _judge_line(line)
            if verdict == "suspected":
                repair.suspected += 1
            elif verdict == "repaired":
                lines[i] = fixed
                repair.repaired += 1
                if (how := _explain(steps)) not in repair.how:
                    repair.how.append(how)
    if repair.repaired:
        repair.text = "\n".join(lines)
    return repair


def _judge_line(line: str) -> tuple[str, str, list]:
    """ftfy's verdict on one line: ("clean" | "repaired" | "suspected", the line as repaired, ftfy's steps)."""
    import ftfy  # ~50 ms, once per process, and only for a text with a mojibake clue
    from ftfy.badness import is_bad

    if not is_bad(line):
        return "clean", line, []
    result = ftfy.fix_encoding_and_explain(line, replace_lossy_sequences=False)
    fixed = result.text
    if fixed == line or is_bad(fixed) or _REPLACEMENT in fixed:
        return "suspected", line, []
    return "repaired", fixed, list(result.explanation)


def _explain(steps: list) -> str:
    """ftfy's steps in a few words: which charset the text was wrongly read as."""
    encoded = next((argument for action, argument in steps if action == "encode"), None)
    decoded = next((argument for action, argument in steps if action == "decode"), None)
    if encoded and decoded and decoded.startswith("utf-8"):
        encoded = encoded.removeprefix("sloppy-")
        return f"UTF-8 read as {'Latin-1/cp1252' if encoded in ('latin-1', 'windows-1252') else encoded}"
    if ("apply", "decode_inconsistent_utf8") in steps:
        return "UTF-8 read as cp1252 in places"
    if decoded == "windows-1252" or ("transcode", "fix_c1_controls") in steps:
        return "cp1252 read as Latin-1"
    return " then ".join(f"{action} {argument}" for action, argument in steps)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
