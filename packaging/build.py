"""Build the one-folder bundle with PyInstaller, then prove it works with its own --self-test.

    python packaging/build.py            # dist/anaiss-desktop/ (both executables), self-test
    python packaging/build.py --tarball  # the same, then
                                         # dist/anaiss-desktop-<version>-linux-<arch>.tar.gz
    python packaging/build.py --installer  # Windows: the same, then the Inno Setup installer

Nothing is installed behind the person's back: without PyInstaller (or without the application's
own dependencies) the script prints the pip command to run and stops with exit code 2. Any other
failure (PyInstaller, the bundle's self-test, the tarball) exits 1. Everything the build writes
stays inside the checkout: ``build/`` (work files, PyInstaller's cache, the icon drawn from the
SVG) and ``dist/`` (the bundle, the tarball), both git-ignored.

The spec (``packaging/anaiss.spec``) loads this file for :func:`project_version` and
:data:`BUNDLE_NAME`, so keep the module importable without side effects.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "anaiss.spec"
LINUX = ROOT / "packaging" / "linux"
DIST = ROOT / "dist"
BUILD = ROOT / "build"
ICONS = BUILD / "icons"
BUNDLE_NAME = "anaiss-desktop"
APP_ID = "fr.anaiss.Desktop"
MIN_PYINSTALLER = (6, 10)
#: What the frozen application imports; a missing one would give a bundle that cannot start.
RUNTIME_MODULES = ("PySide6.QtPdf", "sqlcipher3", "argon2", "cryptography", "reportlab",
                   "jinja2", "platformdirs")
# Qt plugins the application does not need, and the libraries only they pull in (43 MB on
# Linux): the GTK 3 theme (with it, half a GTK stack built for the build machine, which would
# then shadow the person's own GTK; Qt's Fusion style and its own file dialogs are used instead)
# and the virtual keyboard (QML and Qt Quick). Printing (the CUPS plugin) stays. The spec drops
# them; check_libraries() proves nothing left in the bundle needs them.
UNUSED_PLUGINS = ("platformthemes/libqgtk3", "qtvirtualkeyboardplugin")
ONLY_FOR_UNUSED_PLUGINS = re.compile(
    r"^((lib)?Qt6(Qml|QmlMeta|QmlModels|QmlWorkerScript|Quick|VirtualKeyboard|VirtualKeyboardQml)"
    r"\.(so|dll)"
    r"|(libatk-1\.0|libcairo|libcairo-gobject|libgdk_pixbuf-2\.0|libpango-1\.0|libpangocairo-1\.0"
    r"|libpangoft2-1\.0|libpixman-1|libthai|libdatrie|libfribidi|libgraphite2|libharfbuzz"
    r"|libgio-2\.0|libgmodule-2\.0|libgobject-2\.0|libmount|libblkid|libselinux)\.so)"
)
SELF_TEST_TIMEOUT = 300  # seconds; the self-test takes a few seconds

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_MISSING = 2


class BuildFailed(Exception):
    """A step failed; the message is French and says what to do."""

    def __init__(self, message: str, code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def project_version(root: Path = ROOT) -> str:
    """The version pyproject.toml gives: ``project.version``, else the file hatch reads it from
    (``tool.hatch.version.path``, a ``__version__ = "…"`` line)."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10: fall back on the package's own file
        data: dict = {}
    else:
        data = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    version = data.get("project", {}).get("version")
    if version:
        return str(version)
    source = data.get("tool", {}).get("hatch", {}).get("version", {}).get(
        "path", "anaiss_desktop/__init__.py")
    match = re.search(r"""^__version__\s*=\s*["']([^"']+)["']""",
                      (root / source).read_text(encoding="utf-8"), re.MULTILINE)
    if not match:
        raise BuildFailed(f"Version introuvable dans {source}.")
    return match.group(1)


def unused_binary(dest: str, name: str) -> bool:
    """Whether the spec leaves out this binary (``dest``: its path in the bundle)."""
    dest = dest.replace("\\", "/")
    return any(plugin in dest for plugin in UNUSED_PLUGINS) or bool(
        ONLY_FOR_UNUSED_PLUGINS.match(name))


def executable(bundle: Path, name: str) -> Path:
    return bundle / (f"{name}.exe" if sys.platform == "win32" else name)


def say(text: str = "") -> None:
    print(text, flush=True)


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",") + " Mo"


# -- checks ----------------------------------------------------------------------------------------
def check_prerequisites() -> None:
    if importlib.util.find_spec("PyInstaller") is None:
        raise BuildFailed(
            "PyInstaller n'est pas installé dans cet environnement Python. Installez-le, puis "
            "relancez :\n"
            f'    "{sys.executable}" -m pip install -e ".[package]"\n'
            f'(ou seulement : "{sys.executable}" -m pip install "pyinstaller>=6.10")',
            EXIT_MISSING,
        )
    import PyInstaller

    found = tuple(int(n) for n in re.findall(r"\d+", PyInstaller.__version__)[:2])
    if found < MIN_PYINSTALLER:
        raise BuildFailed(
            f"PyInstaller {PyInstaller.__version__} est trop ancien (6.10 au moins) :\n"
            f'    "{sys.executable}" -m pip install --upgrade "pyinstaller>=6.10"',
            EXIT_MISSING,
        )
    missing = []
    for name in RUNTIME_MODULES:
        try:
            found_spec = importlib.util.find_spec(name)
        except ModuleNotFoundError:
            found_spec = None
        if found_spec is None:
            missing.append(name)
    if missing:
        raise BuildFailed(
            f"Dépendances de l'application absentes ({', '.join(missing)}) : installez d'abord "
            f'le projet dans cet environnement :\n    "{sys.executable}" -m pip install -e .',
            EXIT_MISSING,
        )


# -- steps -----------------------------------------------------------------------------------------
def draw_icons() -> None:
    """The Windows .ico (executables, installer) and a PNG, drawn from the SVG with Qt.

    Not fatal: without them the executables get PyInstaller's default icon.
    """
    svg = LINUX / f"{APP_ID}.svg"
    code = f"""
import sys
from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication, QImageReader
app = QGuiApplication(sys.argv[:1])
for size, target in ((256, {str(ICONS / 'anaiss.ico')!r}), (256, {str(ICONS / 'anaiss.png')!r})):
    reader = QImageReader({str(svg)!r})
    reader.setScaledSize(QSize(size, size))
    image = reader.read()
    if image.isNull() or not image.save(target):
        sys.exit(1)
"""
    ICONS.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        say("Attention : l'icône n'a pas pu être dessinée depuis le SVG ; les exécutables "
            "garderont l'icône par défaut.")


def run_pyinstaller() -> float:
    """Build dist/anaiss-desktop/; return the time it took (seconds)."""
    env = dict(os.environ)
    # PyInstaller's cache goes under build/, not in the person's home folder.
    env["PYINSTALLER_CONFIG_DIR"] = str(BUILD / "pyinstaller-cache")
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", str(DIST), "--workpath", str(BUILD / "pyinstaller"), str(SPEC),
    ]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise BuildFailed(f"PyInstaller a échoué (code {done.returncode}) : voir les messages "
                          "ci-dessus.")
    return elapsed


def self_test(bundle: Path, version: str) -> None:
    """Run the built executables: anaiss-admin --version, then anaiss-desktop --self-test
    offscreen (no window, no display needed)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    admin = subprocess.run([str(executable(bundle, "anaiss-admin")), "--version"], env=env,
                           capture_output=True, text=True, encoding="utf-8", errors="replace",
                           timeout=60)
    if admin.returncode != 0 or version not in admin.stdout + admin.stderr:
        raise BuildFailed("anaiss-admin --version a échoué dans le paquet :\n"
                          + (admin.stdout + admin.stderr).strip())
    say(f"anaiss-admin --version : {admin.stdout.strip()}")
    try:
        done = subprocess.run([str(executable(bundle, BUNDLE_NAME)), "--self-test"], env=env,
                              capture_output=True, text=True, encoding="utf-8", errors="replace",
                              timeout=SELF_TEST_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise BuildFailed(f"L'autotest du paquet n'a pas fini en {SELF_TEST_TIMEOUT} s.") from None
    for line in done.stdout.splitlines():
        say(f"    {line}")
    if done.returncode != 0:
        detail = done.stderr.strip()[-2000:]
        raise BuildFailed(f"L'autotest du paquet a échoué (code {done.returncode})."
                          + (f"\n{detail}" if detail else ""))


def check_libraries(bundle: Path) -> None:
    """No broken symbolic link; on Linux, every shared library finds what it links to (``ldd``).

    A library the spec dropped (:data:`ONLY_FOR_UNUSED_PLUGINS`) that something still needs is
    an error. Other libraries missing on this machine are system libraries the bundle expects
    from the person's system (PyInstaller leaves out libc, libGL, libxcb...): they are listed.
    """
    broken = sorted(str(path.relative_to(bundle)) for path in bundle.rglob("*")
                    if path.is_symlink() and not path.exists())
    if broken:
        raise BuildFailed("Liens symboliques sans cible dans le paquet :\n  " + "\n  ".join(broken))
    if not sys.platform.startswith("linux") or shutil.which("ldd") is None:
        return
    elves = [path for path in bundle.rglob("*") if path.is_file() and not path.is_symlink()
             and (".so" in path.name or os.access(path, os.X_OK)) and _is_elf(path)]
    env = dict(os.environ, LD_LIBRARY_PATH=str(bundle / "_internal"))

    def missing(path: Path) -> list[tuple[str, Path]]:
        done = subprocess.run(["ldd", str(path)], env=env, capture_output=True, text=True)
        return [(line.split("=>")[0].strip(), path) for line in done.stdout.splitlines()
                if "not found" in line]

    with ThreadPoolExecutor() as pool:
        found = [item for items in pool.map(missing, elves) for item in items]
    dropped = sorted({f"{name} (pour {path.relative_to(bundle)})" for name, path in found
                      if ONLY_FOR_UNUSED_PLUGINS.match(name)})
    if dropped:
        raise BuildFailed("Bibliothèques retirées par anaiss.spec mais encore nécessaires :\n  "
                          + "\n  ".join(dropped))
    system = sorted({name for name, _ in found})
    if system:
        say("Bibliothèques du système absentes de cette machine (le paquet les prend sur le "
            f"poste) : {', '.join(system)}")


def _is_elf(path: Path) -> bool:
    with path.open("rb") as file:
        return file.read(4) == b"\x7fELF"


def bundle_size(bundle: Path) -> tuple[int, int]:
    """(bytes, files) of the bundle folder, symbolic links not followed."""
    total = files = 0
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
            files += 1
    return total, files


def make_tarball(bundle: Path, version: str) -> Path:
    """dist/anaiss-desktop-<version>-linux-<arch>.tar.gz: the bundle under
    ``anaiss-desktop-<version>/``, with ``share/`` laid out as under /usr/local/share."""
    if not sys.platform.startswith("linux"):
        raise BuildFailed("L'archive .tar.gz se construit sous Linux (sous Windows : Inno "
                          "Setup, voir packaging/README.md).", EXIT_MISSING)
    top = f"{BUNDLE_NAME}-{version}"
    target = DIST / f"{top}-linux-{platform.machine()}.tar.gz"
    share = {
        LINUX / f"{APP_ID}.desktop": f"share/applications/{APP_ID}.desktop",
        LINUX / f"{APP_ID}.metainfo.xml": f"share/metainfo/{APP_ID}.metainfo.xml",
        LINUX / f"{APP_ID}.svg": f"share/icons/hicolor/scalable/apps/{APP_ID}.svg",
    }
    missing = [str(path) for path in share if not path.is_file()]
    if missing:
        raise BuildFailed(f"Fichiers absents pour l'archive : {', '.join(missing)}")
    released = metainfo_version(LINUX / f"{APP_ID}.metainfo.xml")
    if released != version:
        raise BuildFailed(
            f"La dernière version notée dans {APP_ID}.metainfo.xml est {released}, le projet "
            f"est en {version} : ajoutez <release version=\"{version}\" date=\"AAAA-MM-JJ\"/> "
            "en tête de <releases>."
        )

    def owned_by_root(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    partial = target.with_name(target.name + ".part")
    with tarfile.open(partial, "w:gz") as archive:
        archive.add(bundle, arcname=top, filter=owned_by_root)
        for source, name in share.items():
            archive.add(source, arcname=f"{top}/{name}", filter=owned_by_root)
    partial.replace(target)
    return target


def find_iscc() -> Path | None:
    """Inno Setup's command-line compiler: on the PATH, else where its installer puts it."""
    found = shutil.which("iscc")
    if found:
        return Path(found)
    for variable in ("ProgramFiles(x86)", "ProgramFiles", "LOCALAPPDATA"):
        base = os.environ.get(variable)
        for folder in ("Inno Setup 6", "Programs/Inno Setup 6"):
            candidate = Path(base or "/nonexistent") / folder / "ISCC.exe"
            if candidate.is_file():
                return candidate
    return None


def make_installer(version: str) -> Path:
    """dist/anaiss-desktop-<version>-windows-x64-setup.exe, from packaging/windows/anaiss.iss."""
    if sys.platform != "win32":
        raise BuildFailed("L'installateur Windows se construit sous Windows (Inno Setup).",
                          EXIT_MISSING)
    iscc = find_iscc()
    if iscc is None:
        raise BuildFailed("Inno Setup 6.3 (ou plus récent) n'est pas installé : téléchargez-le "
                          "sur https://jrsoftware.org/isdl.php, puis relancez.", EXIT_MISSING)
    script = ROOT / "packaging" / "windows" / "anaiss.iss"
    done = subprocess.run([str(iscc), "/Q", f"/DAppVersion={version}", str(script)], cwd=ROOT)
    target = DIST / f"{BUNDLE_NAME}-{version}-windows-x64-setup.exe"
    if done.returncode != 0 or not target.is_file():
        raise BuildFailed(f"Inno Setup a échoué (code {done.returncode}) : voir les messages "
                          "ci-dessus.")
    return target


def metainfo_version(path: Path) -> str | None:
    """The newest release the AppStream file lists (the first ``<release>``)."""
    from xml.etree import ElementTree

    release = ElementTree.parse(path).getroot().find("releases/release")
    return None if release is None else release.get("version")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python packaging/build.py",
        description="Construit le paquet autonome (PyInstaller, un dossier) et lance son autotest.",
    )
    parser.add_argument("--tarball", action="store_true",
                        help="faire aussi l'archive .tar.gz pour Linux (avec l'entrée de menu, "
                        "les métadonnées AppStream et l'icône)")
    parser.add_argument("--installer", action="store_true",
                        help="Windows : faire aussi l'installateur (Inno Setup 6.3 ou plus récent)")
    args = parser.parse_args(argv)
    try:
        # Said before a build of a minute or more, not after it.
        if args.tarball and not sys.platform.startswith("linux"):
            raise BuildFailed("L'archive .tar.gz se construit sous Linux.", EXIT_MISSING)
        if args.installer and (sys.platform != "win32" or find_iscc() is None):
            make_installer("")  # raises with the reason
        check_prerequisites()
        version = project_version()
        say(f"== ANAISS Desktop {version} : construction du paquet (PyInstaller)")
        draw_icons()
        seconds = run_pyinstaller()
        bundle = DIST / BUNDLE_NAME
        say(f"Paquet construit en {seconds:.0f} s : {bundle}")
        check_libraries(bundle)
        say("== Autotest du paquet (sans fenêtre)")
        self_test(bundle, version)
        size, files = bundle_size(bundle)
        say(f"Taille du paquet : {megabytes(size)} ({files} fichiers)")
        if args.tarball:
            target = make_tarball(bundle, version)
            say(f"Archive : {target} ({megabytes(target.stat().st_size)})")
        if args.installer:
            target = make_installer(version)
            say(f"Installateur : {target} ({megabytes(target.stat().st_size)})")
    except BuildFailed as exc:
        print(exc.message, file=sys.stderr)
        return exc.code
    say("Terminé.")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
