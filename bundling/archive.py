"""The portable archives: .tar.gz (Linux) and .zip (Windows without Inno Setup), made the same way every time:
entries sorted, one fixed time stamp, no owner names, permissions reduced to executable or not. Two builds of the
same files give the same archive bytes."""

from __future__ import annotations

import gzip
import os
import subprocess
import tarfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

ZIP_EPOCH = 315532800  # 1980-01-01: the earliest time a zip entry can hold


def source_date_epoch(root: Path, environ: dict[str, str] | None = None) -> int:
    """The time stamp of every entry: SOURCE_DATE_EPOCH if set (the reproducible-builds convention), else the time
    of the checkout's last commit, else the modification time of kommandesk/__init__.py."""
    env = os.environ if environ is None else environ
    if env.get("SOURCE_DATE_EPOCH", "").strip().isdigit():
        return int(env["SOURCE_DATE_EPOCH"].strip())
    try:
        done = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True,
                              timeout=20)
        if done.returncode == 0 and done.stdout.strip().isdigit():
            return int(done.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    return int((root / "kommandesk" / "__init__.py").stat().st_mtime)


def walk_sorted(folder: Path) -> Iterator[Path]:
    """Every file, folder and link under ``folder`` in a fixed order (sorted by name, folders before what is in
    them); links are not followed."""
    for entry in sorted(folder.iterdir(), key=lambda path: path.name):
        yield entry
        if entry.is_dir() and not entry.is_symlink():
            yield from walk_sorted(entry)


def _mode(path: Path) -> int:
    if path.is_symlink():
        return 0o777
    if path.is_dir() or os.access(path, os.X_OK):
        return 0o755
    return 0o644


def make_tar_gz(folder: Path, target: Path, mtime: int) -> Path:
    """``folder`` as ``target`` (.tar.gz) with its name as the top folder of the archive."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    with partial.open("wb") as raw, \
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=mtime, compresslevel=6) as zipped, \
            tarfile.open(fileobj=zipped, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for path in [folder, *walk_sorted(folder)]:
            info = tar.gettarinfo(str(path), arcname=(Path(folder.name) / path.relative_to(folder)).as_posix())
            info.mtime, info.mode = mtime, _mode(path)
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            info.pax_headers = {}
            if info.isreg():
                with path.open("rb") as fh:
                    tar.addfile(info, fh)
            else:
                tar.addfile(info)
    partial.replace(target)
    return target


def make_zip(folder: Path, target: Path, mtime: int) -> Path:
    """``folder`` as ``target`` (.zip) with its name as the top folder; links are stored as the files they point
    to (Windows has none in a bundle)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    stamp = time.gmtime(max(mtime, ZIP_EPOCH))[:6]
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in walk_sorted(folder):
            name = (Path(folder.name) / path.relative_to(folder)).as_posix()
            if path.is_dir():
                info = zipfile.ZipInfo(name + "/", date_time=stamp)
                info.external_attr = (0o40755 << 16) | 0x10
                archive.writestr(info, b"")
                continue
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = (0o100000 | _mode(path.resolve())) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            with path.open("rb") as source, archive.open(info, "w") as entry:
                while chunk := source.read(1 << 20):
                    entry.write(chunk)
    partial.replace(target)
    return target


def make_archive(folder: Path, target: Path, mtime: int) -> Path:
    return make_zip(folder, target, mtime) if target.suffix == ".zip" else make_tar_gz(folder, target, mtime)
