# Generated from ui/admin_audit.ui by ui/build_forms.py: do not edit by hand.
# -*- coding: utf-8 -*-


from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
    QLabel, QPushButton, QSizePolicy, QStackedWidget,
    QTableView, QVBoxLayout, QWidget)

class Ui_AuditLogWidget(object):
    def setupUi(self, AuditLogWidget):
        if not AuditLogWidget.objectName():
            AuditLogWidget.setObjectName(u"AuditLogWidget")
        AuditLogWidget.resize(860, 480)
        self.main_layout = QVBoxLayout(AuditLogWidget)
        self.main_layout.setObjectName(u"main_layout")
        self.main_layout.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget(AuditLogWidget)
        self.pages.setObjectName(u"pages")
        self.log_page = QWidget()
        self.log_page.setObjectName(u"log_page")
        self.log_layout = QVBoxLayout(self.log_page)
        self.log_layout.setObjectName(u"log_layout")
        self.top_layout = QHBoxLayout()
        self.top_layout.setObjectName(u"top_layout")
        self.intro_label = QLabel(self.log_page)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.top_layout.addWidget(self.intro_label)

        self.refresh_button = QPushButton(self.log_page)
        self.refresh_button.setObjectName(u"refresh_button")

        self.top_layout.addWidget(self.refresh_button)

        self.verify_button = QPushButton(self.log_page)
        self.verify_button.setObjectName(u"verify_button")

        self.top_layout.addWidget(self.verify_button)

        self.top_layout.setStretch(0, 1)

        self.log_layout.addLayout(self.top_layout)

        self.table_view = QTableView(self.log_page)
        self.table_view.setObjectName(u"table_view")
        self.table_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table_view.setAlternatingRowColors(True)
        self.table_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table_view.setShowGrid(False)
        self.table_view.setWordWrap(False)
        self.table_view.horizontalHeader().setHighlightSections(False)
        self.table_view.horizontalHeader().setStretchLastSection(True)
        self.table_view.verticalHeader().setVisible(False)

        self.log_layout.addWidget(self.table_view)

        self.pages.addWidget(self.log_page)
        self.message_page = QWidget()
        self.message_page.setObjectName(u"message_page")
        self.message_layout = QVBoxLayout(self.message_page)
        self.message_layout.setObjectName(u"message_layout")
        self.message_label = QLabel(self.message_page)
        self.message_label.setObjectName(u"message_label")
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setWordWrap(True)

        self.message_layout.addWidget(self.message_label)

        self.pages.addWidget(self.message_page)

        self.main_layout.addWidget(self.pages)


        self.retranslateUi(AuditLogWidget)

        QMetaObject.connectSlotsByName(AuditLogWidget)
    # setupUi

    def retranslateUi(self, AuditLogWidget):
        self.intro_label.setText(QCoreApplication.translate("AuditLogWidget", u"Les 500 derni\u00e8res actions, de la plus r\u00e9cente \u00e0 la plus ancienne. Chaque entr\u00e9e est cha\u00een\u00e9e \u00e0 la pr\u00e9c\u00e9dente : une entr\u00e9e modifi\u00e9e ou supprim\u00e9e est d\u00e9tect\u00e9e \u00e0 la v\u00e9rification.", None))
        self.refresh_button.setText(QCoreApplication.translate("AuditLogWidget", u"Ac&tualiser", None))
        self.verify_button.setText(QCoreApplication.translate("AuditLogWidget", u"&V\u00e9rifier l'int\u00e9grit\u00e9", None))
        pass
    # retranslateUi
