"""`pipeline.add.add_files`: copies into raw/theses/ with a sidecar, refusals with reasons, DVC tracking."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml

from pipeline.add import AddResult, add_files
from pipeline.ingest import ingest_file

TEXT = "Kota Surabaya menjalin kerja sama sister city dengan Kota Kochi di Jepang sejak tahun 1997.\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A project folder with raw/ holding one sample document, and an inbox of files to add."""
    (tmp_path / "project" / "raw").mkdir(parents=True)
    (tmp_path / "project" / "raw" / "contoh.txt").write_text("Contoh dokumen tentang Kota Bandung.\n", encoding="utf-8")
    (tmp_path / "inbox").mkdir()
    return tmp_path / "project"


def _inbox(repo: Path, name: str, content: str | bytes = TEXT) -> Path:
    path = repo.parent / "inbox" / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def _one(results: list[AddResult]) -> AddResult:
    assert len(results) == 1
    return results[0]


def _theses(repo: Path) -> list[str]:
    folder = repo / "raw" / "theses"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_copy_with_sidecar_read_back_by_ingest(repo: Path) -> None:
    src = _inbox(repo, "skripsi_surabaya.txt")
    meta = {"title": "Kerja Sama Surabaya–Kochi", "author": "Dewi Lestari", "year": "2019",
            "institution": "Universitas Contoh", "student_id": "0123456789"}
    r = _one(add_files([src], repo / "raw", meta=meta, dvc=False))
    assert r.ok and r.status == "added" and not r.tracked
    assert r.target == repo / "raw" / "theses" / "skripsi_surabaya.txt"
    assert r.target.read_bytes() == src.read_bytes()
    assert r.sidecar == repo / "raw" / "theses" / "skripsi_surabaya.meta.yaml"
    assert "raw/theses/skripsi_surabaya.txt" in r.message and "skripsi_surabaya.meta.yaml" in r.message
    assert yaml.safe_load(r.sidecar.read_text(encoding="utf-8")) == meta  # the year stays the string "2019"
    assert ingest_file(r.target).meta["title"] == meta["title"]
    assert src.exists()  # a copy, not a move
    assert not [n for n in _theses(repo) if n.endswith(".tmp")]


def test_copy_is_readable_like_any_new_file(repo: Path) -> None:
    r = _one(add_files([_inbox(repo, "a.txt")], repo / "raw", meta={"year": "2020"}, dvc=False))
    mask = os.umask(0o022)
    os.umask(mask)
    for path in (r.target, r.sidecar):
        assert path.stat().st_mode & 0o777 == 0o666 & ~mask


def test_without_meta_no_sidecar(repo: Path) -> None:
    r = _one(add_files([_inbox(repo, "b.md", "# Judul\n\n" + TEXT)], repo / "raw", dvc=False))
    assert r.ok and r.sidecar is None
    assert _theses(repo) == ["b.md"]


def test_names_with_spaces_dashes_and_accents(repo: Path) -> None:
    nfd = unicodedata.normalize("NFD", "Kebijakan_Pémerintah.md")
    srcs = [_inbox(repo, "-rapat kota.txt"), _inbox(repo, nfd, "# Kebijakan\n\nKota Medan dan Kota Ichikawa.\n"),
            _inbox(repo, "--help.pdf", b"%PDF-1.4 not really\n")]
    results = add_files(srcs, repo / "raw", dvc=False)
    assert [r.status for r in results] == ["added"] * 3, [r.message for r in results]
    assert _theses(repo) == sorted(["-rapat kota.txt", "Kebijakan_Pémerintah.md", "--help.pdf"])
    assert "Kebijakan_Pémerintah.md" in [p.name for p in (repo / "raw" / "theses").iterdir()]  # NFC on disk
    assert "NFC" in results[1].message


def test_refuses_directory_fifo_device_and_symlinks(repo: Path) -> None:
    folder = repo.parent / "inbox" / "folder.pdf"
    folder.mkdir()
    fifo = repo.parent / "inbox" / "pipa.txt"
    os.mkfifo(fifo)
    link_dir = repo.parent / "inbox" / "tautan.pdf"
    link_dir.symlink_to(folder)
    broken = repo.parent / "inbox" / "putus.txt"
    broken.symlink_to(repo.parent / "inbox" / "tidak-ada.txt")
    good_link = repo.parent / "inbox" / "baik.txt"
    good_link.symlink_to(_inbox(repo, "asli.txt"))
    devices = [Path("/dev/null")] if Path("/dev/null").exists() else []
    results = add_files([folder, fifo, link_dir, broken, *devices, good_link], repo / "raw", dvc=False)
    by_name = {r.source.name: r for r in results}
    assert "folder.pdf" in by_name["folder.pdf"].message and "directory" in by_name["folder.pdf"].message
    assert "named pipe (FIFO)" in by_name["pipa.txt"].message
    assert "directory" in by_name["tautan.pdf"].message
    assert "symbolic link to a file that does not exist" in by_name["putus.txt"].message
    if devices:
        assert "character device" in by_name["null"].message
    assert [r.status for r in results[:-1]] == ["refused"] * (len(results) - 1)
    assert by_name["baik.txt"].ok  # a symlink to a regular file copies the file's bytes
    assert (repo / "raw" / "theses" / "baik.txt").read_text(encoding="utf-8") == TEXT
    assert not (repo / "raw" / "theses" / "baik.txt").is_symlink()
    assert _theses(repo) == ["baik.txt"]


def test_refuses_missing_file_naming_it(repo: Path) -> None:
    r = _one(add_files([repo / "tidak-ada.pdf"], repo / "raw", dvc=False))
    assert r.status == "refused" and "tidak-ada.pdf" in r.message and "not found" in r.message


@pytest.mark.parametrize("name, reason", [
    ("..", "outside raw/theses/"),
    (".tersembunyi.txt", "hidden files are skipped"),
    ("~$skripsi.docx", "Word lock file"),
    ("baris\nbaru.txt", "control or invisible character"),
])
def test_refuses_names_that_escape_or_hide(repo: Path, name: str, reason: str) -> None:
    src = repo.parent / "inbox" / "sub" / name if name == ".." else _inbox(repo, name)
    if name == "..":
        (repo.parent / "inbox" / "sub").mkdir()
    r = _one(add_files([src], repo / "raw", dvc=False))
    assert r.status == "refused" and reason in r.message, r.message
    assert _theses(repo) == []


def test_refuses_a_theses_folder_that_leads_outside_raw(repo: Path) -> None:
    elsewhere = repo.parent / "elsewhere"
    elsewhere.mkdir()
    (repo / "raw" / "theses").symlink_to(elsewhere)
    r = _one(add_files([_inbox(repo, "x.txt")], repo / "raw", dvc=False))
    assert r.status == "refused" and "leads outside" in r.message
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("name, reason", [
    ("skripsi.doc", "unsupported file type '.doc'"),
    ("skripsi.doc", "save it as .docx"),
    ("catatan.py", "unsupported file type '.py' (supported: .pdf, .txt, .md, .docx)"),
    ("README", "'(no extension)'"),
    ("skripsi.meta.yaml", "unsupported file type '.yaml'"),
])
def test_refuses_unsupported_extensions(repo: Path, name: str, reason: str) -> None:
    r = _one(add_files([_inbox(repo, name)], repo / "raw", dvc=False))
    assert r.status == "refused" and reason in r.message and name in r.message


def test_upper_case_extension_is_fine(repo: Path) -> None:
    assert _one(add_files([_inbox(repo, "LAPORAN.TXT")], repo / "raw", dvc=False)).ok


def test_refuses_empty_file(repo: Path) -> None:
    r = _one(add_files([_inbox(repo, "kosong.txt", b"")], repo / "raw", dvc=False))
    assert r.status == "refused" and "empty file (0 bytes)" in r.message


def test_refuses_duplicates_naming_the_existing_file(repo: Path) -> None:
    same_as_sample = _inbox(repo, "salinan.txt", (repo / "raw" / "contoh.txt").read_bytes())
    r = _one(add_files([same_as_sample], repo / "raw", dvc=False))
    assert r.status == "refused" and "already in raw/ as raw/contoh.txt" in r.message
    first, second = _inbox(repo, "satu.txt"), _inbox(repo, "dua.txt")
    results = add_files([first, second], repo / "raw", dvc=False)
    assert results[0].ok
    assert results[1].status == "refused" and "raw/theses/satu.txt" in results[1].message
    again = _one(add_files([first], repo / "raw", dvc=False))
    assert again.status == "refused" and "same content" in again.message
    assert _theses(repo) == ["satu.txt"]


def test_never_overwrites_a_different_file_of_the_same_name(repo: Path) -> None:
    assert _one(add_files([_inbox(repo, "skripsi.txt")], repo / "raw", dvc=False)).ok
    (repo.parent / "inbox2").mkdir()
    other = repo.parent / "inbox2" / "skripsi.txt"
    other.write_text("Isi lain sama sekali: Kota Semarang dan Brisbane.\n", encoding="utf-8")
    r = _one(add_files([other], repo / "raw", dvc=False))
    assert r.status == "refused" and "raw/theses/skripsi.txt already exists with different content" in r.message
    assert (repo / "raw" / "theses" / "skripsi.txt").read_text(encoding="utf-8") == TEXT


def test_refuses_a_second_document_sharing_the_sidecar_stem(repo: Path) -> None:
    assert _one(add_files([_inbox(repo, "skripsi.pdf", b"%PDF-1.4 x\n")], repo / "raw", meta={"year": "2018"},
                          dvc=False)).ok
    r = _one(add_files([_inbox(repo, "skripsi.txt")], repo / "raw", dvc=False))
    assert r.status == "refused" and "skripsi.meta.yaml" in r.message and "raw/theses/skripsi.pdf" in r.message


def test_meta_describes_one_document(repo: Path) -> None:
    results = add_files([_inbox(repo, "a.txt"), _inbox(repo, "b.txt", "lain\n")], repo / "raw",
                        meta={"title": "Satu judul"}, dvc=False)
    assert all(r.status == "refused" and "one at a time" in r.message for r in results)
    bad = _one(add_files([_inbox(repo, "c.txt", "lagi\n")], repo / "raw", meta={"year": "20x9"}, dvc=False))
    assert bad.status == "refused" and "'20x9' is not a year" in bad.message
    with pytest.raises(ValueError, match="unknown metadata key 'judul'"):
        add_files([_inbox(repo, "d.txt", "x\n")], repo / "raw", meta={"judul": "x"}, dvc=False)
    assert _theses(repo) == []


def test_refuses_when_raw_is_missing_or_theses_unusable(repo: Path) -> None:
    src = _inbox(repo, "a.txt")
    r = _one(add_files([src], repo / "mentah", dvc=False))
    assert r.status == "refused" and "is not a folder" in r.message and not (repo / "mentah").exists()
    (repo / "raw" / "theses").write_text("not a folder\n", encoding="utf-8")  # unwritable even for root
    r = _one(add_files([src], repo / "raw", dvc=False))
    assert r.status == "refused" and "cannot copy it into raw/theses/" in r.message


def test_dvc_true_without_a_dvc_repo_only_copies(repo: Path) -> None:
    (repo / ".git").mkdir()  # a git repo without DVC: the search for .dvc/ stops here
    r = _one(add_files([_inbox(repo, "a.txt")], repo / "raw"))
    assert r.ok and not r.tracked and "no .dvc/ folder" in r.message
    assert not (repo / "raw" / "theses.dvc").exists()


def _run(cmd: list[str], cwd: Path) -> str:
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}", DVC_NO_ANALYTICS="1")
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"{cmd}: {proc.stdout}\n{proc.stderr}"
    return proc.stdout + proc.stderr


def test_real_dvc_repo_tracks_raw_theses(repo: Path) -> None:
    if shutil.which("git") is None or not (Path(sys.executable).parent / "dvc").exists():
        pytest.skip("git or dvc not installed")
    _run(["git", "init", "-q"], repo)
    _run(["dvc", "init", "-q"], repo)
    r = _one(add_files([_inbox(repo, "-rapat kota.txt")], repo / "raw", meta={"title": "=HYPERLINK(\"x\")"}))
    assert r.ok and r.tracked, r.message
    assert "tracked by DVC (raw/theses.dvc)" in r.message
    dvc_file = yaml.safe_load((repo / "raw" / "theses.dvc").read_text(encoding="utf-8"))
    assert dvc_file["outs"][0]["path"] == "theses" and dvc_file["outs"][0]["nfiles"] == 2
    assert "/theses" in (repo / "raw" / ".gitignore").read_text(encoding="utf-8").split()
    assert "up to date" in _run(["dvc", "status"], repo)
    # a second thesis updates the same .dvc file
    r2 = _one(add_files([_inbox(repo, "Kebijakan_Pémerintah.md", "# Kebijakan\n\nKota Medan.\n")], repo / "raw"))
    assert r2.tracked
    assert yaml.safe_load((repo / "raw" / "theses.dvc").read_text(encoding="utf-8"))["outs"][0]["nfiles"] == 3
    assert "up to date" in _run(["dvc", "status"], repo)


def test_no_dvc_flag_skips_tracking_in_a_dvc_repo(repo: Path) -> None:
    (repo / ".dvc").mkdir()
    r = _one(add_files([_inbox(repo, "a.txt")], repo / "raw", dvc=False))
    assert r.ok and not r.tracked and "DVC" not in r.message
