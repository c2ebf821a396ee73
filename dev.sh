#!/usr/bin/env bash
# Set-up and everyday commands for KommanDesk on Debian/Ubuntu (Python 3.11+). Safe to run again.
#
#   ./dev.sh run  [app options]     set everything up, then start the app (default database)
#   ./dev.sh test [pytest options]  set everything up, then run the whole test suite headless
#   ./dev.sh setup                  only set up (.venv, dependencies, compiled translations, Qt's libraries)
#   ./dev.sh cli  [arguments]       set up, then run kommandesk-cli
set -euo pipefail
cd "$(dirname "$0")"

VENV=${KOMMANDESK_VENV:-.venv}
# Libraries Qt needs on a bare Debian/Ubuntu (offscreen and real windows), fonts, printing (Qt's print dialog
# finds printers through libcups2), and PDF tools for the tests.
SYSTEM_PACKAGES="libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0 fonts-dejavu-core
 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
 libxcb-shape0 libxcb-xkb1 libxcb-randr0 libxcb-xinerama0 libx11-xcb1 libcups2 xvfb xauth poppler-utils"

say() { printf '%s\n' "$*" >&2; }

find_python() {
  for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  say "KommanDesk needs Python 3.11 or newer: install it (sudo apt-get install python3 python3-venv) and run again."
  exit 1
}

system_libraries() {
  command -v dpkg-query >/dev/null 2>&1 || return 0   # not Debian/Ubuntu: nothing we can check
  local missing=()
  for pkg in $SYSTEM_PACKAGES; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing system libraries Qt needs: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    say "These system libraries are missing: ${missing[*]}"
    say "Install them once with:  sudo apt-get install -y ${missing[*]}"
    say "(continuing; Qt may fail to start without them)"
  fi
}

python_environment() {
  local python; python=$(find_python)
  if [ ! -x "$VENV/bin/python" ]; then
    "$python" -m venv "$VENV" || { say "Could not create $VENV: install python3-venv (sudo apt-get install python3-venv)."; exit 1; }
  fi
  local stamp="$VENV/.kommandesk-installed" want
  want=$(cat pyproject.toml | sha256sum | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "Installing KommanDesk and its dependencies into $VENV ..."
    if ! { "$VENV/bin/python" -m pip install -q --upgrade pip &&
           "$VENV/bin/python" -m pip install -q -e ".[test]"; } >"$VENV/pip.log" 2>&1; then
      cat "$VENV/pip.log" >&2
      say "Installing the dependencies failed (the messages above say why)."; exit 1
    fi
    echo "$want" > "$stamp"
  fi
  "$VENV/bin/python" scripts/translations.py compile
  # bytecode ahead of time, as an installed package has it (start-up is measured against a bare Qt window)
  "$VENV/bin/python" -m compileall -q kommandesk >/dev/null
}

setup() { system_libraries; python_environment; }

command=${1:-run}; [ $# -gt 0 ] && shift
case "$command" in
  setup) setup ;;
  run)
    setup
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "$(uname)" = Linux ]; then
      if command -v xvfb-run >/dev/null 2>&1; then
        say "No screen found (DISPLAY is not set): starting KommanDesk on a virtual screen."
        exec xvfb-run -a -s "-screen 0 1280x800x24" "$VENV/bin/kommandesk" "$@"
      fi
      say "No screen found (DISPLAY is not set): start KommanDesk from a desktop session."; exit 1
    fi
    exec "$VENV/bin/kommandesk" "$@" ;;
  test)
    setup
    export QT_QPA_PLATFORM=offscreen
    "$VENV/bin/python" -m pytest -q "$@" ;;
  cli) setup >&2; exec "$VENV/bin/kommandesk-cli" "$@" ;;
  *) say "usage: ./dev.sh run|test|setup|cli [arguments]"; exit 2 ;;
esac
