"""Layout: how wide text prints, where it breaks, and the column widths of
every table on the printed page — one model for HTML/PDF, DOCX and XLSX.

    grid.py    where each cell sits when cells span rows and columns
    page.py    the page: A4, margins, the text block, sizes (GB/T 9704)
    text.py    character widths and line breaking
    cells.py   what a cell needs: headers horizontal, labels in two lines, figures whole
    widths.py  fit_widths(table): the columns of one table on its page
"""
from .widths import fit_widths  # noqa: F401
