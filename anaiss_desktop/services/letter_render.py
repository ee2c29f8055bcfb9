"""Filling a letter template: Jinja2 in its sandbox, strict about every field, French about
every problem.

The sandbox keeps template code away from Python internals (a manager edits templates; a copied
template file could be anything). Strictness means a field that is missing or misspelt stops the
letter with a message naming it, instead of printing a blank in a letter sent to a person. Jinja2
is imported on first use: it is needed only when a letter is written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from ..domain.letters import (
    GROUPS,
    LetterTemplate,
    TemplateFormatError,
    body_offset,
    field_problems,
    format_template,
    parse_template,
)
from .errors import InvalidInput

MAX_OUTPUT = 200_000  # characters: a letter, not a book (a loop gone wild stops here)


class LetterProblem(InvalidInput):
    """A template that cannot be filled or saved; ``message`` says why, in French."""


class Group(dict):
    """A group of fields (``personne``, ``rdv``…): read as ``{{ personne.nom }}``.

    ``missing`` says why the whole group has no value (no appointment to come), so that the
    message about ``rdv.date`` can say it.
    """

    def __init__(self, name: str, values: Mapping[str, str], missing: str = "") -> None:
        super().__init__(values)
        self.name = name
        self.missing = missing


def _environment() -> Any:
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    class FrenchUndefined(StrictUndefined):
        def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> Any:
            owner = self._undefined_obj
            name = self._undefined_name
            if isinstance(owner, Group):
                dotted = f"{owner.name}.{name}"
                if owner.missing:
                    raise LetterProblem(f"Le champ « {dotted} » n'a pas de valeur : "
                                        f"{owner.missing}.")
                raise LetterProblem(f"Champ inconnu : « {dotted} ».")
            raise LetterProblem(f"Champ inconnu : « {name} ».")

        # Jinja binds these to the base class's method when it defines them: bind them again.
        __str__ = __iter__ = __len__ = __bool__ = _fail_with_undefined_error  # type: ignore
        __eq__ = __ne__ = __contains__ = __getitem__ = _fail_with_undefined_error  # type: ignore
        __add__ = __radd__ = __mul__ = __rmul__ = _fail_with_undefined_error  # type: ignore
        __hash__ = None  # type: ignore[assignment]

    env = SandboxedEnvironment(undefined=FrenchUndefined, autoescape=False,
                               keep_trailing_newline=False)
    env.globals.clear()  # no range, lipsum, cycler…: a letter reads its fields, nothing else
    return env


_JINJA_SYNTAX = (
    (re.compile(r"^unexpected end of template"),
     lambda m: "une balise {{ … }} ou {% … %} n'est pas fermée"),
    (re.compile(r"^expected token '(.+?)', got '(.+?)'"),
     lambda m: f"« {m.group(1)} » attendu, « {m.group(2)} » trouvé"),
    (re.compile(r"^Encountered unknown tag '(.+?)'"),
     lambda m: f"balise inconnue « {m.group(1)} » (seul {{% if %}} est permis)"),
    (re.compile(r"^unexpected char '(.+?)'"), lambda m: f"caractère inattendu « {m.group(1)} »"),
    (re.compile(r"^unexpected '(.+?)'"), lambda m: f"« {m.group(1)} » inattendu"),
)


def syntax_in_french(message: str | None) -> str:
    """Jinja's syntax error, said in French (accolades, balises)."""
    for pattern, french in _JINJA_SYNTAX:
        match = pattern.match(message or "")
        if match:
            return "syntaxe incorrecte : " + french(match)
    return "syntaxe incorrecte : accolades ou balises mal fermées"


def used_fields(body: str) -> set[str]:
    """The dotted field names ``body`` reads (``personne.nom``, ``aujourdhui``…).

    Raises :class:`LetterProblem` on a syntax error (line counted from the body's first line).
    """
    from jinja2 import TemplateSyntaxError, meta, nodes

    try:
        ast = _environment().parse(body)
    except TemplateSyntaxError as exc:
        raise LetterProblem(f"Ligne {exc.lineno} du texte : {syntax_in_french(exc.message)}.") \
            from None
    # Fields and conditions only: no loops, calls, macros or includes (a template edited in
    # the application must not be able to run for minutes or reach anything but its fields).
    forbidden = (nodes.For, nodes.Macro, nodes.CallBlock, nodes.Call, nodes.Include,
                 nodes.Import, nodes.FromImport, nodes.Extends)
    for node in ast.find_all(forbidden):
        raise LetterProblem(f"Ligne {node.lineno} du texte : un courrier n'affiche que des "
                            "champs ({{ … }}) et des conditions ({% if … %}).")
    for node in ast.find_all(nodes.Name):
        if node.name == "self":
            raise LetterProblem(f"Ligne {node.lineno} du texte : champ inconnu « self ».")
    used: set[str] = set()
    for node in ast.find_all(nodes.Getattr):
        if isinstance(node.node, nodes.Name):
            used.add(f"{node.node.name}.{node.attr}")
    for node in ast.find_all(nodes.Getitem):
        if (isinstance(node.node, nodes.Name) and isinstance(node.arg, nodes.Const)
                and isinstance(node.arg.value, str)):
            used.add(f"{node.node.name}.{node.arg.value}")
    grouped = {name.split(".")[0] for name in used}
    for name in meta.find_undeclared_variables(ast):
        if name not in grouped or name not in GROUPS:
            used.add(name)
    return used


def check_template(template: LetterTemplate, source: str | None = None) -> list[str]:
    """Every problem that stops this template from being saved or used, in French.

    Syntax errors name their line: counted in ``source`` (the file text the manager edits)
    when given, else in the text :func:`format_template` writes.
    """
    try:
        used = used_fields(template.body)
    except LetterProblem as exc:
        offset = body_offset(source if source is not None else format_template(template))
        message = exc.message
        number, _, rest = message.removeprefix("Ligne ").partition(" du texte")
        if message.startswith("Ligne ") and number.isdigit():
            message = f"Ligne {int(number) + offset}{rest}"
        return [message]
    return field_problems(template, used)


def check_source(key: str, source: str) -> tuple[LetterTemplate | None, list[str]]:
    """Read and check a template's file text (the manager's editor): the template when it can
    be read, and every problem found."""
    try:
        template = parse_template(key, source)
    except TemplateFormatError as exc:
        return None, [str(exc)]
    return template, check_template(template, source)


def render(template: LetterTemplate, context: Mapping[str, Any]) -> str:
    """The body filled with ``context`` (groups of :class:`Group`, and ``aujourdhui``).

    Raises :class:`LetterProblem` naming the field that has no value, or the construct the
    sandbox refused; never a Python error.
    """
    from jinja2 import TemplateError
    from jinja2.sandbox import SecurityError

    problems = check_template(template)
    if problems:
        raise LetterProblem("\n".join(problems))
    try:
        text = _environment().from_string(template.body).render(dict(context))
    except LetterProblem:
        raise
    except SecurityError:
        raise LetterProblem("Le modèle tente un accès interdit : il ne peut lire que les champs "
                            "du courrier.") from None
    except (TemplateError, ArithmeticError, TypeError, ValueError, OverflowError) as exc:
        raise LetterProblem(f"Le modèle ne peut pas être rempli : {type(exc).__name__}.") from None
    if len(text) > MAX_OUTPUT:
        raise LetterProblem("Le courrier produit par ce modèle est bien trop long.")
    return text.strip("\n")
