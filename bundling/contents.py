"""What goes into the bundle and what stays out. The generated spec file calls these functions; every choice here
was measured (see the README section "Build the installer" and benchmarks/bench_bundle.py for the figures).

The rules work on the paths inside the bundle ("PySide6/Qt/plugins/platforms/libqxcb.so") and on module names, so
that they are the same on every platform and can be tested without a build.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

from bundling.naming import ROOT

# Python packages in the development environment that the app never imports (test tools, build tools, GUI
# toolkits other libraries can use). PyInstaller follows every import it sees, also the optional ones.
EXCLUDED_MODULES = (
    "tkinter", "_tkinter", "turtle", "idlelib", "lib2to3", "pydoc_data", "ensurepip", "venv",
    "pytest", "_pytest", "pytestqt", "hypothesis", "pip", "setuptools", "pkg_resources", "distutils",
    "PyInstaller", "IPython", "matplotlib", "pandas", "sympy",
    # numpy: the Fortran wrapper generator and the build helpers
    "numpy.f2py", "numpy.distutils",
    # the line editor of the interactive interpreter (and its libreadline, libtinfo)
    "readline",
    # OpenSSL (6 MB): the app has no network; hashlib falls back to Python's own sha1/sha256, all the app uses
    "ssl", "_ssl", "_hashlib",
    # Pillow: the bridges to Tk and Qt, and the AVIF and WebP codecs (6 MB): logos are PNG or JPEG (the logo
    # dialog offers only those); reportlab and the logo check use Pillow's core
    "PIL.ImageTk", "PIL.ImageQt", "PIL._avif", "PIL.AvifImagePlugin", "PIL._webp", "PIL.WebPImagePlugin",
    # Qt modules the app does not import (PyInstaller collects only imported ones; these keep the door shut
    # against an optional import in a library)
    "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtQuickWidgets", "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets", "PySide6.QtDBus", "PySide6.QtSql", "PySide6.QtTest", "PySide6.QtDesigner",
    "PySide6.QtHelp", "PySide6.QtUiTools", "PySide6.QtConcurrent", "PySide6.QtXml", "PySide6.QtSvgWidgets",
)

# Modules that are imported through strings, which PyInstaller cannot see: reportlab's C accelerators (without
# them a batch of certificates takes twice as long) and the barcode modules its QR code widget loads by name
# (the spec adds those with collect_submodules).
HIDDEN_IMPORTS = ("_rl_accel",)

# The languages the app speaks; Qt's and babel's data for other languages stay out.
LANGUAGES = ("de", "en")

# Qt plugin folders the app needs none of: Qt Designer, QML, SQL drivers, network (TLS, reachability), EGL on
# bare hardware, the server side of Wayland, input devices of embedded systems, and OpenGL on X11 and Wayland
# (the widgets paint without it; only OpenGL widgets, which the app has none of, need it).
DROPPED_PLUGIN_FOLDERS = frozenset({
    "designer", "qmllint", "qmltooling", "sqldrivers", "tls", "networkinformation", "egldeviceintegrations",
    "wayland-graphics-integration-server", "wayland-graphics-integration-client", "xcbglintegrations",
    "generic", "vectorimageformats",
})
# Platform plugins kept: real windows on X11, Wayland, Windows and macOS, and offscreen (tests, the smoke test).
KEPT_PLATFORMS = re.compile(r"^(lib)?q(xcb|wayland|windows|cocoa|offscreen)\.(so|dll|dylib)$")
# Image formats kept: SVG (icons), ICO (the window icon on Windows), JPEG (logos); PNG is built into Qt.
KEPT_IMAGE_FORMATS = re.compile(r"^(lib)?q(svg|ico|jpeg)\.(so|dll|dylib)$")
# Platform themes: the desktop portal's is kept (native file dialogs through D-Bus); GTK 3's is not, which would
# bring this machine's Pango, Cairo, HarfBuzz and GLib I/O libraries into the bundle (and needs GTK anyway).
DROPPED_PLATFORM_THEMES = re.compile(r"^(lib)?qgtk3\.(so|dll|dylib)$")
# Qt libraries that only the plugins dropped above pull in.
DROPPED_QT_LIBRARIES = re.compile(
    r"(^|/)(lib)?Qt6?(Pdf|Network|Qml\w*|Quick\w*|OpenGL|OpenGLWidgets|Sql|Designer\w*|Help|Test|"
    r"WaylandCompositor\w*|WaylandEglCompositorHwIntegration|EglFsKmsSupport|EglFsKmsGbmSupport|"
    r"EglFSDeviceIntegration|VirtualKeyboard\w*)(\.so[.\d]*|\.dll|\.dylib)?$")
# Linux: libraries the bundle takes from the system, not from the build machine. They belong to the desktop
# (X11, xcb, Wayland, OpenGL, fonts, D-Bus, GLib's main loop, CUPS printing and what CUPS needs) or to the
# compiler (libstdc++, libgcc_s): a copy from the build machine clashes with the drivers and themes of a newer
# system. Every Linux desktop has them; a bare one installs them with the packages listed in the README.
HOST_LIBRARIES = re.compile(
    r"^lib(X11|X11-xcb|Xau|Xdmcp|Xext|Xrender|Xi|Xfixes|xcb(-[\w-]+)?|xkbcommon(-x11)?|wayland-[\w-]+|"
    r"GL\w*|EGL|OpenGL|drm|gbm|fontconfig|freetype|expat|png16|brotli\w+|bsd|md|dbus-1|systemd|gcrypt|"
    r"gpg-error|lz4|cap|zstd|cups|gnutls|p11-kit|idn2|unistring|tasn1|nettle|hogweed|gmp|gssapi_krb5|krb5|"
    r"krb5support|k5crypto|com_err|keyutils|avahi-[\w-]+|glib-2\.0|gthread-2\.0|gobject-2\.0|gio-2\.0|"
    r"gmodule-2\.0|pcre2-8|selinux|mount|blkid|stdc\+\+|gcc_s)\.so(\.\d+)*$")
# babel's locale data: the app formats in German and English only (1 MB instead of 32 MB).
KEPT_BABEL_LOCALES = re.compile(r"^(root|de|de_\w+|en|en_\w+)\.dat$")


def parts_of(dest: str) -> tuple[str, ...]:
    return PurePosixPath(dest.replace("\\", "/")).parts


def keep_file(dest: str) -> bool:
    """Whether a data file or binary at ``dest`` (its path inside the bundle) belongs in the bundle."""
    parts = parts_of(dest)
    folders, name = parts[:-1], parts[-1] if parts else ""
    if "tests" in folders or "__pycache__" in folders:
        return False  # numpy's and scipy's own test suites and their test extension modules
    if name.endswith((".pyi", ".h", ".hpp", ".pxd", ".pyx", ".a", ".lib")):
        return False  # type stubs, C headers, Cython sources, static libraries
    if folders[:2] == ("babel", "locale-data"):
        return name == "LICENSE.unicode" or bool(KEPT_BABEL_LOCALES.match(name))
    if name.endswith(".qm") and "translations" in folders:
        return any(name.endswith(f"_{language}.qm") for language in LANGUAGES)
    if "plugins" in folders:
        category = folders[folders.index("plugins") + 1] if len(folders) > folders.index("plugins") + 1 else ""
        if category in DROPPED_PLUGIN_FOLDERS:
            return False
        if category == "platforms":
            return bool(KEPT_PLATFORMS.match(name))
        if category == "imageformats":
            return bool(KEPT_IMAGE_FORMATS.match(name))
        if category == "platformthemes":
            return not DROPPED_PLATFORM_THEMES.match(name)
    if DROPPED_QT_LIBRARIES.search(name):
        return False
    if not folders and HOST_LIBRARIES.match(name):
        return False
    return True


def keep_module(name: str) -> bool:
    """Whether a pure Python module belongs in the bundle (test packages stay out)."""
    return "tests" not in name.split(".")


def filtered(toc: list) -> list:
    """A PyInstaller TOC (entries (dest, source, type)) without the files :func:`keep_file` refuses."""
    return [entry for entry in toc if keep_file(entry[0])]


def filtered_modules(toc: list) -> list:
    return [entry for entry in toc if keep_module(entry[0])]


def _top_level(dest: str) -> bool:
    return len(parts_of(dest)) == 1


def without_orphans(kept: list, dropped: list, needed: Callable[[str], Iterable[str]]) -> list:
    """``kept`` without the top-level libraries that only the ``dropped`` binaries linked to (GTK's chain, when the
    GTK platform theme is dropped). ``needed(source)``: the names of the libraries a binary links to. A library
    nothing links to (one that Python code loads through ctypes) is kept."""
    top = {entry[0]: entry for entry in kept if _top_level(entry[0])}

    def reached(starts: Iterable[tuple]) -> set[str]:
        seen: set[str] = set()
        todo = [entry[1] for entry in starts]
        while todo:
            for name in needed(todo.pop()):
                if name in top and name not in seen:
                    seen.add(name)
                    todo.append(top[name][1])
        return seen

    roots = [entry for entry in kept if not _top_level(entry[0]) or entry[2] == "EXTENSION"
             or entry[0].startswith(("libpython", "python"))]  # Python's own library, Python's modules
    orphans = reached(dropped) - reached(roots)
    return [entry for entry in kept if entry[0] not in orphans]


def select_binaries(toc: list, needed: Callable[[str], Iterable[str]] | None = None) -> list:
    """The binaries :func:`keep_file` accepts, without the libraries only refused ones needed."""
    kept = [entry for entry in toc if keep_file(entry[0])]
    if needed is None:
        return kept
    return without_orphans(kept, [entry for entry in toc if not keep_file(entry[0])], needed)


# -- scipy: only what linear_sum_assignment needs -----------------------------------------------------------------
# The app uses one scipy function (kommandesk/domain/matching/optimal.py). On Linux the bundle carries a stand-in
# scipy package (bundling/scipy_shim) around the real solver's C extension, scipy.optimize._lsap, which needs numpy
# only: 65 MB less than scipy.optimize with scipy.linalg, sparse, special, spatial and their OpenBLAS. Elsewhere
# (untested here) the real scipy goes in without the subpackages the solver does not load, measured at build time.
SCIPY_SHIM = ROOT / "bundling" / "scipy_shim"
HOOKS = ROOT / "bundling" / "hooks"
SCIPY_USED = {("scipy.optimize", "linear_sum_assignment")}


def use_scipy_shim(system: str) -> bool:
    return system == "linux"


def scipy_imports(package: Path) -> set[tuple[str, str]]:
    """(module, name) of every ``from scipy... import name`` in the app's code; ``import scipy...`` as (module, "")."""
    import ast

    found = set()
    for source in sorted(package.rglob("*.py")):
        text = source.read_text(encoding="utf-8")
        if "scipy" not in text:
            continue
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "scipy":
                found.update((node.module, alias.name) for alias in node.names)
            elif isinstance(node, ast.Import):
                found.update((alias.name, "") for alias in node.names if alias.name.split(".")[0] == "scipy")
    return found


def unexpected_scipy_imports(package: Path) -> set[tuple[str, str]]:
    """What the app imports from scipy beyond linear_sum_assignment (the stand-in scipy would not have it)."""
    return scipy_imports(package) - SCIPY_USED


def lsap_binary() -> tuple[str, str]:
    """(source, folder in the bundle) of the real scipy's solver extension, found without importing scipy."""
    import importlib.machinery
    import importlib.util

    spec = importlib.util.find_spec("scipy")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("scipy is not installed")
    folder = Path(next(iter(spec.submodule_search_locations))) / "optimize"
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        candidate = folder / f"_lsap{suffix}"
        if candidate.is_file():
            return str(candidate), "scipy/optimize"
    raise FileNotFoundError(f"scipy's solver extension _lsap is not in {folder}")


_PROBE = """
import json, sys
import numpy as np
from scipy.optimize import linear_sum_assignment
linear_sum_assignment(np.array([[4.0, 1.0], [2.0, 3.0]]))
print(json.dumps(sorted(name for name in sys.modules if name == "scipy" or name.startswith("scipy."))))
"""


def scipy_modules_loaded(python: str = sys.executable) -> set[str]:
    """The scipy modules a fresh interpreter has loaded after one call of linear_sum_assignment."""
    done = subprocess.run([python, "-c", _PROBE], capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def scipy_subpackages(scipy_dir: Path) -> list[str]:
    """Every scipy package (a folder with __init__.py), as a dotted name, found on disk without importing it."""
    inits = sorted(scipy_dir.rglob("__init__.py"))
    return [".".join(init.parent.relative_to(scipy_dir.parent).parts) for init in inits]


def unused_packages(packages: list[str], loaded: set[str]) -> list[str]:
    """The packages none of whose modules is loaded, outermost only (excluding a package excludes what is in it)."""
    used = set()
    for name in loaded:
        pieces = name.split(".")
        used.update(".".join(pieces[:n]) for n in range(1, len(pieces) + 1))
    outermost: list[str] = []
    for name in sorted(package for package in packages if package not in used):
        if not any(name.startswith(parent + ".") for parent in outermost):
            outermost.append(name)
    return outermost


def scipy_excludes(python: str = sys.executable) -> list[str]:
    """The real scipy's packages that linear_sum_assignment does not load (stats, signal, io, ..., the tests)."""
    import importlib.util

    spec = importlib.util.find_spec("scipy")
    if spec is None or not spec.submodule_search_locations:
        return []
    scipy_dir = Path(next(iter(spec.submodule_search_locations)))
    return unused_packages(scipy_subpackages(scipy_dir), scipy_modules_loaded(python))


# numpy's parts that neither the app nor the stand-in scipy import (the real scipy needs some of them).
NUMPY_UNUSED = ("numpy.random", "numpy.fft", "numpy.polynomial", "numpy.testing", "numpy.ma")


def excludes(system: str, python: str = sys.executable) -> list[str]:
    if use_scipy_shim(system):
        return [*EXCLUDED_MODULES, *NUMPY_UNUSED]
    return [*EXCLUDED_MODULES, *scipy_excludes(python)]


# -- data files of the app ------------------------------------------------------------------------------------------
def app_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """(source, folder in the bundle) for the app's own files: icons, fonts, compiled translations."""
    package = root / "kommandesk"
    datas = []
    for source in sorted((package / "assets").rglob("*")):
        if source.is_file():
            datas.append((str(source), str(source.parent.relative_to(root).as_posix())))
    for source in sorted((package / "locale").glob("*/LC_MESSAGES/*.mo")):
        datas.append((str(source), str(source.parent.relative_to(root).as_posix())))
    return datas
