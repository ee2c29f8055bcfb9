# Generated from ui/dossier_echeance_dialog.ui by ui/build_forms.py: do not edit by hand.
# -*- coding: utf-8 -*-


from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QDialog,
    QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_EcheanceDialog(object):
    def setupUi(self, EcheanceDialog):
        if not EcheanceDialog.objectName():
            EcheanceDialog.setObjectName(u"EcheanceDialog")
        EcheanceDialog.resize(480, 280)
        self.main_layout = QVBoxLayout(EcheanceDialog)
        self.main_layout.setObjectName(u"main_layout")
        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.kind_label = QLabel(EcheanceDialog)
        self.kind_label.setObjectName(u"kind_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.kind_label)

        self.kind_combo = QComboBox(EcheanceDialog)
        self.kind_combo.setObjectName(u"kind_combo")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.kind_combo)

        self.date_label = QLabel(EcheanceDialog)
        self.date_label.setObjectName(u"date_label")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.date_label)

        self.date_layout = QHBoxLayout()
        self.date_layout.setObjectName(u"date_layout")
        self.date_edit = QLineEdit(EcheanceDialog)
        self.date_edit.setObjectName(u"date_edit")
        self.date_edit.setMaximumSize(QSize(130, 16777215))

        self.date_layout.addWidget(self.date_edit)

        self.time_label = QLabel(EcheanceDialog)
        self.time_label.setObjectName(u"time_label")

        self.date_layout.addWidget(self.time_label)

        self.time_edit = QLineEdit(EcheanceDialog)
        self.time_edit.setObjectName(u"time_edit")
        self.time_edit.setMaximumSize(QSize(80, 16777215))

        self.date_layout.addWidget(self.time_edit)

        self.weekday_label = QLabel(EcheanceDialog)
        self.weekday_label.setObjectName(u"weekday_label")

        self.date_layout.addWidget(self.weekday_label)

        self.date_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.date_layout.addItem(self.date_spacer)


        self.form_layout.setLayout(1, QFormLayout.ItemRole.FieldRole, self.date_layout)

        self.label_label = QLabel(EcheanceDialog)
        self.label_label.setObjectName(u"label_label")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.label_label)

        self.label_edit = QLineEdit(EcheanceDialog)
        self.label_edit.setObjectName(u"label_edit")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.label_edit)

        self.place_label = QLabel(EcheanceDialog)
        self.place_label.setObjectName(u"place_label")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.place_label)

        self.place_edit = QLineEdit(EcheanceDialog)
        self.place_edit.setObjectName(u"place_edit")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.place_edit)


        self.main_layout.addLayout(self.form_layout)

        self.problem_label = QLabel(EcheanceDialog)
        self.problem_label.setObjectName(u"problem_label")
        self.problem_label.setWordWrap(True)

        self.main_layout.addWidget(self.problem_label)

        self.bottom_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.main_layout.addItem(self.bottom_spacer)

        self.button_box = QDialogButtonBox(EcheanceDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.main_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.kind_label.setBuddy(self.kind_combo)
        self.date_label.setBuddy(self.date_edit)
        self.time_label.setBuddy(self.time_edit)
        self.label_label.setBuddy(self.label_edit)
        self.place_label.setBuddy(self.place_edit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.kind_combo, self.date_edit)
        QWidget.setTabOrder(self.date_edit, self.time_edit)
        QWidget.setTabOrder(self.time_edit, self.label_edit)
        QWidget.setTabOrder(self.label_edit, self.place_edit)

        self.retranslateUi(EcheanceDialog)

        QMetaObject.connectSlotsByName(EcheanceDialog)
    # setupUi

    def retranslateUi(self, EcheanceDialog):
        EcheanceDialog.setWindowTitle(QCoreApplication.translate("EcheanceDialog", u"Nouveau rendez-vous ou \u00e9ch\u00e9ance", None))
        self.kind_label.setText(QCoreApplication.translate("EcheanceDialog", u"&Nature :", None))
        self.date_label.setText(QCoreApplication.translate("EcheanceDialog", u"&Date :", None))
        self.date_edit.setPlaceholderText(QCoreApplication.translate("EcheanceDialog", u"JJ/MM/AAAA", None))
#if QT_CONFIG(tooltip)
        self.date_edit.setToolTip(QCoreApplication.translate("EcheanceDialog", u"Tapez la date (JJ/MM/AAAA) ; les touches + et \u2212 avancent ou reculent d'un jour.", None))
#endif // QT_CONFIG(tooltip)
        self.time_label.setText(QCoreApplication.translate("EcheanceDialog", u"\u00e0", None))
        self.time_edit.setPlaceholderText(QCoreApplication.translate("EcheanceDialog", u"HH:MM", None))
        self.label_label.setText(QCoreApplication.translate("EcheanceDialog", u"&Objet :", None))
        self.label_edit.setPlaceholderText(QCoreApplication.translate("EcheanceDialog", u"ex. : bilan, relancer la CPAM", None))
        self.place_label.setText(QCoreApplication.translate("EcheanceDialog", u"&Lieu :", None))
        self.place_edit.setPlaceholderText(QCoreApplication.translate("EcheanceDialog", u"facultatif", None))
    # retranslateUi
