# Generated from ui/dossier_status_dialog.ui by ui/build_forms.py: do not edit by hand.
# -*- coding: utf-8 -*-


from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
    QSizePolicy, QSpacerItem, QVBoxLayout, QWidget)

class Ui_DossierStatusDialog(object):
    def setupUi(self, DossierStatusDialog):
        if not DossierStatusDialog.objectName():
            DossierStatusDialog.setObjectName(u"DossierStatusDialog")
        DossierStatusDialog.resize(500, 300)
        self.main_layout = QVBoxLayout(DossierStatusDialog)
        self.main_layout.setObjectName(u"main_layout")
        self.intro_label = QLabel(DossierStatusDialog)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.main_layout.addWidget(self.intro_label)

        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form_layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTop)
        self.status_label = QLabel(DossierStatusDialog)
        self.status_label.setObjectName(u"status_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.status_label)

        self.status_combo = QComboBox(DossierStatusDialog)
        self.status_combo.setObjectName(u"status_combo")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.status_combo)

        self.date_label = QLabel(DossierStatusDialog)
        self.date_label.setObjectName(u"date_label")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.date_label)

        self.date_edit = QLineEdit(DossierStatusDialog)
        self.date_edit.setObjectName(u"date_edit")
        self.date_edit.setMaximumSize(QSize(130, 16777215))

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.date_edit)

        self.closing_label = QLabel(DossierStatusDialog)
        self.closing_label.setObjectName(u"closing_label")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.closing_label)

        self.closing_combo = QComboBox(DossierStatusDialog)
        self.closing_combo.setObjectName(u"closing_combo")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.closing_combo)

        self.closing_text_label = QLabel(DossierStatusDialog)
        self.closing_text_label.setObjectName(u"closing_text_label")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.closing_text_label)

        self.closing_text_edit = QLineEdit(DossierStatusDialog)
        self.closing_text_edit.setObjectName(u"closing_text_edit")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.closing_text_edit)


        self.main_layout.addLayout(self.form_layout)

        self.problem_label = QLabel(DossierStatusDialog)
        self.problem_label.setObjectName(u"problem_label")
        self.problem_label.setWordWrap(True)

        self.main_layout.addWidget(self.problem_label)

        self.bottom_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.main_layout.addItem(self.bottom_spacer)

        self.button_box = QDialogButtonBox(DossierStatusDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.main_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.status_label.setBuddy(self.status_combo)
        self.date_label.setBuddy(self.date_edit)
        self.closing_label.setBuddy(self.closing_combo)
        self.closing_text_label.setBuddy(self.closing_text_edit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.status_combo, self.date_edit)
        QWidget.setTabOrder(self.date_edit, self.closing_combo)
        QWidget.setTabOrder(self.closing_combo, self.closing_text_edit)

        self.retranslateUi(DossierStatusDialog)

        QMetaObject.connectSlotsByName(DossierStatusDialog)
    # setupUi

    def retranslateUi(self, DossierStatusDialog):
        DossierStatusDialog.setWindowTitle(QCoreApplication.translate("DossierStatusDialog", u"Statut du dossier", None))
        self.status_label.setText(QCoreApplication.translate("DossierStatusDialog", u"&Statut :", None))
        self.date_label.setText(QCoreApplication.translate("DossierStatusDialog", u"\u00c0 partir &du :", None))
        self.date_edit.setPlaceholderText(QCoreApplication.translate("DossierStatusDialog", u"JJ/MM/AAAA", None))
        self.closing_label.setText(QCoreApplication.translate("DossierStatusDialog", u"&Motif de cl\u00f4ture :", None))
        self.closing_text_label.setText(QCoreApplication.translate("DossierStatusDialog", u"&Pr\u00e9cisions :", None))
        self.closing_text_edit.setPlaceholderText(QCoreApplication.translate("DossierStatusDialog", u"facultatif", None))
    # retranslateUi
