"""The one span type of the pipeline: offsets ``[start, end)`` into a document's text.

Like langextract's ``CharInterval``, a span holds no text of its own; every stage keeps
offsets into the normalized text, so any span can be quoted, highlighted or checked.
"""

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Span:
    """Offsets ``[start, end)`` of a piece of a text."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start

    def holds(self, pos: int) -> bool:
        """Whether ``pos`` lies inside the span."""
        return self.start <= pos < self.end

    def covers(self, other: "Span") -> bool:
        """Whether ``other`` lies wholly inside the span."""
        return self.start <= other.start and other.end <= self.end

    def text_of(self, text: str) -> str:
        """The piece of ``text`` the span points at."""
        return text[self.start : self.end]

    def stripped(self, text: str) -> "Span":
        """The span without the whitespace at either end of its piece of ``text``."""
        piece = self.text_of(text)
        lead = len(piece) - len(piece.lstrip())
        if lead == len(piece):
            return Span(self.start, self.start)
        return Span(self.start + lead, self.end - (len(piece) - len(piece.rstrip())))
