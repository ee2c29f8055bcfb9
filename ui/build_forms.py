"""Compile every ``ui/*.ui`` (Qt Designer) into ``anaiss_desktop/gui/forms/ui_<name>.py``.

The generated modules are committed, so neither a frozen bundle nor an installed wheel needs the
uic tool at run time. ``--check`` regenerates in memory and fails when a committed form is stale
(the CI runs it).

    python ui/build_forms.py          # regenerate
    python ui/build_forms.py --check  # exit 1 if a form is out of date
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
FORMS_DIR = ROOT / "anaiss_desktop" / "gui" / "forms"
HEADER = "# Generated from ui/{name} by ui/build_forms.py: do not edit by hand.\n"


def _uic() -> list[str]:
    exe = shutil.which("pyside6-uic") or str(Path(sys.executable).with_name("pyside6-uic"))
    return [exe]


def compile_form(ui_file: Path) -> str:
    out = subprocess.run(
        [*_uic(), "-g", "python", str(ui_file)],
        check=True, capture_output=True, text=True,
    ).stdout
    # Drop uic's banner (it names the Qt version and changes between machines).
    body = "\n".join(
        line for line in out.splitlines() if not line.startswith("##")
    ).lstrip("\n")
    return HEADER.format(name=ui_file.name) + body.rstrip("\n") + "\n"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for ui_file in sorted(UI_DIR.glob("*.ui")):
        target = FORMS_DIR / f"ui_{ui_file.stem}.py"
        text = compile_form(ui_file)
        if check:
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                stale.append(target.name)
        else:
            target.write_text(text, encoding="utf-8")
            print(f"{ui_file.name} -> {target.relative_to(ROOT)}")
    if stale:
        print("Formulaires à régénérer (python ui/build_forms.py) : " + ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
