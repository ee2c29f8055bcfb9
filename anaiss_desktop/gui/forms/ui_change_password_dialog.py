# Generated from ui/change_password_dialog.ui by ui/build_forms.py: do not edit by hand.
# -*- coding: utf-8 -*-


from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QLabel, QLineEdit, QSizePolicy,
    QSpacerItem, QVBoxLayout, QWidget)

from anaiss_desktop.gui.password_feedback import PasswordFeedback

class Ui_ChangePasswordDialog(object):
    def setupUi(self, ChangePasswordDialog):
        if not ChangePasswordDialog.objectName():
            ChangePasswordDialog.setObjectName(u"ChangePasswordDialog")
        ChangePasswordDialog.resize(500, 380)
        ChangePasswordDialog.setMinimumSize(QSize(460, 0))
        self.main_layout = QVBoxLayout(ChangePasswordDialog)
        self.main_layout.setSpacing(10)
        self.main_layout.setObjectName(u"main_layout")
        self.main_layout.setContentsMargins(24, 20, 24, 18)
        self.intro_label = QLabel(ChangePasswordDialog)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.main_layout.addWidget(self.intro_label)

        self.help_label = QLabel(ChangePasswordDialog)
        self.help_label.setObjectName(u"help_label")
        self.help_label.setWordWrap(True)

        self.main_layout.addWidget(self.help_label)

        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.form_layout.setHorizontalSpacing(12)
        self.form_layout.setVerticalSpacing(8)
        self.form_layout.setContentsMargins(-1, 6, -1, -1)
        self.current_label = QLabel(ChangePasswordDialog)
        self.current_label.setObjectName(u"current_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.current_label)

        self.current_edit = QLineEdit(ChangePasswordDialog)
        self.current_edit.setObjectName(u"current_edit")
        self.current_edit.setMaxLength(1024)
        self.current_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.current_edit)

        self.new_label = QLabel(ChangePasswordDialog)
        self.new_label.setObjectName(u"new_label")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.new_label)

        self.new_edit = QLineEdit(ChangePasswordDialog)
        self.new_edit.setObjectName(u"new_edit")
        self.new_edit.setMaxLength(1024)
        self.new_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.new_edit)

        self.feedback_label = PasswordFeedback(ChangePasswordDialog)
        self.feedback_label.setObjectName(u"feedback_label")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.feedback_label)

        self.confirm_label = QLabel(ChangePasswordDialog)
        self.confirm_label.setObjectName(u"confirm_label")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.confirm_label)

        self.confirm_edit = QLineEdit(ChangePasswordDialog)
        self.confirm_edit.setObjectName(u"confirm_edit")
        self.confirm_edit.setMaxLength(1024)
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.form_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.confirm_edit)

        self.match_label = QLabel(ChangePasswordDialog)
        self.match_label.setObjectName(u"match_label")
        self.match_label.setWordWrap(True)

        self.form_layout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.match_label)


        self.main_layout.addLayout(self.form_layout)

        self.message_label = QLabel(ChangePasswordDialog)
        self.message_label.setObjectName(u"message_label")
        self.message_label.setWordWrap(True)

        self.main_layout.addWidget(self.message_label)

        self.bottom_spacer = QSpacerItem(0, 4, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.main_layout.addItem(self.bottom_spacer)

        self.button_box = QDialogButtonBox(ChangePasswordDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.main_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.current_label.setBuddy(self.current_edit)
        self.new_label.setBuddy(self.new_edit)
        self.confirm_label.setBuddy(self.confirm_edit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.current_edit, self.new_edit)
        QWidget.setTabOrder(self.new_edit, self.confirm_edit)

        self.retranslateUi(ChangePasswordDialog)

        QMetaObject.connectSlotsByName(ChangePasswordDialog)
    # setupUi

    def retranslateUi(self, ChangePasswordDialog):
        ChangePasswordDialog.setWindowTitle(QCoreApplication.translate("ChangePasswordDialog", u"Changer le mot de passe", None))
        self.help_label.setText(QCoreApplication.translate("ChangePasswordDialog", u"Ce mot de passe prot\u00e8ge \u00e0 lui seul l'acc\u00e8s aux dossiers, m\u00eame sur une copie des fichiers. R\u00e8gle de la CNIL : 12 caract\u00e8res de 4 types (majuscules, minuscules, chiffres, caract\u00e8res sp\u00e9ciaux), ou 14 avec majuscules, minuscules et chiffres, ou une phrase de passe de 7 mots. Vos 5 derniers mots de passe ne peuvent pas \u00eatre repris.", None))
        self.current_label.setText(QCoreApplication.translate("ChangePasswordDialog", u"Mot de passe &actuel", None))
        self.new_label.setText(QCoreApplication.translate("ChangePasswordDialog", u"&Nouveau mot de passe", None))
        self.confirm_label.setText(QCoreApplication.translate("ChangePasswordDialog", u"&Confirmation", None))
    # retranslateUi
