"""The coded lists (motifs, origins, intervention kinds, aid types, outcomes…).

Everyone reads them; the unit manager adds local categories, relabels and retires codes. A code
is never reused or deleted and every list keeps *Non renseigné* and *Autre (préciser)*, so the
statistics stay comparable and count what was not filled in openly (SPEC §1).
"""

from __future__ import annotations

from ..domain.codes import LISTS, Code, can_retire, validate_new_code
from ..storage.codes_repo import CodeRepository
from .errors import InvalidInput
from .session import Session


class CodeService:
    def __init__(self, session: Session) -> None:
        self._session = session

    @property
    def _repo(self) -> CodeRepository:
        return CodeRepository(self._session.db)

    def codes(self, list_name: str, *, include_retired: bool = False) -> list[Code]:
        self._check_list(list_name)
        return self._repo.of_list(list_name, include_retired=include_retired)

    def label(self, list_name: str, code: str) -> str:
        """The label to show for a stored code (retired ones too); the code if unknown."""
        for item in self._repo.of_list(list_name):
            if item.code == code:
                return item.label
        return code

    def _check_list(self, list_name: str) -> None:
        if list_name not in LISTS:
            raise InvalidInput(f"Liste inconnue : {list_name}.")

    def add(self, list_name: str, code: str, label: str) -> Code:
        s = self._session
        s.require_manager()
        self._check_list(list_name)
        code = code.strip().upper()
        problems = validate_new_code(list_name, code, label, self._repo.of_list(list_name))
        if problems:
            raise InvalidInput(problems=problems)
        new = Code(list_name, code, label.strip())
        with s.db.transaction():
            self._repo.add(new, s.now_iso())
        s.audit.append(s.account.login, "code.ajout", target=f"liste:{list_name}", detail=code)
        return new

    def relabel(self, list_name: str, code: str, label: str) -> None:
        s = self._session
        s.require_manager()
        existing = {c.code: c for c in self._repo.of_list(list_name)}
        if code not in existing:
            raise InvalidInput(f"Le code {code} n'existe pas dans cette liste.")
        if not label.strip():
            raise InvalidInput("Le libellé ne peut pas être vide.")
        if any(c.label.casefold() == label.strip().casefold() and c.code != code
               and not c.retired for c in existing.values()):
            raise InvalidInput("Un autre code de cette liste porte déjà ce libellé.")
        with s.db.transaction():
            self._repo.relabel(list_name, code, label)
        s.audit.append(s.account.login, "code.libelle", target=f"liste:{list_name}", detail=code)

    def set_retired(self, list_name: str, code: str, retired: bool = True) -> None:
        s = self._session
        s.require_manager()
        existing = {c.code: c for c in self._repo.of_list(list_name)}
        if code not in existing:
            raise InvalidInput(f"Le code {code} n'existe pas dans cette liste.")
        if retired:
            reason = can_retire(existing[code])
            if reason:
                raise InvalidInput(reason)
        with s.db.transaction():
            self._repo.set_retired(list_name, code, retired)
        s.audit.append(s.account.login, "code.retrait" if retired else "code.retour",
                       target=f"liste:{list_name}", detail=code)
