# Generated from ui/admin_account_dialog.ui by ui/build_forms.py: do not edit by hand.
# -*- coding: utf-8 -*-


from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QLabel,
    QLineEdit, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

from anaiss_desktop.gui.admin.password_field import TemporaryPasswordField

class Ui_AccountDialog(object):
    def setupUi(self, AccountDialog):
        if not AccountDialog.objectName():
            AccountDialog.setObjectName(u"AccountDialog")
        AccountDialog.resize(560, 420)
        self.main_layout = QVBoxLayout(AccountDialog)
        self.main_layout.setObjectName(u"main_layout")
        self.intro_label = QLabel(AccountDialog)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.main_layout.addWidget(self.intro_label)

        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.login_label = QLabel(AccountDialog)
        self.login_label.setObjectName(u"login_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.login_label)

        self.login_edit = QLineEdit(AccountDialog)
        self.login_edit.setObjectName(u"login_edit")
        self.login_edit.setMaxLength(40)

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.login_edit)

        self.login_problem_label = QLabel(AccountDialog)
        self.login_problem_label.setObjectName(u"login_problem_label")
        self.login_problem_label.setWordWrap(True)
        self.login_problem_label.setStyleSheet(u"color: #8a1c1c;")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.login_problem_label)

        self.full_name_label = QLabel(AccountDialog)
        self.full_name_label.setObjectName(u"full_name_label")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.full_name_label)

        self.full_name_edit = QLineEdit(AccountDialog)
        self.full_name_edit.setObjectName(u"full_name_edit")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.full_name_edit)

        self.phone_label = QLabel(AccountDialog)
        self.phone_label.setObjectName(u"phone_label")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.phone_label)

        self.phone_edit = QLineEdit(AccountDialog)
        self.phone_edit.setObjectName(u"phone_edit")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.phone_edit)

        self.role_label = QLabel(AccountDialog)
        self.role_label.setObjectName(u"role_label")

        self.form_layout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.role_label)

        self.role_combo = QComboBox(AccountDialog)
        self.role_combo.setObjectName(u"role_combo")

        self.form_layout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.role_combo)

        self.social_worker_check = QCheckBox(AccountDialog)
        self.social_worker_check.setObjectName(u"social_worker_check")

        self.form_layout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.social_worker_check)

        self.password_label = QLabel(AccountDialog)
        self.password_label.setObjectName(u"password_label")

        self.form_layout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.password_label)

        self.password_field = TemporaryPasswordField(AccountDialog)
        self.password_field.setObjectName(u"password_field")

        self.form_layout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.password_field)


        self.main_layout.addLayout(self.form_layout)

        self.handover_label = QLabel(AccountDialog)
        self.handover_label.setObjectName(u"handover_label")
        self.handover_label.setWordWrap(True)

        self.main_layout.addWidget(self.handover_label)

        self.bottom_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.main_layout.addItem(self.bottom_spacer)

        self.button_box = QDialogButtonBox(AccountDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.main_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.login_label.setBuddy(self.login_edit)
        self.full_name_label.setBuddy(self.full_name_edit)
        self.phone_label.setBuddy(self.phone_edit)
        self.role_label.setBuddy(self.role_combo)
        self.password_label.setBuddy(self.password_field)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.login_edit, self.full_name_edit)
        QWidget.setTabOrder(self.full_name_edit, self.phone_edit)
        QWidget.setTabOrder(self.phone_edit, self.role_combo)
        QWidget.setTabOrder(self.role_combo, self.social_worker_check)
        QWidget.setTabOrder(self.social_worker_check, self.password_field)

        self.retranslateUi(AccountDialog)

        QMetaObject.connectSlotsByName(AccountDialog)
    # setupUi

    def retranslateUi(self, AccountDialog):
        AccountDialog.setWindowTitle(QCoreApplication.translate("AccountDialog", u"Nouveau compte", None))
        self.intro_label.setText(QCoreApplication.translate("AccountDialog", u"Le compte est propre \u00e0 cette station. La personne choisira son mot de passe \u00e0 sa premi\u00e8re connexion.", None))
        self.login_label.setText(QCoreApplication.translate("AccountDialog", u"&Identifiant :", None))
        self.login_edit.setPlaceholderText(QCoreApplication.translate("AccountDialog", u"ex. : amartin", None))
        self.full_name_label.setText(QCoreApplication.translate("AccountDialog", u"&Nom et pr\u00e9nom :", None))
        self.phone_label.setText(QCoreApplication.translate("AccountDialog", u"&T\u00e9l\u00e9phone :", None))
        self.phone_edit.setPlaceholderText(QCoreApplication.translate("AccountDialog", u"facultatif", None))
        self.role_label.setText(QCoreApplication.translate("AccountDialog", u"&R\u00f4le :", None))
        self.social_worker_check.setText(QCoreApplication.translate("AccountDialog", u"&Travailleur social (peut ouvrir les dossiers de l'unit\u00e9)", None))
        self.password_label.setText(QCoreApplication.translate("AccountDialog", u"Mot de passe &temporaire :", None))
        self.handover_label.setText(QCoreApplication.translate("AccountDialog", u"Notez ce mot de passe et remettez-le \u00e0 la personne en main propre : il ne sera plus affich\u00e9, et devra \u00eatre chang\u00e9 \u00e0 la premi\u00e8re connexion.", None))
    # retranslateUi
