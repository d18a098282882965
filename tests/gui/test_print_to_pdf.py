"""Printing to a PDF file writes the export's own tagged PDF (its text,
links and structure), not pictures of its pages."""

from __future__ import annotations

import pikepdf
from PySide6.QtPrintSupport import QPrinter

from briefing_app.compose import compose
from briefing_app.gui.printing import print_to_file
from briefing_app.sample import load_sample
from briefing_app.writers.pdf import write_pdf


def test_print_to_a_pdf_file_writes_the_tagged_pdf(qtbot, tmp_path) -> None:
    pdf = write_pdf(compose(load_sample()))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(target))
    assert print_to_file(printer, pdf)
    assert target.read_bytes() == pdf
    with pikepdf.open(target) as written:
        assert "/StructTreeRoot" in written.Root
        assert bool(written.Root.MarkInfo.Marked)


def test_a_real_printer_is_left_to_print(qtbot, tmp_path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
    assert not print_to_file(printer, b"%PDF-1.4")
