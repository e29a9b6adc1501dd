"""Text stage: in, a document's normalized text; out, its structure as offsets into it:
Spans of paragraphs, sentences and clauses, headings (outline) and Chinese numerals parsed."""
