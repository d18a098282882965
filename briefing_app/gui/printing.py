"""Print the same pages as the PDF export, through the system's print dialog."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget


def print_document(printer: QPrinter, pdf: bytes) -> int:
    """Draw every page of ``pdf`` on ``printer``; return the pages printed."""
    buffer = QBuffer()
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    try:
        dpi = printer.resolution()
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            size_pt = document.pagePointSize(page)
            target = QSize(round(size_pt.width() / 72 * dpi), round(size_pt.height() / 72 * dpi))
            image = document.render(page, target)
            area = printer.pageRect(QPrinter.Unit.DevicePixel)
            painter.drawImage(QRectF(0, 0, area.width(), area.height()), image)
    finally:
        painter.end()
    return document.pageCount()


def print_pdf(parent: QWidget, preview) -> None:  # preview: PreviewPane
    from briefing_app.gui.preview import render_pdf

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print brief")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    print_document(printer, render_pdf(preview._snapshot()))
