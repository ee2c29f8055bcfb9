# Generated from ui/dossier_edit_dialog.ui by ui/build_forms.py: do not edit by hand.
# -*- coding: utf-8 -*-


from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QGroupBox,
    QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QSizePolicy, QVBoxLayout, QWidget)

class Ui_DossierEditDialog(object):
    def setupUi(self, DossierEditDialog):
        if not DossierEditDialog.objectName():
            DossierEditDialog.setObjectName(u"DossierEditDialog")
        DossierEditDialog.resize(600, 600)
        self.main_layout = QVBoxLayout(DossierEditDialog)
        self.main_layout.setObjectName(u"main_layout")
        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form_layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTop)
        self.opened_label = QLabel(DossierEditDialog)
        self.opened_label.setObjectName(u"opened_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.opened_label)

        self.opened_edit = QLineEdit(DossierEditDialog)
        self.opened_edit.setObjectName(u"opened_edit")
        self.opened_edit.setMaximumSize(QSize(130, 16777215))

        self.form_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.opened_edit)

        self.origin_label = QLabel(DossierEditDialog)
        self.origin_label.setObjectName(u"origin_label")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.origin_label)

        self.origin_combo = QComboBox(DossierEditDialog)
        self.origin_combo.setObjectName(u"origin_combo")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.origin_combo)

        self.origin_text_edit = QLineEdit(DossierEditDialog)
        self.origin_text_edit.setObjectName(u"origin_text_edit")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.origin_text_edit)

        self.motifs_label = QLabel(DossierEditDialog)
        self.motifs_label.setObjectName(u"motifs_label")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.motifs_label)

        self.motifs_list = QListWidget(DossierEditDialog)
        self.motifs_list.setObjectName(u"motifs_list")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.motifs_list)

        self.motif_text_edit = QLineEdit(DossierEditDialog)
        self.motif_text_edit.setObjectName(u"motif_text_edit")

        self.form_layout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.motif_text_edit)


        self.main_layout.addLayout(self.form_layout)

        self.consent_group = QGroupBox(DossierEditDialog)
        self.consent_group.setObjectName(u"consent_group")
        self.consent_layout = QFormLayout(self.consent_group)
        self.consent_layout.setObjectName(u"consent_layout")
        self.consent_layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTop)
        self.consent_date_label = QLabel(self.consent_group)
        self.consent_date_label.setObjectName(u"consent_date_label")

        self.consent_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.consent_date_label)

        self.consent_date_edit = QLineEdit(self.consent_group)
        self.consent_date_edit.setObjectName(u"consent_date_edit")
        self.consent_date_edit.setMaximumSize(QSize(130, 16777215))

        self.consent_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.consent_date_edit)

        self.consent_mode_label = QLabel(self.consent_group)
        self.consent_mode_label.setObjectName(u"consent_mode_label")

        self.consent_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.consent_mode_label)

        self.consent_mode_combo = QComboBox(self.consent_group)
        self.consent_mode_combo.setObjectName(u"consent_mode_combo")

        self.consent_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.consent_mode_combo)

        self.notice_check = QCheckBox(self.consent_group)
        self.notice_check.setObjectName(u"notice_check")

        self.consent_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.notice_check)

        self.share_check = QCheckBox(self.consent_group)
        self.share_check.setObjectName(u"share_check")

        self.consent_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.share_check)


        self.main_layout.addWidget(self.consent_group)

        self.problem_label = QLabel(DossierEditDialog)
        self.problem_label.setObjectName(u"problem_label")
        self.problem_label.setWordWrap(True)

        self.main_layout.addWidget(self.problem_label)

        self.button_box = QDialogButtonBox(DossierEditDialog)
        self.button_box.setObjectName(u"button_box")
        self.button_box.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.main_layout.addWidget(self.button_box)

#if QT_CONFIG(shortcut)
        self.opened_label.setBuddy(self.opened_edit)
        self.origin_label.setBuddy(self.origin_combo)
        self.motifs_label.setBuddy(self.motifs_list)
        self.consent_date_label.setBuddy(self.consent_date_edit)
        self.consent_mode_label.setBuddy(self.consent_mode_combo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.opened_edit, self.origin_combo)
        QWidget.setTabOrder(self.origin_combo, self.origin_text_edit)
        QWidget.setTabOrder(self.origin_text_edit, self.motifs_list)
        QWidget.setTabOrder(self.motifs_list, self.motif_text_edit)
        QWidget.setTabOrder(self.motif_text_edit, self.consent_date_edit)
        QWidget.setTabOrder(self.consent_date_edit, self.consent_mode_combo)
        QWidget.setTabOrder(self.consent_mode_combo, self.notice_check)
        QWidget.setTabOrder(self.notice_check, self.share_check)

        self.retranslateUi(DossierEditDialog)

        QMetaObject.connectSlotsByName(DossierEditDialog)
    # setupUi

    def retranslateUi(self, DossierEditDialog):
        DossierEditDialog.setWindowTitle(QCoreApplication.translate("DossierEditDialog", u"Modifier le dossier", None))
        self.opened_label.setText(QCoreApplication.translate("DossierEditDialog", u"Ouvert &le :", None))
        self.opened_edit.setPlaceholderText(QCoreApplication.translate("DossierEditDialog", u"JJ/MM/AAAA", None))
        self.origin_label.setText(QCoreApplication.translate("DossierEditDialog", u"&Origine de la demande :", None))
        self.origin_text_edit.setPlaceholderText(QCoreApplication.translate("DossierEditDialog", u"pr\u00e9cisions (facultatif)", None))
        self.motifs_label.setText(QCoreApplication.translate("DossierEditDialog", u"&Motifs :", None))
#if QT_CONFIG(tooltip)
        self.motifs_list.setToolTip(QCoreApplication.translate("DossierEditDialog", u"Espace coche ou d\u00e9coche le motif choisi ; plusieurs motifs sont possibles.", None))
#endif // QT_CONFIG(tooltip)
        self.motif_text_edit.setPlaceholderText(QCoreApplication.translate("DossierEditDialog", u"pr\u00e9ciser le motif \u00ab Autre \u00bb", None))
        self.consent_group.setTitle(QCoreApplication.translate("DossierEditDialog", u"Information et consentement de la personne", None))
        self.consent_date_label.setText(QCoreApplication.translate("DossierEditDialog", u"Recueilli l&e :", None))
        self.consent_date_edit.setPlaceholderText(QCoreApplication.translate("DossierEditDialog", u"JJ/MM/AAAA", None))
        self.consent_mode_label.setText(QCoreApplication.translate("DossierEditDialog", u"Mo&de d'information :", None))
        self.notice_check.setText(QCoreApplication.translate("DossierEditDialog", u"&Notice d'information remise", None))
        self.share_check.setText(QCoreApplication.translate("DossierEditDialog", u"Accord pour \u00e9&changer avec les partenaires", None))
    # retranslateUi
