# Generated from ui/login_dialog.ui by ui/build_forms.py: do not edit by hand.
# -*- coding: utf-8 -*-


from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QDialog, QFormLayout,
    QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QSpacerItem,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_LoginDialog(object):
    def setupUi(self, LoginDialog):
        if not LoginDialog.objectName():
            LoginDialog.setObjectName(u"LoginDialog")
        LoginDialog.resize(460, 300)
        LoginDialog.setMinimumSize(QSize(440, 0))
        self.main_layout = QVBoxLayout(LoginDialog)
        self.main_layout.setSpacing(10)
        self.main_layout.setObjectName(u"main_layout")
        self.main_layout.setContentsMargins(24, 20, 24, 18)
        self.title_label = QLabel(LoginDialog)
        self.title_label.setObjectName(u"title_label")

        self.main_layout.addWidget(self.title_label)

        self.subtitle_label = QLabel(LoginDialog)
        self.subtitle_label.setObjectName(u"subtitle_label")

        self.main_layout.addWidget(self.subtitle_label)

        self.demo_banner_label = QLabel(LoginDialog)
        self.demo_banner_label.setObjectName(u"demo_banner_label")
        self.demo_banner_label.setWordWrap(True)

        self.main_layout.addWidget(self.demo_banner_label)

        self.lock_label = QLabel(LoginDialog)
        self.lock_label.setObjectName(u"lock_label")
        self.lock_label.setWordWrap(True)

        self.main_layout.addWidget(self.lock_label)

        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.form_layout.setHorizontalSpacing(12)
        self.form_layout.setVerticalSpacing(8)
        self.form_layout.setContentsMargins(-1, 6, -1, -1)
        self.login_label = QLabel(LoginDialog)
        self.login_label.setObjectName(u"login_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.login_label)

        self.login_edit = QLineEdit(LoginDialog)
        self.login_edit.setObjectName(u"login_edit")
        self.login_edit.setMaxLength(40)

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.login_edit)

        self.password_label = QLabel(LoginDialog)
        self.password_label.setObjectName(u"password_label")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.password_label)

        self.password_edit = QLineEdit(LoginDialog)
        self.password_edit.setObjectName(u"password_edit")
        self.password_edit.setMaxLength(1024)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.password_edit)

        self.switch_user_button = QPushButton(LoginDialog)
        self.switch_user_button.setObjectName(u"switch_user_button")
        self.switch_user_button.setAutoDefault(False)
        self.switch_user_button.setFlat(True)

        self.form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.switch_user_button)


        self.main_layout.addLayout(self.form_layout)

        self.message_label = QLabel(LoginDialog)
        self.message_label.setObjectName(u"message_label")
        self.message_label.setWordWrap(True)

        self.main_layout.addWidget(self.message_label)

        self.demo_group = QGroupBox(LoginDialog)
        self.demo_group.setObjectName(u"demo_group")
        self.demo_layout = QVBoxLayout(self.demo_group)
        self.demo_layout.setObjectName(u"demo_layout")
        self.demo_hint_label = QLabel(self.demo_group)
        self.demo_hint_label.setObjectName(u"demo_hint_label")
        self.demo_hint_label.setWordWrap(True)

        self.demo_layout.addWidget(self.demo_hint_label)

        self.demo_table = QTableWidget(self.demo_group)
        if (self.demo_table.columnCount() < 3):
            self.demo_table.setColumnCount(3)
        __qtablewidgetitem = QTableWidgetItem()
        self.demo_table.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.demo_table.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.demo_table.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        self.demo_table.setObjectName(u"demo_table")
        self.demo_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.demo_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.demo_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.demo_table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.demo_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.demo_table.setAlternatingRowColors(True)
        self.demo_table.setWordWrap(False)
        self.demo_table.horizontalHeader().setHighlightSections(False)
        self.demo_table.verticalHeader().setVisible(False)

        self.demo_layout.addWidget(self.demo_table)


        self.main_layout.addWidget(self.demo_group)

        self.bottom_spacer = QSpacerItem(0, 4, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.main_layout.addItem(self.bottom_spacer)

        self.buttons_layout = QHBoxLayout()
        self.buttons_layout.setSpacing(8)
        self.buttons_layout.setObjectName(u"buttons_layout")
        self.recovery_button = QPushButton(LoginDialog)
        self.recovery_button.setObjectName(u"recovery_button")
        self.recovery_button.setAutoDefault(False)

        self.buttons_layout.addWidget(self.recovery_button)

        self.buttons_spacer = QSpacerItem(20, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons_layout.addItem(self.buttons_spacer)

        self.quit_button = QPushButton(LoginDialog)
        self.quit_button.setObjectName(u"quit_button")
        self.quit_button.setAutoDefault(False)

        self.buttons_layout.addWidget(self.quit_button)

        self.login_button = QPushButton(LoginDialog)
        self.login_button.setObjectName(u"login_button")

        self.buttons_layout.addWidget(self.login_button)


        self.main_layout.addLayout(self.buttons_layout)

#if QT_CONFIG(shortcut)
        self.login_label.setBuddy(self.login_edit)
        self.password_label.setBuddy(self.password_edit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.login_edit, self.password_edit)
        QWidget.setTabOrder(self.password_edit, self.login_button)
        QWidget.setTabOrder(self.login_button, self.switch_user_button)
        QWidget.setTabOrder(self.switch_user_button, self.demo_table)
        QWidget.setTabOrder(self.demo_table, self.recovery_button)
        QWidget.setTabOrder(self.recovery_button, self.quit_button)

        self.retranslateUi(LoginDialog)

        self.login_button.setDefault(True)


        QMetaObject.connectSlotsByName(LoginDialog)
    # setupUi

    def retranslateUi(self, LoginDialog):
        LoginDialog.setWindowTitle(QCoreApplication.translate("LoginDialog", u"Connexion \u2014 ANAISS Desktop", None))
        self.title_label.setText(QCoreApplication.translate("LoginDialog", u"ANAISS Desktop", None))
        self.subtitle_label.setText(QCoreApplication.translate("LoginDialog", u"Dossiers sociaux \u2014 poste hors ligne", None))
        self.demo_banner_label.setText(QCoreApplication.translate("LoginDialog", u"Station de d\u00e9monstration \u2014 donn\u00e9es fictives, effac\u00e9es \u00e0 la fermeture", None))
        self.login_label.setText(QCoreApplication.translate("LoginDialog", u"&Identifiant", None))
        self.password_label.setText(QCoreApplication.translate("LoginDialog", u"&Mot de passe", None))
        self.switch_user_button.setText(QCoreApplication.translate("LoginDialog", u"Changer d'utilisateur", None))
        self.demo_group.setTitle(QCoreApplication.translate("LoginDialog", u"Comptes de d\u00e9monstration", None))
        self.demo_hint_label.setText(QCoreApplication.translate("LoginDialog", u"Cliquez sur une ligne pour remplir l'identifiant et le mot de passe.", None))
        ___qtablewidgetitem = self.demo_table.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("LoginDialog", u"Identifiant", None))
        ___qtablewidgetitem1 = self.demo_table.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("LoginDialog", u"R\u00f4le", None))
        ___qtablewidgetitem2 = self.demo_table.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("LoginDialog", u"Mot de passe", None))
        self.recovery_button.setText(QCoreApplication.translate("LoginDialog", u"Cl\u00e9 de secours\u2026", None))
        self.quit_button.setText(QCoreApplication.translate("LoginDialog", u"Quitter", None))
        self.login_button.setText(QCoreApplication.translate("LoginDialog", u"Se connecter", None))
    # retranslateUi
