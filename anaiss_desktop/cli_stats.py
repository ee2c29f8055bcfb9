"""``anaiss-admin stats``: the anonymised statistics from a script (issue 6, SPEC §6 and §8).

``stats export`` is the unit manager's export of one station, the same use case as the GUI's
"Exporter les statistiques" (:class:`~anaiss_desktop.services.stats.StatsService`): signing in
with the password on standard input is the confirmation the export asks for. ``stats merge``
is the region's consolidation (:mod:`anaiss_desktop.services.stats_merge`): it works on files
only, so it opens no station, asks no password and needs no data folder.

Both print the paths of the files they wrote on standard output, one per line and nothing
else, so a script can pipe them; notes and errors go to standard error. Files already present
are never replaced without ``--replace``, and the files are written all or none
(:mod:`anaiss_desktop.services.drive_write`): a read-only or full target leaves nothing behind
(exit 7). The exit codes are those of :mod:`anaiss_desktop.cli`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .services.errors import InvalidInput

if TYPE_CHECKING:
    from .cli import Context
    from .services.session import Session

EXIT_OK = 0

NO_CODE = (
    "Aucun code de station n'est choisi : il nomme la station dans les fichiers exportés (jamais "
    "le nom du service). Indiquez-le avec --code (par exemple --code NORD-03), ou enregistrez-le "
    "une fois pour toutes dans Administration › Paramètres (statistiques)."
)

CommandFactory = Callable[..., argparse.ArgumentParser]


def add_stats_commands(command: CommandFactory, common: argparse.ArgumentParser) -> None:
    """Register ``stats export`` and ``stats merge`` with ``anaiss-admin``.

    ``command`` is :func:`anaiss_desktop.cli.build_parser`'s factory of top-level commands,
    ``common`` the parent parser holding ``--data-dir``.
    """
    stats = command(
        "stats", "Statistiques anonymisées : export de la station, consolidation régionale.",
    )
    actions = stats.add_subparsers(dest="stats_command", metavar="ACTION", title="actions")
    actions.required = True

    def action(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(
            name, help=help_text, description=help_text, parents=[common], add_help=False,
        )
        sub.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
        return sub

    export = action(
        "export", "Exporter les statistiques anonymisées d'une période (CSV, résumé PDF et "
                  "manifeste JSON) dans un dossier, par exemple une clé USB (entrée standard : "
                  "mot de passe du/de la responsable). Affiche les chemins des fichiers écrits.",
    )
    export.add_argument("--as", dest="actor", required=True, metavar="RESPONSABLE",
                        help="identifiant du/de la responsable d'unité")
    export.add_argument("--from", dest="first", required=True, metavar="AAAA-MM",
                        help="premier mois de la période (par exemple 2026-01)")
    export.add_argument("--to", dest="last", required=True, metavar="AAAA-MM",
                        help="dernier mois de la période, inclus, au plus le mois en cours")
    export.add_argument("--out", required=True, metavar="DOSSIER",
                        help="dossier où écrire les fichiers (il doit exister)")
    export.add_argument("--code", metavar="CODE",
                        help="code de la station dans les fichiers (par défaut : celui des "
                             "paramètres de la station)")
    export.add_argument("--threshold", metavar="N",
                        help="seuil du secret statistique, au moins 3 : les effectifs de 1 à "
                             "N-1 sont masqués (par défaut : celui des paramètres, 5 sinon)")
    export.add_argument("--replace", action="store_true",
                        help="remplacer les fichiers du même nom déjà présents")
    export.set_defaults(handler=cmd_stats_export)

    merge = action(
        "merge", "Consolider les exports de plusieurs stations (une même période) en un "
                 "fichier régional du même format : vérifie chaque manifeste et l'empreinte de "
                 "chaque CSV, additionne, masque à nouveau les petits effectifs. Sans station "
                 "ni mot de passe. Affiche les chemins des fichiers écrits.",
    )
    merge.add_argument("manifests", nargs="+", metavar="FICHIER.json",
                       help="manifeste d'un export, son fichier CSV à côté de lui")
    merge.add_argument("--out", required=True, metavar="DOSSIER",
                       help="dossier où écrire les fichiers consolidés (il doit exister)")
    merge.add_argument("--code", required=True, metavar="CODE-REGION",
                       help="code qui nomme la consolidation dans les fichiers "
                            "(par exemple HDF-NORD)")
    merge.add_argument("--threshold", metavar="N",
                       help="seuil du secret statistique : le plus élevé de celui-ci et de "
                            "ceux des fichiers (par défaut : le plus élevé des fichiers)")
    merge.add_argument("--replace", action="store_true",
                       help="remplacer les fichiers du même nom déjà présents")
    merge.set_defaults(handler=cmd_stats_merge)


# -- helpers ----------------------------------------------------------------------------------

def _output_folder(text: str) -> Path:
    """``--out``, which must be an existing folder (said before any password is asked)."""
    folder = Path(text).expanduser()
    if not folder.is_dir():
        raise InvalidInput(
            f"Le dossier de sortie « {text} » n'existe pas ou n'est pas un dossier : "
            "créez-le ou branchez le support, puis recommencez."
        )
    return folder


def _refuse_existing(folder: Path, names: Sequence[str], replace: bool) -> None:
    from .services.drive_write import existing

    present = existing(folder, names)
    if present and not replace:
        listed = ", ".join(f"« {name} »" for name in present)
        raise InvalidInput(
            f"Des fichiers du même nom existent déjà dans « {folder} » : {listed}. Rien n'a "
            "été écrit. Choisissez un autre dossier, ou ajoutez --replace pour les remplacer."
        )


def _threshold(text: str | None) -> int | None:
    """``--threshold`` as a valid threshold (argparse's own error would be in English)."""
    from .domain.suppression import threshold_problems

    if text is None:
        return None
    value = text.strip()
    if not (value.isascii() and value.isdigit()):
        raise InvalidInput(f"--threshold attend un nombre entier (au moins 3) : « {text} ».")
    problems = threshold_problems(int(value))
    if problems:
        raise InvalidInput(problems[0])
    return int(value)


def _check_period_text(first: str, last: str) -> None:
    """The "AAAA-MM" form, before the password (the station checks "not in the future")."""
    from .domain.stats import Period, StatsError

    try:
        Period.parse(first, last)
    except StatsError as exc:
        raise InvalidInput(exc.message) from None


# -- commands ---------------------------------------------------------------------------------

def cmd_stats_export(ctx: Context) -> int:
    from .services.station_settings import StationSettingsService
    from .services.stats import StatsService

    args = ctx.args
    folder = _output_folder(args.out)
    _check_period_text(args.first, args.last)
    asked = _threshold(args.threshold)

    def run(session: Session) -> int:
        session.require_manager()
        settings = StationSettingsService(session).stats_settings()
        code = (args.code or settings.station_code or "").strip()
        if not code:
            raise InvalidInput(NO_CODE)
        threshold = settings.threshold if asked is None else asked
        service = StatsService(session)
        period = service.parse_period(args.first, args.last)
        files = service.export_files(service.compute(period), threshold, code)
        _refuse_existing(folder, [name for name, _data in files.named()], args.replace)
        written = service.write_export(files, folder)
        for item in written.files:
            ctx.out(str(item.path))
        ctx.warn(
            f"Statistiques exportées pour la station {code}, période {period.label()} (seuil "
            f"du secret statistique : {threshold}) : {len(written.files)} fichiers écrits et "
            "relus. L'export est inscrit au journal d'audit."
        )
        return EXIT_OK

    return ctx.with_session(run)


def cmd_stats_merge(ctx: Context) -> int:
    from .domain.stats import Month, Period
    from .services.drive_write import write_files
    from .services.stats_merge import load_inputs, merge

    args = ctx.args
    folder = _output_folder(args.out)
    threshold = _threshold(args.threshold)
    inputs = load_inputs(args.manifests)
    try:
        files = merge(inputs, station_code=args.code.strip(), threshold=threshold,
                      generated_at=ctx.clock())
    except InvalidInput as exc:
        # The consolidation names the files by their rank: say which rank is which path.
        ctx.warn(exc.message)
        if "n° " in exc.message:
            ctx.warn("Fichiers, dans l'ordre donné :")
            for index, path in enumerate(args.manifests, start=1):
                ctx.warn(f"  n° {index} : {path}")
        return exc.exit_code
    named = files.named()
    _refuse_existing(folder, [name for name, _data in named], args.replace)
    written = write_files(folder, named)
    for item in written:
        ctx.out(str(item.path))
    manifest = files.manifest
    codes = ", ".join(str(m.get("station_code", "")) for m in manifest.get("merged_from", ()))
    period = Period(Month.parse(manifest["period"]["from"]), Month.parse(manifest["period"]["to"]))
    ctx.warn(
        f"Consolidation {manifest['station_code']} de {len(inputs)} fichier(s) (stations : "
        f"{codes}), période {period.label()} (seuil du secret statistique : "
        f"{manifest['threshold']}) : {len(written)} fichiers écrits et relus."
    )
    return EXIT_OK
