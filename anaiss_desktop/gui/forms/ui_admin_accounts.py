# Generated from ui/admin_accounts.ui by ui/build_forms.py: do not edit by hand.
# -*- coding: utf-8 -*-


from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QHBoxLayout, QHeaderView,
    QLabel, QPushButton, QSizePolicy, QSpacerItem,
    QStackedWidget, QTableView, QVBoxLayout, QWidget)

class Ui_AccountsWidget(object):
    def setupUi(self, AccountsWidget):
        if not AccountsWidget.objectName():
            AccountsWidget.setObjectName(u"AccountsWidget")
        AccountsWidget.resize(860, 480)
        self.main_layout = QVBoxLayout(AccountsWidget)
        self.main_layout.setObjectName(u"main_layout")
        self.main_layout.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget(AccountsWidget)
        self.pages.setObjectName(u"pages")
        self.accounts_page = QWidget()
        self.accounts_page.setObjectName(u"accounts_page")
        self.accounts_layout = QVBoxLayout(self.accounts_page)
        self.accounts_layout.setObjectName(u"accounts_layout")
        self.buttons_layout = QHBoxLayout()
        self.buttons_layout.setObjectName(u"buttons_layout")
        self.new_button = QPushButton(self.accounts_page)
        self.new_button.setObjectName(u"new_button")

        self.buttons_layout.addWidget(self.new_button)

        self.edit_button = QPushButton(self.accounts_page)
        self.edit_button.setObjectName(u"edit_button")

        self.buttons_layout.addWidget(self.edit_button)

        self.reset_button = QPushButton(self.accounts_page)
        self.reset_button.setObjectName(u"reset_button")

        self.buttons_layout.addWidget(self.reset_button)

        self.disable_button = QPushButton(self.accounts_page)
        self.disable_button.setObjectName(u"disable_button")

        self.buttons_layout.addWidget(self.disable_button)

        self.enable_button = QPushButton(self.accounts_page)
        self.enable_button.setObjectName(u"enable_button")

        self.buttons_layout.addWidget(self.enable_button)

        self.buttons_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons_layout.addItem(self.buttons_spacer)


        self.accounts_layout.addLayout(self.buttons_layout)

        self.table_view = QTableView(self.accounts_page)
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

        self.accounts_layout.addWidget(self.table_view)

        self.dossiers_layout = QHBoxLayout()
        self.dossiers_layout.setObjectName(u"dossiers_layout")
        self.transfer_button = QPushButton(self.accounts_page)
        self.transfer_button.setObjectName(u"transfer_button")

        self.dossiers_layout.addWidget(self.transfer_button)

        self.dossiers_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.dossiers_layout.addItem(self.dossiers_spacer)


        self.accounts_layout.addLayout(self.dossiers_layout)

        self.status_label = QLabel(self.accounts_page)
        self.status_label.setObjectName(u"status_label")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.accounts_layout.addWidget(self.status_label)

        self.pages.addWidget(self.accounts_page)
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


        self.retranslateUi(AccountsWidget)

        QMetaObject.connectSlotsByName(AccountsWidget)
    # setupUi

    def retranslateUi(self, AccountsWidget):
        self.new_button.setText(QCoreApplication.translate("AccountsWidget", u"&Nouveau compte\u2026", None))
        self.edit_button.setText(QCoreApplication.translate("AccountsWidget", u"&Modifier\u2026", None))
        self.reset_button.setText(QCoreApplication.translate("AccountsWidget", u"&D\u00e9verrouiller / nouveau mot de passe temporaire\u2026", None))
        self.disable_button.setText(QCoreApplication.translate("AccountsWidget", u"D\u00e9s&activer", None))
        self.enable_button.setText(QCoreApplication.translate("AccountsWidget", u"&R\u00e9activer\u2026", None))
        self.transfer_button.setText(QCoreApplication.translate("AccountsWidget", u"&Transf\u00e9rer ses dossiers\u2026", None))
#if QT_CONFIG(tooltip)
        self.transfer_button.setToolTip(QCoreApplication.translate("AccountsWidget", u"Confier les dossiers de ce travailleur social \u00e0 un(e) coll\u00e8gue (d\u00e9part, changement de secteur).", None))
#endif // QT_CONFIG(tooltip)
        pass
    # retranslateUi
