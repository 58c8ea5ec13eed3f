"""Global flags generated from Settings: one per field, its help the field's description.

As llama-cpp-python's server does with `add_args_from_model`: a new setting gets its flag
without touching the CLI. Flags win over DEBRIEF_* variables, which win over the defaults.
"""

from __future__ import annotations

import argparse
import types
from pathlib import Path
from typing import Any, Union, get_args, get_origin

from pydantic import ValidationError
from pydantic.fields import FieldInfo

from debrief.core.config import Settings
from debrief.core.errors import UserError

# Namespace prefix of setting values: never clashes with a command's own options.
DEST = "setting."
METAVAR = {"data_dir": "DIR", "model": "NAME|PATH", "auth": "USER:PASSWORD", "host": "HOST",
           "port": "PORT", "chroma_url": "URL", "llm_url": "URL"}


def flag_of(name: str) -> str:
    """The flag of a Settings field: data_dir -> --data-dir."""
    return "--" + name.replace("_", "-")


def env_of(name: str) -> str:
    """The variable of a Settings field: data_dir -> DEBRIEF_DATA_DIR."""
    return f"DEBRIEF_{name.upper()}"


def base_type(annotation: Any) -> Any:
    """The type a flag's text converts to: int for `int`, str for `str | None`."""
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        return base_type(args[0]) if args else str
    return annotation if annotation in (int, float, bool, Path) else str


def _help(name: str, field: FieldInfo) -> str:
    notes = [env_of(name)]
    if field.default is not None:
        notes.append(f"default: {field.default}")
    extra = field.json_schema_extra
    if isinstance(extra, dict) and extra.get("secret"):
        notes.append("prefer the variable: a flag shows in the process list")
    text = f"{(field.description or '').rstrip('.')} ({'; '.join(notes)})"
    return text.replace("%", "%%")


def _metavar(name: str, kind: Any) -> str:
    if name in METAVAR:
        return METAVAR[name]
    if kind is Path:
        return "DIR"
    if kind is float and name.endswith("timeout"):
        return "SECONDS"
    return "N" if kind in (int, float) else name.rsplit("_", 1)[-1].upper()


def add_setting_flag(parser: argparse.ArgumentParser | Any, name: str,
                     model: type[Settings] = Settings) -> None:
    """Add the flag of one Settings field to a parser or argument group."""
    field = model.model_fields[name]
    kind = base_type(field.annotation)
    # SUPPRESS: a flag not given leaves no value, so a command's own --host given as
    # `debrief serve --host` and the global one never overwrite each other with None.
    common: dict[str, Any] = {"dest": DEST + name, "default": argparse.SUPPRESS,
                              "help": _help(name, field)}
    if kind is bool:
        parser.add_argument(flag_of(name), action=argparse.BooleanOptionalAction, **common)
    else:
        parser.add_argument(flag_of(name), type=kind, metavar=_metavar(name, kind), **common)


def add_settings_flags(parser: argparse.ArgumentParser, model: type[Settings] = Settings) -> None:
    """One global flag per Settings field, in a group of its own."""
    group = parser.add_argument_group(
        "settings", "Give these before the command; each overrides its DEBRIEF_* variable.")
    for name in model.model_fields:
        add_setting_flag(group, name, model)


def make_settings(args: argparse.Namespace, model: type[Settings] = Settings) -> Settings:
    """Settings from the environment, with the flags given winning."""
    given = {k.removeprefix(DEST): v for k, v in vars(args).items() if k.startswith(DEST)}
    try:
        return model(**given)
    except ValidationError as exc:
        err = exc.errors()[0]
        name = str(err["loc"][0]) if err["loc"] else "?"
        raise UserError(f"invalid setting {name} ({flag_of(name)} or {env_of(name)}): "
                        f"{err['msg']}") from exc
