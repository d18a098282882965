#!/bin/sh
# Install Briefing Builder from this unpacked folder, with its menu entry,
# icon and .brief file type (double-click a brief to open it).
#
#   ./install.sh                    for you: ~/.local/lib/briefing-builder,
#                                   the command ~/.local/bin/briefing-app
#   sudo ./install.sh --system      for everyone: /opt/briefing-builder,
#                                   /usr/local/bin/briefing-app
#   ./install.sh --uninstall        remove it again (add --system if it was
#                                   installed for everyone)
set -eu

APP_ID=org.briefingbuilder.BriefingBuilder
MIME_TYPE=application/x-briefing-builder-brief
HERE=$(cd "$(dirname "$0")" && pwd)

mode=user
action=install
for arg in "$@"; do
    case $arg in
        --system) mode=system ;;
        --uninstall) action=uninstall ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown option '$arg' (try --help)" >&2; exit 2 ;;
    esac
done

if [ "$mode" = system ]; then
    APP_DIR=/opt/briefing-builder
    BIN_DIR=/usr/local/bin
    DATA_DIR=/usr/local/share
else
    APP_DIR=$HOME/.local/lib/briefing-builder
    BIN_DIR=$HOME/.local/bin
    DATA_DIR=${XDG_DATA_HOME:-$HOME/.local/share}
fi

say() { printf '%s\n' "$*"; }

refresh() {
    # Each cache is optional: without it the desktop finds the files anyway,
    # only later (at the next log-in).
    if command -v update-mime-database >/dev/null 2>&1; then
        update-mime-database "$DATA_DIR/mime" >/dev/null 2>&1 || true
    fi
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database "$DATA_DIR/applications" >/dev/null 2>&1 || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -d "$DATA_DIR/icons/hicolor" ]; then
        gtk-update-icon-cache --force --ignore-theme-index --quiet "$DATA_DIR/icons/hicolor" || true
    fi
}

icon_files() {
    # Paths below share/icons, as this bundle ships them.
    (cd "$HERE/share/icons" && find . -type f | sed 's|^\./||')
}

uninstall() {
    rm -f "$DATA_DIR/applications/$APP_ID.desktop" \
          "$DATA_DIR/metainfo/$APP_ID.metainfo.xml" \
          "$DATA_DIR/mime/packages/$APP_ID.xml"
    icon_files | while IFS= read -r icon; do rm -f "$DATA_DIR/icons/$icon"; done
    if [ -L "$BIN_DIR/briefing-app" ]; then
        rm -f "$BIN_DIR/briefing-app"
    fi
    mimeapps=${XDG_CONFIG_HOME:-$HOME/.config}/mimeapps.list
    if [ "$mode" = user ] && [ -f "$mimeapps" ]; then
        sed -i "\\|^$MIME_TYPE=$APP_ID\\.desktop;\\{0,1\\}\$|d" "$mimeapps" || true
    fi
    refresh
    # Only ever remove a folder that holds this app (this script may be in it:
    # the shell keeps reading the removed file).
    if [ -x "$APP_DIR/briefing-app" ] && [ -f "$APP_DIR/install.sh" ]; then
        cd /
        rm -rf "$APP_DIR"
    fi
    say "Briefing Builder was removed."
}

install_app() {
    if [ ! -x "$HERE/briefing-app" ] || [ ! -d "$HERE/share" ]; then
        say "install.sh: run this from the unpacked Briefing Builder folder." >&2
        exit 1
    fi
    if [ "$APP_DIR" != "$HERE" ]; then
        if [ -e "$APP_DIR" ] && [ ! -x "$APP_DIR/briefing-app" ]; then
            say "install.sh: $APP_DIR exists and is not Briefing Builder; nothing was changed." >&2
            exit 1
        fi
        rm -rf "$APP_DIR"
        mkdir -p "$(dirname "$APP_DIR")"
        cp -R "$HERE" "$APP_DIR"
    fi
    mkdir -p "$BIN_DIR" "$DATA_DIR/applications" "$DATA_DIR/metainfo" "$DATA_DIR/mime/packages"
    ln -sf "$APP_DIR/briefing-app" "$BIN_DIR/briefing-app"

    # The menu entry starts this copy wherever it lives (quoted: the path
    # may contain spaces).
    # Desktop-entry quoting: a backslash becomes four, " ` $ get two before
    # them, % is doubled.
    exec_path=$(printf '%s' "$APP_DIR/briefing-app" \
        | sed -e 's/\\/\\\\\\\\/g' -e 's/["`$]/\\\\&/g' -e 's/%/%%/g')
    while IFS= read -r line; do
        case $line in
            Exec=*) printf 'Exec="%s" %%f\n' "$exec_path" ;;
            *) printf '%s\n' "$line" ;;
        esac
    done < "$HERE/share/applications/$APP_ID.desktop" > "$DATA_DIR/applications/$APP_ID.desktop"
    cp "$HERE/share/metainfo/$APP_ID.metainfo.xml" "$DATA_DIR/metainfo/"
    cp "$HERE/share/mime/packages/$APP_ID.xml" "$DATA_DIR/mime/packages/"
    icon_files | while IFS= read -r icon; do
        mkdir -p "$DATA_DIR/icons/$(dirname "$icon")"
        cp "$HERE/share/icons/$icon" "$DATA_DIR/icons/$icon"
    done
    refresh
    if [ "$mode" = user ] && command -v xdg-mime >/dev/null 2>&1; then
        xdg-mime default "$APP_ID.desktop" "$MIME_TYPE" >/dev/null 2>&1 || true
    fi
    say "Briefing Builder is installed in $APP_DIR."
    say "Start it from the applications menu, or double-click a .brief file."
    case ":$PATH:" in
        *":$BIN_DIR:"*) ;;
        *) say "(The command 'briefing-app' is in $BIN_DIR, which is not on your PATH.)" ;;
    esac
}

if [ "$action" = uninstall ]; then
    uninstall
else
    install_app
fi
