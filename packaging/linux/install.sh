#!/bin/sh
# Install Airdrop Desk from this unpacked release folder for the current user:
#     ./install.sh              copies the app to ~/.local/lib/airdrop-desk, puts the
#                               command in ~/.local/bin and the launcher in the menu
#     ./install.sh --uninstall  removes all of that again (your data stays)
# PREFIX=/opt/airdrop-desk-prefix ./install.sh installs under another prefix instead.
set -eu

APP_ID=io.github.airdropdesk.AirdropDesk
here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-$HOME/.local}
lib="$prefix/lib/airdrop-desk"
share="$prefix/share"
sizes="16 32 48 64 128 256 512"

refresh_caches() {
    # Menus and icon themes pick the change up at once where these tools exist.
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$share/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$share/icons/hicolor" 2>/dev/null || true
    fi
}

uninstall() {
    rm -rf "$lib"
    rm -f "$prefix/bin/airdrop-desk" "$share/applications/$APP_ID.desktop" \
        "$share/metainfo/$APP_ID.metainfo.xml" \
        "$share/icons/hicolor/scalable/apps/$APP_ID.svg"
    for size in $sizes; do
        rm -f "$share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
    done
    refresh_caches
    echo "Airdrop Desk removed from $prefix (your data folder is kept)."
}

if [ "${1:-}" = "--uninstall" ]; then
    uninstall
    exit 0
fi
if [ ! -x "$here/airdrop-desk" ]; then
    echo "install.sh: run me from the unpacked Airdrop Desk folder" >&2
    exit 1
fi

if [ "$here" = "$lib" ] || [ ! -d "$here/share" ]; then
    echo "install.sh: this copy is installed already; '$0 --uninstall' removes it" >&2
    exit 1
fi

rm -rf "$lib"
mkdir -p "$lib"
# The folder's contents, minus the desktop files that go to share/ below.
(cd "$here" && tar cf - --exclude=./share .) | (cd "$lib" && tar xf -)
mkdir -p "$prefix/bin" "$share/applications" "$share/metainfo"
ln -sf "$lib/airdrop-desk" "$prefix/bin/airdrop-desk"
# An absolute Exec: a desktop session's PATH often lacks ~/.local/bin.
sed -e "s|^Exec=airdrop-desk|Exec=$prefix/bin/airdrop-desk|" \
    -e "s|^TryExec=airdrop-desk|TryExec=$prefix/bin/airdrop-desk|" \
    "$here/share/applications/$APP_ID.desktop" > "$share/applications/$APP_ID.desktop"
cp "$here/share/metainfo/$APP_ID.metainfo.xml" "$share/metainfo/"
for icon_dir in "$here"/share/icons/hicolor/*/apps; do
    size_dir=$(basename "$(dirname "$icon_dir")")
    mkdir -p "$share/icons/hicolor/$size_dir/apps"
    cp "$icon_dir"/* "$share/icons/hicolor/$size_dir/apps/"
done
refresh_caches
echo "Airdrop Desk installed: run 'airdrop-desk' or open it from the applications menu."
case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) echo "Note: $prefix/bin is not on your PATH; the menu entry works regardless." ;;
esac
