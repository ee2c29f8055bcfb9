# Generated from ui/intervention_entry_dialog.ui by ui/build_forms.py: do not edit by hand.
# -*- coding: utf-8 -*-


from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QComboBox, QDialog, QFormLayout,
    QFrame, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QPlainTextEdit, QPushButton, QRadioButton,
    QSizePolicy, QSpacerItem, QSpinBox, QVBoxLayout,
    QWidget)

class Ui_InterventionEntryDialog(object):
    def setupUi(self, InterventionEntryDialog):
        if not InterventionEntryDialog.objectName():
            InterventionEntryDialog.setObjectName(u"InterventionEntryDialog")
        InterventionEntryDialog.resize(760, 720)
        self.main_layout = QVBoxLayout(InterventionEntryDialog)
        self.main_layout.setSpacing(10)
        self.main_layout.setObjectName(u"main_layout")
        self.main_layout.setContentsMargins(18, 14, 18, 14)
        self.person_label = QLabel(InterventionEntryDialog)
        self.person_label.setObjectName(u"person_label")
        self.person_label.setWordWrap(True)

        self.main_layout.addWidget(self.person_label)

        self.draft_frame = QFrame(InterventionEntryDialog)
        self.draft_frame.setObjectName(u"draft_frame")
        self.draft_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.draft_layout = QHBoxLayout(self.draft_frame)
        self.draft_layout.setObjectName(u"draft_layout")
        self.draft_layout.setContentsMargins(-1, 6, -1, 6)
        self.draft_label = QLabel(self.draft_frame)
        self.draft_label.setObjectName(u"draft_label")
        self.draft_label.setWordWrap(True)

        self.draft_layout.addWidget(self.draft_label)

        self.discard_draft_button = QPushButton(self.draft_frame)
        self.discard_draft_button.setObjectName(u"discard_draft_button")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.discard_draft_button.sizePolicy().hasHeightForWidth())
        self.discard_draft_button.setSizePolicy(sizePolicy)
        self.discard_draft_button.setAutoDefault(False)

        self.draft_layout.addWidget(self.discard_draft_button)

        self.draft_layout.setStretch(0, 1)

        self.main_layout.addWidget(self.draft_frame)

        self.form_layout = QFormLayout()
        self.form_layout.setObjectName(u"form_layout")
        self.form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form_layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTop)
        self.form_layout.setHorizontalSpacing(12)
        self.form_layout.setVerticalSpacing(8)
        self.date_label = QLabel(InterventionEntryDialog)
        self.date_label.setObjectName(u"date_label")

        self.form_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.date_label)

        self.date_layout = QHBoxLayout()
        self.date_layout.setSpacing(12)
        self.date_layout.setObjectName(u"date_layout")
        self.date_edit = QLineEdit(InterventionEntryDialog)
        self.date_edit.setObjectName(u"date_edit")
        self.date_edit.setMinimumSize(QSize(120, 0))
        self.date_edit.setMaximumSize(QSize(130, 16777215))

        self.date_layout.addWidget(self.date_edit)

        self.weekday_label = QLabel(InterventionEntryDialog)
        self.weekday_label.setObjectName(u"weekday_label")

        self.date_layout.addWidget(self.weekday_label)

        self.date_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.date_layout.addItem(self.date_spacer)


        self.form_layout.setLayout(0, QFormLayout.ItemRole.FieldRole, self.date_layout)

        self.kind_label = QLabel(InterventionEntryDialog)
        self.kind_label.setObjectName(u"kind_label")

        self.form_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.kind_label)

        self.kind_layout = QHBoxLayout()
        self.kind_layout.setObjectName(u"kind_layout")
        self.kind_combo = QComboBox(InterventionEntryDialog)
        self.kind_combo.setObjectName(u"kind_combo")
        self.kind_combo.setMinimumSize(QSize(220, 0))

        self.kind_layout.addWidget(self.kind_combo)

        self.kind_text_edit = QLineEdit(InterventionEntryDialog)
        self.kind_text_edit.setObjectName(u"kind_text_edit")

        self.kind_layout.addWidget(self.kind_text_edit)

        self.kind_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.kind_layout.addItem(self.kind_spacer)


        self.form_layout.setLayout(1, QFormLayout.ItemRole.FieldRole, self.kind_layout)

        self.duration_label = QLabel(InterventionEntryDialog)
        self.duration_label.setObjectName(u"duration_label")

        self.form_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.duration_label)

        self.duration_layout = QHBoxLayout()
        self.duration_layout.setObjectName(u"duration_layout")
        self.duration_spin = QSpinBox(InterventionEntryDialog)
        self.duration_spin.setObjectName(u"duration_spin")
        self.duration_spin.setMinimumSize(QSize(130, 0))
        self.duration_spin.setMaximum(720)
        self.duration_spin.setSingleStep(5)

        self.duration_layout.addWidget(self.duration_spin)

        self.duration_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.duration_layout.addItem(self.duration_spacer)


        self.form_layout.setLayout(2, QFormLayout.ItemRole.FieldRole, self.duration_layout)

        self.summary_label = QLabel(InterventionEntryDialog)
        self.summary_label.setObjectName(u"summary_label")

        self.form_layout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.summary_label)

        self.summary_edit = QPlainTextEdit(InterventionEntryDialog)
        self.summary_edit.setObjectName(u"summary_edit")
        self.summary_edit.setTabChangesFocus(True)
        self.summary_edit.setMinimumSize(QSize(0, 90))

        self.form_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.summary_edit)

        self.notes_label = QLabel(InterventionEntryDialog)
        self.notes_label.setObjectName(u"notes_label")

        self.form_layout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.notes_label)

        self.notes_edit = QPlainTextEdit(InterventionEntryDialog)
        self.notes_edit.setObjectName(u"notes_edit")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setMinimumSize(QSize(0, 90))

        self.form_layout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.notes_edit)

        self.visibility_layout = QHBoxLayout()
        self.visibility_layout.setSpacing(14)
        self.visibility_layout.setObjectName(u"visibility_layout")
        self.visibility_label = QLabel(InterventionEntryDialog)
        self.visibility_label.setObjectName(u"visibility_label")

        self.visibility_layout.addWidget(self.visibility_label)

        self.dossier_radio = QRadioButton(InterventionEntryDialog)
        self.dossier_radio.setObjectName(u"dossier_radio")
        self.dossier_radio.setChecked(True)

        self.visibility_layout.addWidget(self.dossier_radio)

        self.personal_radio = QRadioButton(InterventionEntryDialog)
        self.personal_radio.setObjectName(u"personal_radio")

        self.visibility_layout.addWidget(self.personal_radio)

        self.visibility_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.visibility_layout.addItem(self.visibility_spacer)


        self.form_layout.setLayout(5, QFormLayout.ItemRole.FieldRole, self.visibility_layout)


        self.main_layout.addLayout(self.form_layout)

        self.aids_group = QGroupBox(InterventionEntryDialog)
        self.aids_group.setObjectName(u"aids_group")
        self.aids_layout = QVBoxLayout(self.aids_group)
        self.aids_layout.setObjectName(u"aids_layout")
        self.aids_table = QWidget(self.aids_group)
        self.aids_table.setObjectName(u"aids_table")

        self.aids_layout.addWidget(self.aids_table)

        self.aids_buttons_layout = QHBoxLayout()
        self.aids_buttons_layout.setObjectName(u"aids_buttons_layout")
        self.add_aid_button = QPushButton(self.aids_group)
        self.add_aid_button.setObjectName(u"add_aid_button")
        self.add_aid_button.setAutoDefault(False)

        self.aids_buttons_layout.addWidget(self.add_aid_button)

        self.aids_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.aids_buttons_layout.addItem(self.aids_spacer)


        self.aids_layout.addLayout(self.aids_buttons_layout)


        self.main_layout.addWidget(self.aids_group)

        self.next_group = QGroupBox(InterventionEntryDialog)
        self.next_group.setObjectName(u"next_group")
        self.next_layout = QHBoxLayout(self.next_group)
        self.next_layout.setObjectName(u"next_layout")
        self.next_date_label = QLabel(self.next_group)
        self.next_date_label.setObjectName(u"next_date_label")

        self.next_layout.addWidget(self.next_date_label)

        self.next_date_edit = QLineEdit(self.next_group)
        self.next_date_edit.setObjectName(u"next_date_edit")
        self.next_date_edit.setMaximumSize(QSize(130, 16777215))

        self.next_layout.addWidget(self.next_date_edit)

        self.next_time_label = QLabel(self.next_group)
        self.next_time_label.setObjectName(u"next_time_label")

        self.next_layout.addWidget(self.next_time_label)

        self.next_time_edit = QLineEdit(self.next_group)
        self.next_time_edit.setObjectName(u"next_time_edit")
        self.next_time_edit.setMaximumSize(QSize(80, 16777215))

        self.next_layout.addWidget(self.next_time_edit)

        self.next_label_edit = QLineEdit(self.next_group)
        self.next_label_edit.setObjectName(u"next_label_edit")

        self.next_layout.addWidget(self.next_label_edit)


        self.main_layout.addWidget(self.next_group)

        self.problem_label = QLabel(InterventionEntryDialog)
        self.problem_label.setObjectName(u"problem_label")
        self.problem_label.setWordWrap(True)

        self.main_layout.addWidget(self.problem_label)

        self.bottom_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.main_layout.addItem(self.bottom_spacer)

        self.buttons_layout = QHBoxLayout()
        self.buttons_layout.setObjectName(u"buttons_layout")
        self.keys_label = QLabel(InterventionEntryDialog)
        self.keys_label.setObjectName(u"keys_label")

        self.buttons_layout.addWidget(self.keys_label)

        self.buttons_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons_layout.addItem(self.buttons_spacer)

        self.save_button = QPushButton(InterventionEntryDialog)
        self.save_button.setObjectName(u"save_button")
        self.save_button.setAutoDefault(False)

        self.buttons_layout.addWidget(self.save_button)

        self.close_button = QPushButton(InterventionEntryDialog)
        self.close_button.setObjectName(u"close_button")
        self.close_button.setAutoDefault(False)

        self.buttons_layout.addWidget(self.close_button)


        self.main_layout.addLayout(self.buttons_layout)

#if QT_CONFIG(shortcut)
        self.date_label.setBuddy(self.date_edit)
        self.kind_label.setBuddy(self.kind_combo)
        self.duration_label.setBuddy(self.duration_spin)
        self.summary_label.setBuddy(self.summary_edit)
        self.notes_label.setBuddy(self.notes_edit)
        self.next_date_label.setBuddy(self.next_date_edit)
        self.next_time_label.setBuddy(self.next_time_edit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.date_edit, self.kind_combo)
        QWidget.setTabOrder(self.kind_combo, self.kind_text_edit)
        QWidget.setTabOrder(self.kind_text_edit, self.duration_spin)
        QWidget.setTabOrder(self.duration_spin, self.summary_edit)
        QWidget.setTabOrder(self.summary_edit, self.notes_edit)
        QWidget.setTabOrder(self.notes_edit, self.dossier_radio)
        QWidget.setTabOrder(self.dossier_radio, self.personal_radio)
        QWidget.setTabOrder(self.personal_radio, self.add_aid_button)
        QWidget.setTabOrder(self.add_aid_button, self.next_date_edit)
        QWidget.setTabOrder(self.next_date_edit, self.next_time_edit)
        QWidget.setTabOrder(self.next_time_edit, self.next_label_edit)
        QWidget.setTabOrder(self.next_label_edit, self.save_button)
        QWidget.setTabOrder(self.save_button, self.close_button)
        QWidget.setTabOrder(self.close_button, self.discard_draft_button)

        self.retranslateUi(InterventionEntryDialog)

        QMetaObject.connectSlotsByName(InterventionEntryDialog)
    # setupUi

    def retranslateUi(self, InterventionEntryDialog):
        InterventionEntryDialog.setWindowTitle(QCoreApplication.translate("InterventionEntryDialog", u"Nouvelle intervention", None))
        self.person_label.setText("")
        self.discard_draft_button.setText(QCoreApplication.translate("InterventionEntryDialog", u"Repartir de &z\u00e9ro", None))
#if QT_CONFIG(tooltip)
        self.discard_draft_button.setToolTip(QCoreApplication.translate("InterventionEntryDialog", u"Effacer le brouillon et recommencer la saisie", None))
#endif // QT_CONFIG(tooltip)
        self.date_label.setText(QCoreApplication.translate("InterventionEntryDialog", u"&Date :", None))
        self.date_edit.setPlaceholderText(QCoreApplication.translate("InterventionEntryDialog", u"JJ/MM/AAAA", None))
#if QT_CONFIG(tooltip)
        self.date_edit.setToolTip(QCoreApplication.translate("InterventionEntryDialog", u"Tapez la date (JJ/MM/AAAA) ; les touches + et \u2212 avancent ou reculent d'un jour.", None))
#endif // QT_CONFIG(tooltip)
        self.kind_label.setText(QCoreApplication.translate("InterventionEntryDialog", u"&Type :", None))
        self.kind_text_edit.setPlaceholderText(QCoreApplication.translate("InterventionEntryDialog", u"pr\u00e9ciser", None))
        self.duration_label.setText(QCoreApplication.translate("InterventionEntryDialog", u"D&ur\u00e9e :", None))
        self.duration_spin.setSpecialValueText(QCoreApplication.translate("InterventionEntryDialog", u"non indiqu\u00e9e", None))
        self.duration_spin.setSuffix(QCoreApplication.translate("InterventionEntryDialog", u" min", None))
        self.summary_label.setText(QCoreApplication.translate("InterventionEntryDialog", u"&R\u00e9sum\u00e9 :", None))
        self.summary_edit.setPlaceholderText(QCoreApplication.translate("InterventionEntryDialog", u"Objet de l'\u00e9change, d\u00e9marches convenues (suivi administratif)", None))
        self.notes_label.setText(QCoreApplication.translate("InterventionEntryDialog", u"&Notes :", None))
        self.notes_edit.setPlaceholderText(QCoreApplication.translate("InterventionEntryDialog", u"Observations et \u00e9valuation (secret professionnel, jamais visibles par le secr\u00e9tariat)", None))
        self.visibility_label.setText(QCoreApplication.translate("InterventionEntryDialog", u"Notes visibles par :", None))
        self.dossier_radio.setText(QCoreApplication.translate("InterventionEntryDialog", u"&Dossier", None))
#if QT_CONFIG(tooltip)
        self.dossier_radio.setToolTip(QCoreApplication.translate("InterventionEntryDialog", u"Le ou la r\u00e9f\u00e9rent\u00b7e du dossier, son ou sa suppl\u00e9ant\u00b7e et un\u00b7e responsable travailleur social", None))
#endif // QT_CONFIG(tooltip)
        self.personal_radio.setText(QCoreApplication.translate("InterventionEntryDialog", u"&Personnelle", None))
#if QT_CONFIG(tooltip)
        self.personal_radio.setToolTip(QCoreApplication.translate("InterventionEntryDialog", u"Vous seul\u00b7e, et les coll\u00e8gues que vous nommez ; ni le ou la suppl\u00e9ant\u00b7e, ni le ou la responsable", None))
#endif // QT_CONFIG(tooltip)
        self.aids_group.setTitle(QCoreApplication.translate("InterventionEntryDialog", u"Aides et d\u00e9marches demand\u00e9es", None))
        self.add_aid_button.setText(QCoreApplication.translate("InterventionEntryDialog", u"&Ajouter une aide", None))
#if QT_CONFIG(tooltip)
        self.add_aid_button.setToolTip(QCoreApplication.translate("InterventionEntryDialog", u"Ctrl+Maj+A", None))
#endif // QT_CONFIG(tooltip)
        self.next_group.setTitle(QCoreApplication.translate("InterventionEntryDialog", u"Prochain rendez-vous (facultatif)", None))
        self.next_date_label.setText(QCoreApplication.translate("InterventionEntryDialog", u"L&e :", None))
        self.next_date_edit.setPlaceholderText(QCoreApplication.translate("InterventionEntryDialog", u"JJ/MM/AAAA", None))
        self.next_time_label.setText(QCoreApplication.translate("InterventionEntryDialog", u"\u00e0", None))
        self.next_time_edit.setPlaceholderText(QCoreApplication.translate("InterventionEntryDialog", u"HH:MM", None))
        self.next_label_edit.setPlaceholderText(QCoreApplication.translate("InterventionEntryDialog", u"objet (facultatif)", None))
        self.keys_label.setText(QCoreApplication.translate("InterventionEntryDialog", u"Ctrl+Entr\u00e9e : enregistrer \u00b7 \u00c9chap : fermer (la saisie reste en brouillon)", None))
        self.save_button.setText(QCoreApplication.translate("InterventionEntryDialog", u"&Enregistrer", None))
        self.close_button.setText(QCoreApplication.translate("InterventionEntryDialog", u"Fermer", None))
    # retranslateUi
