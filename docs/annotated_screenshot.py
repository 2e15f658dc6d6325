"""The README's picture of an annotated plan: `plancheck annotate` on the Word sample, opened
in LibreOffice Writer on a virtual screen, the screen saved as docs/annotated.png.

    python docs/annotated_screenshot.py          (from the repository root)

Needs Debian's libreoffice-writer (with its GUI: the -nogui package cannot open a window),
xvfb and imagemagick. LibreOffice 7.4 prints comments into a PDF only as note icons, so the
picture is taken of the program itself, as a reviewer sees the document.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "annotated.png"

# a fresh profile without the first-start dialogs, showing two pages side by side at 75 %
SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="ShowTipOfTheDay" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Misc"><prop oor:name="FirstRun" oor:op="fuse"><value>false</value></prop></item>
<item oor:path="/org.openoffice.Setup/Office"><prop oor:name="ooSetupInstCompleted" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Layout/Zoom"><prop oor:name="Type" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Layout/Zoom"><prop oor:name="Value" oor:op="fuse"><value>75</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Layout/ViewLayout"><prop oor:name="Columns" oor:op="fuse"><value>2</value></prop></item>
</oor:items>
"""


def main() -> None:
    for program in ("soffice", "xvfb-run", "import"):
        if shutil.which(program) is None:
            sys.exit(f"{program} is needed: apt-get install libreoffice-writer xvfb imagemagick")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        reviewed = work / "ha-giang-plan-reviewed.docx"
        subprocess.run([sys.executable, "-m", "plancheck", "annotate", str(ROOT / "sample_data" / "ha-giang-plan.docx"),
                        "-o", str(reviewed)], check=True, cwd=ROOT)
        (work / "profile" / "user").mkdir(parents=True)
        (work / "profile" / "user" / "registrymodifications.xcu").write_text(SETTINGS, encoding="utf-8")
        shot = work / "shot.png"
        # start Writer, wait until the screen shows more than a few colours (the window is
        # drawn), give it a few seconds to lay out the comments, then save the screen
        script = (f"soffice -env:UserInstallation={(work / 'profile').as_uri()} --norestore --nologo '{reviewed}' & "
                  "pid=$!; for i in $(seq 60); do sleep 2; "
                  f"import -window root '{shot}'; [ $(identify -format %k '{shot}') -gt 200 ] && break; done; "
                  f"sleep 5; import -window root '{shot}'; kill $pid; wait")
        subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1760x1000x24", "bash", "-c", script], check=False,
                       timeout=180, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        colours = subprocess.run(["identify", "-format", "%k", str(shot)], capture_output=True, text=True).stdout \
            if shot.is_file() else "0"
        if int(colours or 0) <= 200:
            sys.exit("LibreOffice did not draw its window in time: run the script again")
        shutil.copyfile(shot, OUT)
    print(OUT)


if __name__ == "__main__":
    main()
