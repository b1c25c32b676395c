"""What the bytes of a file are: the encoding of a text file, and what a file of the wrong type looks like."""

from __future__ import annotations

import codecs

from pipeline.ingest.limits import _Fail


def _decode(data: bytes) -> tuple[str, str]:
    """Bytes of a text file → (text, note on the encoding when it was guessed); raises _Fail for binary data."""
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
                     (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), ""
    if b"\x00" in data:
        half = max(1, len(data) // 2)
        even, odd = data[0::2].count(0), data[1::2].count(0)
        # ASCII-heavy UTF-16 without a BOM has a zero in every other byte
        if odd > 0.3 * half and even < 0.02 * half:
            return data.decode("utf-16-le", errors="replace"), "decoded as UTF-16 LE (no BOM)"
        if even > 0.3 * half and odd < 0.02 * half:
            return data.decode("utf-16-be", errors="replace"), "decoded as UTF-16 BE (no BOM)"
        raise _Fail(_binary_message(data))
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError:
        pass
    control = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
    if len(data) - len(data.translate(None, control)) > 0.01 * len(data):
        raise _Fail(_binary_message(data))
    try:
        text = data.decode("cp1252")
        # charset-normalizer tends to answer cp1250/cp775 for short Latin texts; Indonesian
        # theses are overwhelmingly cp1252/latin-1 when not UTF-8, so accept cp1252 for Latin script.
        non_ascii = sum(1 for c in text if ord(c) > 127)
        if non_ascii <= 0.1 * max(1, len(text)):
            return text, "decoded as Windows-1252 (not UTF-8)"
    except UnicodeDecodeError:
        pass
    try:
        import charset_normalizer

        best = charset_normalizer.from_bytes(data).best()
        if best is not None and best.encoding:
            return str(best), f"decoded as {best.encoding} (guessed; not UTF-8)"
    except Exception:  # noqa: BLE001 - a failed guess falls back to latin-1
        pass
    return data.decode("latin-1"), "decoded as Latin-1 (not UTF-8)"


def _binary_message(data: bytes) -> str:
    """Message for a text file that holds binary data, naming what it looks like when obvious."""
    kinds = {b"%PDF": "a PDF", b"PK\x03\x04": "a ZIP/.docx archive", b"\xd0\xcf\x11\xe0": "an old Word .doc file",
             b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image"}
    what = next((v for k, v in kinds.items() if data.lstrip()[:8].startswith(k)), "")
    return "binary data, not text" + (f" (it looks like {what})" if what else "")


def _sniff(data: bytes) -> str:
    """' (it looks like …)' for a few common signatures, else ''."""
    head = data.lstrip()[:8]
    for sig, what in ((b"PK\x03\x04", "a ZIP/.docx archive"), (b"\xd0\xcf\x11\xe0", "an old Word .doc file"),
                      (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"<", "HTML/XML")):
        if head.startswith(sig):
            return f" (it looks like {what})"
    try:
        data[:512].decode("utf-8")
        return " (it looks like plain text)" if data.strip() else ""
    except UnicodeDecodeError:
        return ""
