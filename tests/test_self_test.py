"""``anaiss-desktop --self-test`` (issue 8): what CI runs on the frozen bundle, run here on the
source tree.

The command is run the way CI runs it (a fresh process, ``QT_QPA_PLATFORM=offscreen``): every
step prints its French line and the exit code is 0. A real failure (the shipped resources
missing) names its step with a French reason, exits 1, and leaves no temporary folder behind.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from anaiss_desktop import paths, self_test

STEP_LINES = (
    "ok : interface Qt démarrée (plateforme offscreen), modules PDF et impression chargés",
    "ok : ressources trouvées (",
    "ok : station d'essai chiffrée créée, ouverte et vérifiée",
    f"ok : {self_test.PERSONS} personnes fictives ajoutées (",
    "ok : courrier rendu en PDF en mémoire (1 page",
    "ok : statistiques de 12 mois exportées et relues (CSV, JSON, PDF)",
    "ok : sauvegarde écrite et relue (station-",
    "ok : autotest terminé, tout fonctionne (",
)


@pytest.mark.slow
def test_the_self_test_passes_in_a_fresh_process(tmp_path):
    temp = tmp_path / "temp"
    temp.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8",
               TMPDIR=str(temp), TEMP=str(temp), TMP=str(temp))
    # Any real station the environment points at must be left alone.
    env["ANAISS_HOME"] = str(tmp_path / "must-not-be-created")
    done = subprocess.run([sys.executable, "-m", "anaiss_desktop", "--self-test"], env=env,
                          cwd=tmp_path, capture_output=True, text=True, encoding="utf-8",
                          timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Autotest de ANAISS Desktop ")
    assert len(lines) == 1 + len(STEP_LINES), done.stdout
    for line, expected in zip(lines[1:], STEP_LINES, strict=True):
        assert line.startswith(expected), line
    assert "Traceback" not in done.stderr
    assert list(temp.iterdir()) == []  # the throwaway station is gone
    assert not (tmp_path / "must-not-be-created").exists()


def test_a_missing_resource_names_its_step_and_cleans_up(qapp, tmp_path, monkeypatch):
    # A bundle that forgot resources/ and templates_courriers/: the asset root is empty.
    empty = tmp_path / "bundle"
    empty.mkdir()
    monkeypatch.setattr(paths, "_asset_root", lambda: empty)
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    out = io.StringIO()

    assert self_test.run(out) == 1

    lines = out.getvalue().splitlines()
    assert lines[1].startswith("ok : interface Qt démarrée")
    assert lines[2] == ("échec : ressources : fichier de ressources absent : "
                        f"{Path(empty, 'resources', 'mots_de_passe_courants.txt')}")
    assert len(lines) == 3  # nothing after the failure
    assert list(temp.iterdir()) == []


def test_unknown_errors_get_a_short_french_reason():
    assert self_test.reason(ModuleNotFoundError("absent", name="PySide6.QtPdf")) == (
        "module introuvable : PySide6.QtPdf")
    assert self_test.reason(FileNotFoundError(2, "No such file", "/x/Vera.ttf")) == (
        "fichier introuvable : /x/Vera.ttf")
    assert self_test.reason(RuntimeError("boom\n" + "x" * 500)).startswith(
        "erreur inattendue (RuntimeError) : boom x")
    assert len(self_test.reason(RuntimeError("x" * 500))) < 250
