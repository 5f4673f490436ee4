# Sourced by scripts/run and scripts/test: installs what coach needs, once.
#   coach_bootstrap [dev]
# Debian packages are installed when running as root or with password-less sudo;
# otherwise the exact command to run is printed. Then .venv is created and the project
# installed into it. A stamp file makes later runs instant until pyproject.toml changes.

COACH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
COACH_VENV="${COACH_VENV:-$COACH_ROOT/.venv}"
COACH_RUN_DEBS=(libportaudio2 espeak-ng libsndfile1)
COACH_TEST_DEBS=(pulseaudio pulseaudio-utils libasound2-plugins chromium chromium-driver)

_coach_missing_debs() {
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || echo "$pkg"
  done
}

_coach_install_debs() {
  local missing
  mapfile -t missing < <(_coach_missing_debs "$@")
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "coach: not a Debian system; install these (or your system's equivalents): ${missing[*]}" >&2
    return 0
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo"
    else
      echo "coach: missing system packages. Install them with:" >&2
      echo "  sudo apt-get install -y ${missing[*]}" >&2
      return 1
    fi
  fi
  echo "coach: installing system packages: ${missing[*]}" >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || return 1
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 || return 1
}

_coach_python() {
  local candidate
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  echo "coach: Python 3.11 or newer is required (sudo apt-get install -y python3 python3-venv)" >&2
  return 1
}

coach_bootstrap() {
  local extras="${1:-}"
  local debs=("${COACH_RUN_DEBS[@]}")
  [ "$extras" = "dev" ] && debs+=("${COACH_TEST_DEBS[@]}")
  _coach_install_debs "${debs[@]}" || return 1

  local spec="."
  [ -n "$extras" ] && spec=".[$extras]"
  local stamp="$COACH_VENV/.coach-installed-${extras:-run}"
  local want
  want="$(cat "$COACH_ROOT/pyproject.toml" | sha256sum | cut -c1-16)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$COACH_VENV/bin/coach" ]; then
    return 0
  fi
  if [ ! -x "$COACH_VENV/bin/python" ]; then
    local python
    python="$(_coach_python)" || return 1
    echo "coach: creating $COACH_VENV" >&2
    "$python" -m venv "$COACH_VENV" || {
      echo "coach: could not create a virtual environment (sudo apt-get install -y python3-venv)" >&2
      return 1
    }
  fi
  echo "coach: installing the project into $COACH_VENV (first run only)" >&2
  "$COACH_VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip >&2 || return 1
  local log="$COACH_VENV/.coach-install.log"
  if ! (cd "$COACH_ROOT" && "$COACH_VENV/bin/python" -m pip install --disable-pip-version-check -e "$spec") >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    echo "coach: installing the project failed; the full log is $log" >&2
    return 1
  fi
  echo "$want" >"$stamp"
}
