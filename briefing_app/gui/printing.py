"""Print the same pages as the PDF export, through the system's print dialog.

Printing to a PDF file (the dialog's "Print to File") writes the export's own
PDF - tagged, its text and links kept - rather than pictures of its pages.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from briefing_app.errors import WriteError
from briefing_app.files.atomic import atomic_write


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


def print_to_file(printer: QPrinter, pdf: bytes) -> bool:
    """When the printer is a PDF file, write ``pdf`` there (atomically)
    and say so; else leave it to print_document. Raises WriteError."""
    name = printer.outputFileName()
    if printer.outputFormat() != QPrinter.OutputFormat.PdfFormat or not name:
        return False
    atomic_write(name, pdf)
    return True


def print_pdf(parent: QWidget, preview) -> None:  # preview: PreviewPane
    from briefing_app.gui import dialogs
    from briefing_app.gui.preview import render_pdf

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setFullPage(True)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print brief")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    pdf = render_pdf(preview._snapshot())
    try:
        if print_to_file(printer, pdf):
            return
    except WriteError as exc:
        dialogs.show_error(parent, "Print failed", str(exc))
        return
    print_document(printer, pdf)
