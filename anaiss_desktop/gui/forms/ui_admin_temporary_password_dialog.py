# Generated from ui/admin_temporary_password_dialog.ui by ui/build_forms.py: do not edit by hand.
# -*- coding: utf-8 -*-


from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QLabel, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

from anaiss_desktop.gui.admin.password_field import TemporaryPasswordField

class Ui_TemporaryPasswordDialog(object):
    def setupUi(self, TemporaryPasswordDialog):
        if not TemporaryPasswordDialog.objectName():
            TemporaryPasswordDialog.setObjectName(u"TemporaryPasswordDialog")
        TemporaryPasswordDialog.resize(540, 260)
        self.main_layout = QVBoxLayout(TemporaryPasswordDialog)
        self.main_layout.setObjectName(u"main_layout")
        self.intro_label = QLabel(TemporaryPasswordDialog)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.main_layout.addWidget(self.intro_label)

        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.password_label = QLabel(TemporaryPasswordDialog)
        self.password_label.setObjectName(u"password_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.password_label)

        self.password_field = TemporaryPasswordField(TemporaryPasswordDialog)
        self.password_field.setObjectName(u"password_field")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.password_field)


        self.main_layout.addLayout(self.form_layout)

        self.handover_label = QLabel(TemporaryPasswordDialog)
        self.handover_label.setObjectName(u"handover_label")
        self.handover_label.setWordWrap(True)

        self.main_layout.addWidget(self.handover_label)

        self.bottom_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.main_layout.addItem(self.bottom_spacer)

        self.button_box = QDialogButtonBox(TemporaryPasswordDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.main_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.password_label.setBuddy(self.password_field)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(TemporaryPasswordDialog)

        QMetaObject.connectSlotsByName(TemporaryPasswordDialog)
    # setupUi

    def retranslateUi(self, TemporaryPasswordDialog):
        TemporaryPasswordDialog.setWindowTitle(QCoreApplication.translate("TemporaryPasswordDialog", u"Mot de passe temporaire", None))
        self.password_label.setText(QCoreApplication.translate("TemporaryPasswordDialog", u"Mot de passe &temporaire :", None))
        self.handover_label.setText(QCoreApplication.translate("TemporaryPasswordDialog", u"Notez ce mot de passe et remettez-le \u00e0 la personne en main propre : il ne sera plus affich\u00e9, et devra \u00eatre chang\u00e9 \u00e0 la premi\u00e8re connexion.", None))
    # retranslateUi
