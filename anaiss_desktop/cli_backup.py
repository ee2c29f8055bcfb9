"""``anaiss-admin backup`` and ``restore``: a whole station to one file and back (issue 7).

``backup`` is the GUI's "Sauvegarder" (:class:`~anaiss_desktop.services.backup.BackupService`):
signing in with the password on standard input is the confirmation it asks for. It prints the
path of the file written on standard output and nothing else, so a script (a nightly task) can
use it; progress and notes go to standard error. A full, read-only or missing drive leaves no
file behind and exits with 7.

``restore`` rebuilds a station from a backup file into the data folder (``--data-dir``, else
the default one). It opens no station and takes no session: there may be none yet where it
restores. The file is checked before anything is asked (exit 2 for a file that is not a backup,
truncated or altered); the key is then unwrapped with the password of an account of the saved
station (``--as``, exit 3 when wrong) or its recovery key (``--recovery-key``). A station
already in the folder is set aside under a new name, never deleted; both places are printed on
standard output. The exit codes are those of :mod:`anaiss_desktop.cli`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .services.errors import InvalidInput

if TYPE_CHECKING:
    from .cli import Context
    from .services.session import Session

EXIT_OK = 0

CommandFactory = Callable[..., argparse.ArgumentParser]


def add_backup_commands(command: CommandFactory, common: argparse.ArgumentParser) -> None:
    """Register ``backup`` and ``restore`` with ``anaiss-admin``.

    ``command`` is :func:`anaiss_desktop.cli.build_parser`'s factory of top-level commands;
    ``common`` (the parent parser holding ``--data-dir``) is already given to each by it.
    """
    del common  # --data-dir comes with every command made by ``command``
    backup = command(
        "backup", "Sauvegarder la station (base chiffrée et fichier des clés) dans un fichier "
                  ".anaiss-sauvegarde, par exemple sur une clé USB ou un disque rangé à "
                  "l'écart du poste (entrée standard : mot de passe). Affiche le chemin du "
                  "fichier écrit.",
    )
    backup.add_argument("--as", dest="actor", required=True, metavar="IDENTIFIANT",
                        help="votre identifiant")
    backup.add_argument("--out", required=True, metavar="DOSSIER",
                        help="dossier où écrire la sauvegarde (il doit exister)")
    backup.set_defaults(handler=cmd_backup)

    restore = command(
        "restore", "Restaurer une station depuis une sauvegarde dans le dossier de données "
                   "(--data-dir). Une station déjà présente dans ce dossier est mise de côté "
                   "sous un autre nom, jamais effacée (entrée standard : mot de passe d'un "
                   "compte de la station sauvegardée, ou sa clé de secours). Affiche où est la "
                   "station restaurée et, s'il y a lieu, où a été mise la précédente.",
    )
    restore.add_argument("file", metavar="FICHIER",
                         help="la sauvegarde à restaurer (un fichier .anaiss-sauvegarde)")
    who = restore.add_mutually_exclusive_group(required=True)
    who.add_argument("--as", dest="actor", metavar="IDENTIFIANT",
                     help="identifiant d'un compte de la station sauvegardée")
    who.add_argument("--recovery-key", action="store_true",
                     help="utiliser la clé de secours de la station sauvegardée (lue sur "
                          "l'entrée standard)")
    restore.set_defaults(handler=cmd_restore)


def _percent_printer(ctx: Context, what: str) -> Callable[[int, int], bool]:
    """Progress on standard error every 10 %, so a long run shows it is alive."""
    state = {"shown": -1}

    def progress(done: int, total: int) -> bool:
        percent = 100 * done // total if total else 100
        if percent // 10 != state["shown"] // 10:
            state["shown"] = percent
            ctx.warn(f"{what} : {percent} %")
        return True

    return progress


def cmd_backup(ctx: Context) -> int:
    from .services.backup import BackupService

    folder = Path(ctx.args.out).expanduser()
    if not folder.is_dir():  # said before any password is asked
        raise InvalidInput(
            f"Le dossier de sortie « {ctx.args.out} » n'existe pas ou n'est pas un dossier : "
            "créez-le ou branchez le support, puis recommencez."
        )

    def run(session: Session) -> int:
        path = BackupService(session).make(folder, progress=_percent_printer(ctx, "Sauvegarde"))
        ctx.out(str(path))
        ctx.warn(
            "Sauvegarde écrite et relue. Elle est chiffrée : la restaurer demande le mot de "
            "passe d'un compte de la station ou sa clé de secours. Rangez le support à l'écart "
            "du poste. La sauvegarde est inscrite au journal d'audit."
        )
        return EXIT_OK

    return ctx.with_session(run)


def cmd_restore(ctx: Context) -> int:
    from .services.backup import read_manifest, restore
    from .services.clock import format_local

    args = ctx.args
    path = Path(args.file).expanduser()
    manifest = read_manifest(path)  # a bad file is said before any secret is asked
    if args.recovery_key:
        credentials = {"recovery_key": ctx.reader.recovery_key()}
    else:
        password = ctx.reader.password(f"Mot de passe de {args.actor} : ")
        credentials = {"login": args.actor, "password": password}
    result = restore(path, ctx.data_dir, clock=ctx.clock,
                     progress=_percent_printer(ctx, "Restauration"), **credentials)
    ctx.out(f"Station restaurée dans : {result.data_dir}")
    if result.set_aside is not None:
        ctx.out(f"Station précédente mise de côté (non effacée) dans : {result.set_aside}")
    ctx.warn(
        f"Sauvegarde faite {format_local(manifest.created_at)} (version "
        f"{manifest.application_version}). La restauration est inscrite au journal d'audit de "
        "la station restaurée."
    )
    return EXIT_OK
