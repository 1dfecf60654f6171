"""Render the app icon (resources/icons/airdrop-desk.svg) for every platform.

    python packaging/render_icons.py

Writes, all commit-ready:

- ``linux/icons/hicolor/<n>x<n>/apps/<APP_ID>.png`` for the freedesktop sizes, plus the SVG
  itself as ``hicolor/scalable/apps/<APP_ID>.svg``;
- ``windows/airdrop-desk.ico`` and ``macos/airdrop-desk.icns`` with one hand-rendered image
  per size (Qt writes a single image per ICO/ICNS file; Pillow packs several), only when
  Pillow is installed (``pip install -e '.[packaging]'``).

Each size is drawn by Qt's SVG renderer at that size, not scaled down from a big bitmap,
so small icons stay sharp.
"""

from __future__ import annotations

import io
import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent
SVG = HERE.parent / "resources" / "icons" / "airdrop-desk.svg"
APP_ID = "io.github.airdropdesk.AirdropDesk"
LINUX_SIZES = (16, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def write_linux(renderer: QSvgRenderer) -> None:
    hicolor = HERE / "linux" / "icons" / "hicolor"
    for size in LINUX_SIZES:
        target = hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(png_bytes(render(renderer, size)))
    scalable = hicolor / "scalable" / "apps" / f"{APP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SVG, scalable)


def write_windows_and_macos(renderer: QSvgRenderer) -> bool:
    try:
        from PIL import Image
    except ImportError:
        return False

    def pil(size: int) -> Image.Image:
        return Image.open(io.BytesIO(png_bytes(render(renderer, size)))).convert("RGBA")

    ico = [pil(size) for size in ICO_SIZES]
    ico_path = HERE / "windows" / "airdrop-desk.ico"
    ico_path.parent.mkdir(parents=True, exist_ok=True)
    ico[-1].save(ico_path, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=ico[:-1])
    icns = [pil(size) for size in ICNS_SIZES]
    icns_path = HERE / "macos" / "airdrop-desk.icns"
    icns_path.parent.mkdir(parents=True, exist_ok=True)
    icns[-1].save(icns_path, format="ICNS", append_images=icns[:-1])
    return True


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"render_icons: cannot read {SVG.name}", file=sys.stderr)
        return 1
    write_linux(renderer)
    print(f"Linux: hicolor PNGs {', '.join(map(str, LINUX_SIZES))} and scalable SVG")
    if write_windows_and_macos(renderer):
        print("Windows: airdrop-desk.ico; macOS: airdrop-desk.icns")
    else:
        print("Pillow is not installed: .ico/.icns left as they are")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
