#!/usr/bin/env bash
# Install the unpacked reviewer rater app for the current user (no root needed):
#   ./install.sh            installs to ~/.local/opt/reviewer, links ~/.local/bin/reviewer,
#                           adds the menu entry, the icon and the .rvw file type
#   ./install.sh --remove   undoes that
# PREFIX (default ~/.local) changes the base folder.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PREFIX=${PREFIX:-$HOME/.local}
DEST=$PREFIX/opt/reviewer
SHARE=$PREFIX/share

refresh() {
  command -v update-mime-database >/dev/null && update-mime-database "$SHARE/mime" || true
  command -v update-desktop-database >/dev/null && update-desktop-database "$SHARE/applications" || true
  command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" || true
}

if [[ "${1:-}" == "--remove" ]]; then
  rm -rf "$DEST"
  rm -f "$PREFIX/bin/reviewer" "$SHARE/applications/reviewer.desktop" "$SHARE/mime/packages/reviewer.xml" \
        "$SHARE/icons/hicolor/scalable/apps/reviewer.svg" "$SHARE/icons/hicolor/256x256/apps/reviewer.png"
  refresh
  echo "reviewer removed from $PREFIX"
  exit 0
fi

mkdir -p "$DEST" "$PREFIX/bin" "$SHARE/applications" "$SHARE/mime/packages" \
         "$SHARE/icons/hicolor/scalable/apps" "$SHARE/icons/hicolor/256x256/apps"
if [[ "$HERE" != "$DEST" ]]; then
  rm -rf "$DEST"
  cp -a "$HERE" "$DEST"
fi
ln -sf "$DEST/reviewer" "$PREFIX/bin/reviewer"
sed -e "s|^Exec=reviewer |Exec=\"$DEST/reviewer\" |" -e "s|^TryExec=reviewer$|TryExec=$DEST/reviewer|" \
  "$DEST/share/applications/reviewer.desktop" > "$SHARE/applications/reviewer.desktop"
cp "$DEST/share/mime/packages/reviewer.xml" "$SHARE/mime/packages/reviewer.xml"
cp "$DEST/share/icons/hicolor/scalable/apps/reviewer.svg" "$SHARE/icons/hicolor/scalable/apps/"
cp "$DEST/share/icons/hicolor/256x256/apps/reviewer.png" "$SHARE/icons/hicolor/256x256/apps/"
refresh
echo "reviewer installed in $DEST; run 'reviewer' (in $PREFIX/bin) or open it from the applications menu."
echo "Chinese text needs a CJK font, e.g.: sudo apt-get install fonts-noto-cjk"
