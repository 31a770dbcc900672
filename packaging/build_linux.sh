#!/usr/bin/env bash
# Build the rater app (one-folder PyInstaller bundle, no torch), pack it as a tarball, smoke-test it.
#
#   packaging/build_linux.sh [OUT_DIR]        (default OUT_DIR: build/packaging in the checkout)
#
# Environment:
#   PYTHON   a Python with PyInstaller and reviewer's core dependencies. Default: /tmp/venv-pack if it
#            exists, else a virtual environment made in OUT_DIR/venv (pip install pyinstaller + the checkout).
#   MAX_MB   fail when the unpacked bundle is larger than this (default 250).
#
# Result: OUT_DIR/reviewer-VERSION-linux-ARCH.tar.gz (the bundle, a .desktop entry, the .rvw MIME type,
# icons and install.sh). The smoke test runs the bundle unpacked from that tarball: --version, the demo
# study built and rendered offscreen to a PNG that must be a real picture, `status --json`, and a second
# start that opens through the fast first screen.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT=$(mkdir -p "${1:-$ROOT/build/packaging}" && cd "${1:-$ROOT/build/packaging}" && pwd)
MAX_MB=${MAX_MB:-250}

if [[ -z "${PYTHON:-}" ]]; then
  if [[ -x /tmp/venv-pack/bin/python ]]; then
    PYTHON=/tmp/venv-pack/bin/python
  else
    if [[ ! -x "$OUT/venv/bin/python" ]]; then
      echo "== making a build environment in $OUT/venv"
      python3 -m venv "$OUT/venv"
      "$OUT/venv/bin/pip" install -q pyinstaller "$ROOT"
    fi
    PYTHON=$OUT/venv/bin/python
  fi
fi
"$PYTHON" -m PyInstaller --version >/dev/null 2>&1 || {
  echo "build_linux.sh: $PYTHON has no PyInstaller (pip install pyinstaller)" >&2; exit 1; }

VERSION=$(cd "$ROOT" && "$PYTHON" -c "import reviewer; print(reviewer.__version__)")
ARCH=$(uname -m)
NAME=reviewer-$VERSION-linux-$ARCH

echo "== PyInstaller build ($PYTHON, reviewer $VERSION)"
start=$(date +%s)
(cd "$ROOT" && "$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
  --distpath "$OUT/dist" --workpath "$OUT/work" packaging/reviewer-rater.spec)
echo "   built in $(( $(date +%s) - start )) s"
BUNDLE=$OUT/dist/reviewer

# PyInstaller's strip=True also strips wheels' patched libraries (numpy's OpenBLAS then fails with
# "ELF load command address/offset not page-aligned"), so only the interpreter's own unstripped
# libraries are stripped here: about 35 MB with a pyenv-built Python.
if command -v strip >/dev/null; then
  echo "== stripping the Python runtime"
  find "$BUNDLE/_internal" -maxdepth 1 -name 'libpython3*.so*' -type f -exec strip --strip-unneeded {} +
  find "$BUNDLE/_internal" -path '*/lib-dynload/*.so' -type f -exec strip --strip-unneeded {} +
fi

echo "== desktop integration files"
mkdir -p "$BUNDLE/share/applications" "$BUNDLE/share/mime/packages" \
         "$BUNDLE/share/icons/hicolor/scalable/apps" "$BUNDLE/share/icons/hicolor/256x256/apps"
cp "$ROOT/packaging/reviewer.desktop" "$BUNDLE/share/applications/reviewer.desktop"
cp "$ROOT/packaging/reviewer-mime.xml" "$BUNDLE/share/mime/packages/reviewer.xml"
cp "$ROOT/resources/icons/reviewer.svg" "$BUNDLE/share/icons/hicolor/scalable/apps/reviewer.svg"
cp "$ROOT/resources/icons/reviewer.png" "$BUNDLE/share/icons/hicolor/256x256/apps/reviewer.png"
cp "$ROOT/packaging/install_linux.sh" "$BUNDLE/install.sh"
chmod +x "$BUNDLE/install.sh"

if find "$BUNDLE" \( -iname 'torch*' -o -iname 'transformers*' -o -iname 'vllm*' -o -iname 'PyQt*' \) | grep -q .; then
  echo "build_linux.sh: the bundle contains torch/transformers/vllm/PyQt files" >&2; exit 1
fi

echo "== tarball"
rm -rf "$OUT/$NAME" && cp -a "$BUNDLE" "$OUT/$NAME"
tar -C "$OUT" -czf "$OUT/$NAME.tar.gz" "$NAME"
rm -rf "$OUT/$NAME"
BUNDLE_MB=$(du -sm "$BUNDLE" | cut -f1)
TAR_MB=$(du -sm "$OUT/$NAME.tar.gz" | cut -f1)
echo "   bundle size: ${BUNDLE_MB} MB unpacked ($(du -sb "$BUNDLE" | cut -f1) bytes), tarball ${TAR_MB} MB: $OUT/$NAME.tar.gz"

echo "== smoke test (unpacked from the tarball, offscreen)"
SMOKE=$(mktemp -d "${TMPDIR:-/tmp}/reviewer-smoke.XXXXXX")
trap 'rm -rf "$SMOKE"' EXIT
tar -C "$SMOKE" -xzf "$OUT/$NAME.tar.gz"
APP=$SMOKE/$NAME/reviewer
export HOME=$SMOKE/home XDG_CONFIG_HOME=$SMOKE/home/.config XDG_DATA_HOME=$SMOKE/home/.local/share
mkdir -p "$HOME"
got=$("$APP" --version)
[[ "$got" == "reviewer $VERSION" ]] || { echo "build_linux.sh: --version said '$got'" >&2; exit 1; }
echo "   --version: $got"
QT_QPA_PLATFORM=offscreen timeout 300 "$APP" --db "$SMOKE/demo.db" demo --screenshot "$SMOKE/demo.png"
python3 "$ROOT/packaging/check_png.py" "$SMOKE/demo.png"
"$APP" --db "$SMOKE/demo.db" status --json > "$SMOKE/status.json"
python3 - "$SMOKE/status.json" <<'PY'
import json, sys
counts = json.load(open(sys.argv[1]))
assert counts["cases"] >= 12 and counts["ratings"] == 3 * counts["responses"] > 0, counts
print(f"   status: {counts['cases']} cases, {counts['responses']} responses, {counts['ratings']} ratings, "
      f"{counts['verdicts']} verdicts")
PY
# a second start finds the demo built and opens through the first screen (read before SQLAlchemy)
QT_QPA_PLATFORM=offscreen timeout 300 "$APP" --db "$SMOKE/demo.db" demo --screenshot "$SMOKE/again.png"
python3 "$ROOT/packaging/check_png.py" "$SMOKE/again.png"
cp "$SMOKE/demo.png" "$OUT/smoke-screenshot.png"
echo "   screenshot kept at $OUT/smoke-screenshot.png"

if (( BUNDLE_MB > MAX_MB )); then
  echo "build_linux.sh: bundle is ${BUNDLE_MB} MB, over the ${MAX_MB} MB target" >&2; exit 1
fi
echo "== OK: $OUT/$NAME.tar.gz (bundle ${BUNDLE_MB} MB)"
