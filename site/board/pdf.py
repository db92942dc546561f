"""A small valid PDF with a page of text, for demo attachments (no PDF library needed).

The text uses the standard Helvetica font, which has no Czech letters in its built-in
encoding, so diacritics are transliterated ("Vyhláška" → "Vyhlaska").
"""

import unicodedata

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
_REPLACEMENTS = {"–": "-", "—": "-", "„": '"', "“": '"', "”": '"', "‚": "'", "‘": "'", "’": "'"}


def transliterate(text):
    text = "".join(_REPLACEMENTS.get(char, char) for char in text)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _pdf_string(text):
    escaped = transliterate(text).replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return f"({escaped})"


def _wrap(text, width=85):
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    return lines


def minimal_pdf(title, paragraphs=()):
    """Bytes of a one-page PDF 1.4 with ``title`` in bold size and ``paragraphs`` below it."""
    commands = ["BT", "/F1 16 Tf", "18 TL", f"50 {PAGE_HEIGHT - 60} Td"]
    for line in _wrap(title, 60):
        commands.append(f"{_pdf_string(line)} Tj T*")
    commands += ["/F1 11 Tf", "14 TL", "T*"]
    for paragraph in paragraphs:
        for line in _wrap(paragraph):
            commands.append(f"{_pdf_string(line)} Tj T*")
        commands.append("T*")
    commands.append("ET")
    stream = "\n".join(commands).encode("ascii")

    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
            "/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
        ).encode("ascii"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    output = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_offset = len(output)
    output += b"xref\n0 %d\n" % (len(objects) + 1)
    output += b"0000000000 65535 f \n"
    for offset in offsets:
        output += b"%010d 00000 n \n" % offset
    output += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    output += b"startxref\n%d\n%%%%EOF\n" % xref_offset
    return bytes(output)
