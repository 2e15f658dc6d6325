"""The README's picture of the follow-up workbook as LibreOffice prints it: `plancheck lint` on
the shared seeds with `--format xlsx`, printed to PDF by LibreOffice Calc, its pages saved as
one picture (the summary page above the page of Tây Ninh), docs/followup-workbook.png.

    python docs/followup_workbook_png.py          (from the repository root)

Needs LibreOffice Calc (Debian: libreoffice-calc-nogui); the pages are rendered by pdftoppm
(poppler-utils) when it is installed, else by pypdfium2.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "followup-workbook.png"
DPI = 110


def pages(pdf: Path, work: Path):
    """Each page of ``pdf`` as a picture (PIL)."""
    from PIL import Image

    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", str(DPI), str(pdf), str(work / "page")], check=True)
        return [Image.open(p) for p in sorted(work.glob("page*.png"))]
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    return [doc[i].render(scale=DPI / 72).to_pil() for i in range(len(doc))]


def main() -> None:
    from PIL import Image

    from plancheck.readers import legacy

    if legacy.soffice() is None:
        sys.exit("LibreOffice is needed: apt-get install libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        book = work / "followup.xlsx"
        subprocess.run([sys.executable, "-m", "plancheck", "lint", "../shared/seeds", "--format", "xlsx", "-o",
                        str(book), "--fail-on", "never"], check=True, cwd=ROOT)
        pdf = work / "followup.pdf"
        pdf.write_bytes(legacy.convert(book.read_bytes(), str(book), "xlsx", "pdf", timeout=180))
        shown = [pages(pdf, work)[i] for i in (0, 2)]  # the summary, Tây Ninh
        width = max(p.width for p in shown)
        sheet = Image.new("RGB", (width, sum(p.height for p in shown) + 12 * (len(shown) - 1)), "#9a9a9a")
        y = 0
        for p in shown:
            sheet.paste(p.convert("RGB"), (0, y))
            y += p.height + 12
        sheet.save(OUT, optimize=True)
    print(OUT.relative_to(ROOT))


if __name__ == "__main__":
    main()
