# Generated from ui/recovery_unlock_dialog.ui by ui/build_forms.py: do not edit by hand.
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

class Ui_RecoveryUnlockDialog(object):
    def setupUi(self, RecoveryUnlockDialog):
        if not RecoveryUnlockDialog.objectName():
            RecoveryUnlockDialog.setObjectName(u"RecoveryUnlockDialog")
        RecoveryUnlockDialog.resize(520, 420)
        RecoveryUnlockDialog.setMinimumSize(QSize(480, 0))
        self.main_layout = QVBoxLayout(RecoveryUnlockDialog)
        self.main_layout.setSpacing(10)
        self.main_layout.setObjectName(u"main_layout")
        self.main_layout.setContentsMargins(24, 20, 24, 18)
        self.intro_label = QLabel(RecoveryUnlockDialog)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.main_layout.addWidget(self.intro_label)

        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.form_layout.setHorizontalSpacing(12)
        self.form_layout.setVerticalSpacing(8)
        self.form_layout.setContentsMargins(-1, 6, -1, -1)
        self.key_label = QLabel(RecoveryUnlockDialog)
        self.key_label.setObjectName(u"key_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.key_label)

        self.key_edit = QLineEdit(RecoveryUnlockDialog)
        self.key_edit.setObjectName(u"key_edit")
        self.key_edit.setMaxLength(120)
        self.key_edit.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.key_edit)

        self.login_label = QLabel(RecoveryUnlockDialog)
        self.login_label.setObjectName(u"login_label")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.login_label)

        self.login_edit = QLineEdit(RecoveryUnlockDialog)
        self.login_edit.setObjectName(u"login_edit")
        self.login_edit.setMaxLength(40)

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.login_edit)

        self.temporary_label = QLabel(RecoveryUnlockDialog)
        self.temporary_label.setObjectName(u"temporary_label")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.temporary_label)

        self.temporary_edit = QLineEdit(RecoveryUnlockDialog)
        self.temporary_edit.setObjectName(u"temporary_edit")
        self.temporary_edit.setMaxLength(1024)
        self.temporary_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.temporary_edit)

        self.feedback_label = PasswordFeedback(RecoveryUnlockDialog)
        self.feedback_label.setObjectName(u"feedback_label")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.feedback_label)

        self.confirm_label = QLabel(RecoveryUnlockDialog)
        self.confirm_label.setObjectName(u"confirm_label")

        self.form_layout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.confirm_label)

        self.confirm_edit = QLineEdit(RecoveryUnlockDialog)
        self.confirm_edit.setObjectName(u"confirm_edit")
        self.confirm_edit.setMaxLength(1024)
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)

        self.form_layout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.confirm_edit)

        self.match_label = QLabel(RecoveryUnlockDialog)
        self.match_label.setObjectName(u"match_label")
        self.match_label.setWordWrap(True)

        self.form_layout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.match_label)


        self.main_layout.addLayout(self.form_layout)

        self.message_label = QLabel(RecoveryUnlockDialog)
        self.message_label.setObjectName(u"message_label")
        self.message_label.setWordWrap(True)

        self.main_layout.addWidget(self.message_label)

        self.bottom_spacer = QSpacerItem(0, 4, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.main_layout.addItem(self.bottom_spacer)

        self.button_box = QDialogButtonBox(RecoveryUnlockDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.main_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.key_label.setBuddy(self.key_edit)
        self.login_label.setBuddy(self.login_edit)
        self.temporary_label.setBuddy(self.temporary_edit)
        self.confirm_label.setBuddy(self.confirm_edit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.key_edit, self.login_edit)
        QWidget.setTabOrder(self.login_edit, self.temporary_edit)
        QWidget.setTabOrder(self.temporary_edit, self.confirm_edit)

        self.retranslateUi(RecoveryUnlockDialog)

        QMetaObject.connectSlotsByName(RecoveryUnlockDialog)
    # setupUi

    def retranslateUi(self, RecoveryUnlockDialog):
        RecoveryUnlockDialog.setWindowTitle(QCoreApplication.translate("RecoveryUnlockDialog", u"D\u00e9verrouiller un compte avec la cl\u00e9 de secours", None))
        self.intro_label.setText(QCoreApplication.translate("RecoveryUnlockDialog", u"La cl\u00e9 de secours a \u00e9t\u00e9 remise \u00e0 la cr\u00e9ation de la station (feuille imprim\u00e9e, \u00e0 conserver sous cl\u00e9). Elle d\u00e9verrouille un compte \u2014 en g\u00e9n\u00e9ral celui du ou de la responsable d'unit\u00e9, que personne d'autre ne peut d\u00e9verrouiller \u2014 et lui donne un mot de passe temporaire, \u00e0 changer \u00e0 la connexion suivante.", None))
        self.key_label.setText(QCoreApplication.translate("RecoveryUnlockDialog", u"Cl\u00e9 de &secours", None))
        self.key_edit.setPlaceholderText(QCoreApplication.translate("RecoveryUnlockDialog", u"XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX", None))
        self.login_label.setText(QCoreApplication.translate("RecoveryUnlockDialog", u"&Identifiant du compte", None))
        self.temporary_label.setText(QCoreApplication.translate("RecoveryUnlockDialog", u"Mot de passe &temporaire", None))
        self.confirm_label.setText(QCoreApplication.translate("RecoveryUnlockDialog", u"&Confirmation", None))
    # retranslateUi
