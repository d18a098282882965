"""Print one benchmark run's figures as plain-text tables."""

from __future__ import annotations


def _ms(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1000:.1f}ms" if seconds < 1 else f"{seconds:.2f}s"


def _times(ratio: float | None) -> str:
    return f"{ratio:.1f}x" if ratio else "-"


def print_exports(exports: list[dict], formats: list[str], labels: dict[str, str]) -> None:
    head = f"{'In-process export (warm, median)':34} {'pages':>5}"
    head += "".join(f" {labels[f]:>9}" for f in formats)
    head += "".join(f" {labels[f] + '/page':>10}" for f in formats)
    print(head)
    for row in exports:
        line = f"{row['case']:34} {row['pages']:>5}"
        line += "".join(f" {_ms(row[f'{f}_s']):>9}" for f in formats)
        line += "".join(f" {row[f'{f}_ms_per_page']:>8.2f}ms" for f in formats)
        print(line)


def print_rows(rows: list[dict]) -> None:
    for row in rows:
        value = f"{row['mb']:>7.0f}MB" if "mb" in row else f"{row['s'] * 1000:>7.1f}ms"
        if "imported" in row:
            value += f"  (also imported: {', '.join(row['imported']) or 'no Qt, no Word writer'})"
        print(f"{row['case']:44} {value}")


def print_side_by_side(rows: list[dict], notes: list[str]) -> None:
    print("Side by side, whole processes on the same content (warm, median)")
    for note in notes:
        print(f"  Note: {note}")
    if not rows:
        return
    print(
        f"{'brief':10} {'pages':>5} {'our PDF':>9} {'our Word':>9} {'Word i-p':>9} "
        f"{'pandoc':>9} {'LO->PDF':>9} {'route':>9}"
    )
    for row in rows:
        print(
            f"{row['case']:10} {row['pages']:>5} {_ms(row['ours_cli_pdf_s']):>9} "
            f"{_ms(row['ours_cli_docx_s']):>9} {_ms(row['ours_in_process_docx_s']):>9} "
            f"{_ms(row['pandoc_docx_s']):>9} {_ms(row['soffice_pdf_s']):>9} "
            f"{_ms(row['route_pdf_s']):>9}"
        )
    print(
        "  our PDF/Word: briefing-app export, whole process; Word i-p: in-process Word export;\n"
        "  pandoc: pandoc in.md -o out.docx; LO->PDF: LibreOffice converting our .docx to PDF;\n"
        "  route: pandoc -> .docx -> LibreOffice -> PDF."
    )
    print("Ratios (how many times faster ours is)")
    for row in rows:
        r = row["ratios"]
        print(
            f"  {row['case']:10} PDF vs route {_times(r['route_pdf_vs_ours_cli_pdf']):>6}   "
            f"PDF vs LibreOffice {_times(r['soffice_pdf_vs_ours_cli_pdf']):>6}   "
            f"Word (in-process) vs pandoc {_times(r['pandoc_docx_vs_ours_in_process_docx']):>6}   "
            f"Word (CLI) vs pandoc {_times(r['pandoc_docx_vs_ours_cli_docx']):>6}"
        )
    first = [row for row in rows if row.get("soffice_pdf_first_s")]
    if first:
        cold = ", ".join(f"{row['case']} {_ms(row['soffice_pdf_first_s'])}" for row in first)
        print(f"  LibreOffice's first run, fresh profile (not in the medians): {cold}")


def print_targets(checks: list[dict]) -> None:
    print("Targets")
    for check in checks:
        mark = {True: "met", False: "MISSED", None: "not measured"}[check["met"]]
        measured = "" if check["met"] is None else f": {check['measured']}"
        print(f"  [{mark}] {check['target']}{measured}")
