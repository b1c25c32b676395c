"""`kotakembar add`: copy theses into raw/theses/ (the DVC-tracked folder), with metadata, and track them.

Every file either lands under ``raw/theses/`` or is refused with a message naming the file and the
reason; nothing is overwritten and nothing half-written is left behind (copies go through a hidden
temporary file and a no-clobber link). The only subprocess is ``dvc add -- raw/theses`` (the dvc of
this Python's environment), so a file name starting with a dash never reaches a command line.
"""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.cache import sha256_file
from pipeline.io import atomic_write_bytes

SUPPORTED = (".pdf", ".txt", ".md", ".docx")
META_KEYS = ("title", "author", "year", "institution", "student_id")
THESES = "theses"
MAX_BYTES = 200_000_000  # pipeline.ingest fails larger files; refuse them here already


@dataclass
class AddResult:
    """What happened to one file given to `add_files`."""

    source: Path
    status: str  # "added" or "refused"
    message: str  # one line for a data person, naming the file
    target: Path | None = None  # the copy under raw/theses/
    sidecar: Path | None = None  # its NAME.meta.yaml, when metadata was given
    tracked: bool = False  # `dvc add raw/theses` ran and succeeded after the copy

    @property
    def ok(self) -> bool:
        return self.status == "added"


class _Refused(Exception):
    """Why one file is not added."""


def add_files(files: list[Path], raw_dir: Path, *, meta: dict[str, str] | None = None,
              dvc: bool = True) -> list[AddResult]:
    """Copy each file into `raw_dir/theses/`, write its sidecar from `meta`, then `dvc add` the folder.

    One result per input, in order; a refused file leaves nothing behind. `meta` (keys title,
    author, year, institution, student_id) describes one document, so it is refused with several
    files. DVC runs once, after the copies, only when `dvc` is true, something was added and a
    `.dvc/` folder is found at or above `raw_dir`.
    """
    files = [Path(f) for f in files]
    raw_dir = Path(raw_dir)
    theses = raw_dir / THESES
    meta = _clean_meta(meta)
    shown_root = raw_dir.parent
    results: list[AddResult] = []
    if meta and len(files) > 1:
        why = "metadata (title, author, …) describes one document: add the files one at a time when giving it"
        return [AddResult(f, "refused", f"refused {f}: {why}") for f in files]
    if not raw_dir.is_dir():
        why = f"{raw_dir} is not a folder (run this in the project folder, the one holding raw/)"
        return [AddResult(f, "refused", f"refused {f}: {why}") for f in files]
    bad_year = meta.get("year", "")
    if bad_year and not (len(bad_year) == 4 and bad_year.isdigit() and 1900 <= int(bad_year) <= 2100):
        return [AddResult(f, "refused", f"refused {f}: year {bad_year!r} is not a year (expected YYYY, e.g. 2019)")
                for f in files]

    known: dict[str, Path] | None = None  # sha256 → file under raw/, computed on first need
    for src in files:
        try:
            name = _target_name(src)
            _check_regular(src)
            _check_extension(name)
            data = _read_regular(src)
            if known is None:
                known = _hashes(raw_dir)
            digest = hashlib.sha256(data).hexdigest()
            if digest in known:
                raise _Refused(f"already in raw/ as {_show(known[digest], shown_root)} (same content)")
            target = theses / name
            _check_target(target, raw_dir, shown_root)
            sidecar = theses / f"{Path(name).stem}.meta.yaml" if meta else None
            _copy_new(data, target, shown_root)
        except _Refused as e:
            results.append(AddResult(src, "refused", f"refused {src}: {e}"))
            continue
        except OSError as e:  # raw/theses/ not writable, disk full, …
            results.append(AddResult(src, "refused", f"refused {src}: cannot copy it into "
                                                     f"{_show(theses, shown_root)}/: {e.strerror or e}"))
            continue
        known[digest] = target
        message = f"added {src} as {_show(target, shown_root)}"
        if name != src.name:
            message += " (name normalized to Unicode NFC)"
        if sidecar is not None:
            try:
                atomic_write_bytes(sidecar, _yaml(meta).encode("utf-8"))
            except OSError as e:
                target.unlink(missing_ok=True)
                known.pop(digest, None)
                results.append(AddResult(src, "refused", f"refused {src}: cannot write its metadata sidecar "
                                                         f"{_show(sidecar, shown_root)}: {e.strerror or e}"))
                continue
            message += f" with metadata {_show(sidecar, shown_root)}"
        elif (theses / f"{Path(name).stem}.meta.yaml").is_file():
            message += f" (it takes the metadata already in {_show(theses / (Path(name).stem + '.meta.yaml'), shown_root)})"
        results.append(AddResult(src, "added", message, target=target, sidecar=sidecar))

    added = [r for r in results if r.ok]
    if dvc and added:
        tracked, note = _dvc_add(theses)
        for r in added:
            r.tracked = tracked
            r.message += f"; {note}"
    return results


# --------------------------------------------------------------------------- checks


def _clean_meta(meta: dict[str, str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in (meta or {}).items():
        if key not in META_KEYS:
            raise ValueError(f"unknown metadata key {key!r} (known: {', '.join(META_KEYS)})")
        text = " ".join(str(value).split()) if value is not None else ""
        if text:
            out[key] = text
    return out


def _target_name(src: Path) -> str:
    """The name the copy gets under raw/theses/: the source's own name, in NFC, if it stays inside and visible."""
    raw_name = src.name
    if raw_name in ("", ".", ".."):
        raise _Refused("a name like '..' would put the copy outside raw/theses/; give the file itself")
    name = unicodedata.normalize("NFC", raw_name)
    if "/" in name or "\\" in name or os.path.isabs(name):
        raise _Refused(f"the name {name!r} holds a path separator and would put the copy outside raw/theses/")
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in name):
        raise _Refused("the name holds a control or invisible character; rename the file")
    if name.startswith("."):
        raise _Refused("the name starts with '.', and hidden files are skipped by ingest; rename the file")
    if name.startswith("~$"):
        raise _Refused("a name starting with '~$' is a Word lock file, skipped by ingest; give the real document")
    return name


def _check_extension(name: str) -> None:
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED:
        hint = " — save it as .docx" if suffix == ".doc" else ""
        raise _Refused(f"unsupported file type '{suffix or '(no extension)'}' (supported: {', '.join(SUPPORTED)}){hint}")


_KINDS = ((stat.S_ISDIR, "a directory — pass the files inside it"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _kind(mode: int) -> str:
    return next((what for test, what in _KINDS if test(mode)), "not a regular file")


def _check_regular(src: Path) -> None:
    """Refuse what is missing or not a regular file (symbolic links are followed)."""
    try:
        st = os.stat(src)
    except FileNotFoundError:
        broken = os.path.islink(src)
        raise _Refused("a symbolic link to a file that does not exist" if broken else "not found") from None
    except OSError as e:
        raise _Refused(f"cannot be read: {e.strerror or e}") from None
    if not stat.S_ISREG(st.st_mode):
        raise _Refused(f"not a regular file: it is {_kind(st.st_mode)}")


def _read_regular(src: Path) -> bytes:
    """The bytes of a regular file (following symlinks); anything else is refused without blocking on it."""
    try:
        # O_NONBLOCK: if the path was swapped for a FIFO since the stat, opening it must not hang
        fd = os.open(src, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as e:
        raise _Refused(f"cannot be read: {e.strerror or e}") from None
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise _Refused(f"not a regular file: it is {_kind(st.st_mode)}")
        if st.st_size == 0:
            raise _Refused("empty file (0 bytes)")
        if st.st_size > MAX_BYTES:
            raise _Refused(f"too large: {st.st_size / 1e6:.1f} MB (ingest reads files up to {MAX_BYTES / 1e6:.0f} MB)")
        return f.read()


def _hashes(raw_dir: Path) -> dict[str, Path]:
    """sha256 → path of every regular file under raw_dir (symlinks not followed), first in sorted order."""
    found: dict[str, Path] = {}
    if not raw_dir.is_dir():
        return found
    for path in sorted(_walk(raw_dir)):
        try:
            digest = sha256_file(path)
        except OSError:
            continue
        found.setdefault(digest, path)
    return found


def _walk(root: Path) -> Iterable[Path]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d not in (".git", ".dvc")]
        for name in filenames:
            path = Path(dirpath) / name
            if stat.S_ISREG(os.lstat(path).st_mode):
                yield path


def _check_target(target: Path, raw_dir: Path, shown_root: Path) -> None:
    """The copy must stay inside raw/, take no existing name and not share a sidecar with another document."""
    try:
        inside = target.parent.resolve().is_relative_to(raw_dir.resolve())
    except OSError:
        inside = False
    if not inside:
        raise _Refused(f"{_show(target.parent, shown_root)} leads outside {_show(raw_dir, shown_root)}/ (a symbolic link?)")
    if os.path.lexists(target):
        raise _Refused(f"{_show(target, shown_root)} already exists with different content; rename the new file")
    stem = Path(target.name).stem
    if target.parent.is_dir():
        for other in sorted(target.parent.iterdir()):
            if other.name != target.name and other.suffix.lower() in SUPPORTED and other.stem == stem:
                raise _Refused(f"{_show(other, shown_root)} has the same name before the extension, so both would "
                               f"share the metadata sidecar {stem}.meta.yaml; rename the new file")


def _temp_copy(data: bytes, folder: Path) -> str:
    """A hidden temporary file in `folder` holding `data`, readable like any new file (umask, not 0600)."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".add.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(f.fileno(), 0o666 & ~_umask())
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return tmp


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _copy_new(data: bytes, target: Path, shown_root: Path) -> None:
    """Write `data` as `target` without ever overwriting it or leaving a partial file under its name."""
    tmp = _temp_copy(data, target.parent)
    try:
        try:
            os.link(tmp, target)  # fails if the name was taken meanwhile
        except FileExistsError:
            raise
        except OSError:  # no hard links here: claim the name, then move the full copy onto it
            os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
            os.replace(tmp, target)
    except FileExistsError:
        raise _Refused(f"{_show(target, shown_root)} already exists; rename the new file") from None
    finally:
        Path(tmp).unlink(missing_ok=True)


def _show(path: Path, root: Path) -> str:
    """`path` relative to the folder holding raw/ when possible (raw/theses/x.pdf), else as given."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _yaml(meta: dict[str, str]) -> str:
    import yaml

    ordered = {k: meta[k] for k in META_KEYS if k in meta}
    return yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=1000)


# --------------------------------------------------------------------------- DVC


def dvc_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` holding `.dvc/`; None when a `.git` folder without it comes first."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        if (folder / ".dvc").is_dir():
            return folder
        if (folder / ".git").exists():
            return None
    return None


def _dvc_add(theses: Path) -> tuple[bool, str]:
    """Run `dvc add -- raw/theses` in the DVC repo; (tracked, note for the messages)."""
    root = dvc_root(theses.parent)
    if root is None:
        return False, "not tracked by DVC: no .dvc/ folder at or above the raw folder (run `dvc init`, or use --no-dvc)"
    rel = os.path.relpath(theses.resolve(), root)
    exe = Path(sys.executable).parent / "dvc"
    if not exe.exists():
        return False, f"not tracked by DVC: {exe} not found; run `dvc add {rel}` yourself"
    env = dict(os.environ, DVC_NO_ANALYTICS="1",
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    proc = subprocess.run([str(exe), "add", "--quiet", "--", rel], cwd=root, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        lines = [ln.strip() for ln in (proc.stderr + proc.stdout).splitlines() if ln.strip()]
        why = lines[-1] if lines else f"exit code {proc.returncode}"
        return False, f"copied, but `dvc add {rel}` failed ({why}); fix that and run it again"
    return True, f"tracked by DVC ({rel}.dvc)"
