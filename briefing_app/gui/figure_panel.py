"""The figure's own fields, below the text while a figure is selected:
caption, alternative text (or decorative), source line and width; for a
chart, its kind and its table. Every change is one edit of the section."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from briefing_app.model.pictures import ChartKind, Figure, FigureWidth
from briefing_app.model.text import Run, clean_text, plain


class FigurePanel(QFrame):
    """Edits one figure; ``edited`` carries the figure as changed."""

    edited = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Figure")
        self._figure: Figure | None = None
        self._filling = False
        self.heading = QLabel("Figure")
        self.heading.setStyleSheet("font-weight: bold")
        self.caption = QLineEdit()
        self.caption.setPlaceholderText("What the figure shows (printed as 'Figure 1: ...')")
        self.caption.setAccessibleName("Caption")
        self.alt_text = QLineEdit()
        self.alt_text.setAccessibleName("Alternative text")
        self.use_proposed = QPushButton("Use proposed")
        self.use_proposed.setToolTip("Put the text proposed from the chart's numbers here")
        self.decorative = QCheckBox("Decorative: it adds nothing the text does not say")
        self.source = QLineEdit()
        self.source.setPlaceholderText("Where it comes from (printed as 'Source: ...')")
        self.source.setAccessibleName("Source line")
        self.width = QComboBox()
        self.width.setAccessibleName("Width")
        for width in FigureWidth:
            self.width.addItem(width.label, width)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Chart type")
        for kind in ChartKind:
            self.kind.addItem(kind.label, kind)
        self.table = QComboBox()
        self.table.setAccessibleName("Table the chart draws")
        alt_row = QHBoxLayout()
        alt_row.setContentsMargins(0, 0, 0, 0)
        alt_row.addWidget(self.alt_text, 1)
        alt_row.addWidget(self.use_proposed)
        form = QFormLayout(self)
        form.addRow(self.heading)
        form.addRow("&Caption:", self.caption)
        alt_label = QLabel("&Alt text:")
        alt_label.setBuddy(self.alt_text)
        form.addRow(alt_label, alt_row)
        form.addRow("", self.decorative)
        form.addRow("&Source:", self.source)
        form.addRow("&Width:", self.width)
        form.addRow("Chart &type:", self.kind)
        form.addRow("&Numbers from:", self.table)
        self.form = form
        self.caption.textEdited.connect(self._changed)
        self.alt_text.textEdited.connect(self._changed)
        self.source.textEdited.connect(self._changed)
        self.decorative.toggled.connect(self._changed)
        self.width.currentIndexChanged.connect(self._changed)
        self.kind.currentIndexChanged.connect(self._changed)
        self.table.currentIndexChanged.connect(self._changed)
        self.use_proposed.clicked.connect(self._use_proposed)
        self._proposed = ""

    @property
    def figure(self) -> Figure | None:
        return self._figure

    def show_figure(
        self, figure: Figure, tables: list[tuple[str, str]], proposed: str = ""
    ) -> None:
        """Fill the fields from ``figure``; ``tables`` (id, title) for a
        chart to choose from; ``proposed`` a chart's alt text from its data."""
        self._filling = True
        try:
            self._figure = figure
            self._proposed = proposed
            chart = figure.chart is not None
            self.heading.setText("Chart" if chart else "Picture")
            if self.caption.text() != figure.caption:
                self.caption.setText(figure.caption)
            if self.alt_text.text() != figure.alt_text:
                self.alt_text.setText(figure.alt_text)
            self.alt_text.setPlaceholderText(
                proposed or "Describe what the picture shows, for readers who cannot see it"
            )
            self.alt_text.setEnabled(not figure.decorative)
            self.decorative.setChecked(figure.decorative)
            if self.source.text() != plain(figure.source):
                self.source.setText(plain(figure.source))
                self.source.setCursorPosition(0)  # show its start, as a form does
            self.width.setCurrentIndex(list(FigureWidth).index(figure.width))
            self.form.setRowVisible(self.kind, chart)
            self.form.setRowVisible(self.table, chart)
            self.use_proposed.setVisible(chart)
            if figure.chart is not None:
                self.kind.setCurrentIndex(list(ChartKind).index(figure.chart.kind))
                self.table.clear()
                for section_id, title in tables:
                    self.table.addItem(title, section_id)
                index = self.table.findData(figure.chart.table)
                if index < 0:
                    self.table.addItem("(the table is gone)", figure.chart.table)
                    index = self.table.count() - 1
                self.table.setCurrentIndex(index)
        finally:
            self._filling = False

    def _use_proposed(self) -> None:
        if self._proposed:
            self.alt_text.setText(self._proposed)
            self._changed()

    def _changed(self) -> None:
        if self._filling or self._figure is None:
            return
        figure = self._figure
        source_text = clean_text(self.source.text(), multiline=False)
        source = (
            figure.source
            if source_text == plain(figure.source)
            else ([Run(source_text)] if source_text else [])
        )
        chart = figure.chart
        if chart is not None:
            table = str(self.table.currentData() or chart.table)
            kind = ChartKind(self.kind.currentData() or chart.kind)
            if table != chart.table:  # another table: its own columns
                chart = replace(chart, table=table, kind=kind, labels=0, values=())
            else:
                chart = replace(chart, kind=kind)
        decorative = self.decorative.isChecked()
        self.alt_text.setEnabled(not decorative)
        new = Figure(
            picture=figure.picture,
            chart=chart,
            caption=self.caption.text(),
            source=source,
            alt_text="" if decorative else self.alt_text.text(),
            decorative=decorative,
            width=FigureWidth(self.width.currentData() or figure.width),
        )
        if new != figure:
            self._figure = new
            self.edited.emit(new)
