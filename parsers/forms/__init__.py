"""The source forms a release comes in, each reduced to the same marked raw lines (`parsers.lines.RawLine`):

- `charset`: bytes to text, for every form: the charset declared or sniffed, mojibake repaired or flagged;
- `text`: plain text and Markdown (`parse_release`): lines split, Markdown marks read (`read_markdown`);
- `html`: HTML pages (`parse_page`): lines read from the markup directly, headings and bullets marked by their
  tags, never written as Markdown; `markup` bounds a page's markup before it is read.

A new form is a module here that ends, as the others do, in `build.records_from_lines`.
"""
