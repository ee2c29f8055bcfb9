# Generated from ui/dossiers_person_form.ui by ui/build_forms.py: do not edit by hand.
# -*- coding: utf-8 -*-


from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QFormLayout,
    QGroupBox, QHBoxLayout, QHeaderView, QLabel,
    QLineEdit, QPushButton, QSizePolicy, QSpacerItem,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_PersonFormWidget(object):
    def setupUi(self, PersonFormWidget):
        if not PersonFormWidget.objectName():
            PersonFormWidget.setObjectName(u"PersonFormWidget")
        PersonFormWidget.resize(860, 520)
        self.main_layout = QVBoxLayout(PersonFormWidget)
        self.main_layout.setSpacing(10)
        self.main_layout.setObjectName(u"main_layout")
        self.main_layout.setContentsMargins(0, 0, 0, 0)
        self.columns_layout = QHBoxLayout()
        self.columns_layout.setSpacing(14)
        self.columns_layout.setObjectName(u"columns_layout")
        self.identity_group = QGroupBox(PersonFormWidget)
        self.identity_group.setObjectName(u"identity_group")
        self.identity_layout = QFormLayout(self.identity_group)
        self.identity_layout.setObjectName(u"identity_layout")
        self.identity_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.identity_layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.identity_layout.setVerticalSpacing(6)
        self.usage_name_label = QLabel(self.identity_group)
        self.usage_name_label.setObjectName(u"usage_name_label")

        self.identity_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.usage_name_label)

        self.usage_name_edit = QLineEdit(self.identity_group)
        self.usage_name_edit.setObjectName(u"usage_name_edit")
        self.usage_name_edit.setMaxLength(120)

        self.identity_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.usage_name_edit)

        self.usage_name_message_label = QLabel(self.identity_group)
        self.usage_name_message_label.setObjectName(u"usage_name_message_label")
        self.usage_name_message_label.setWordWrap(True)

        self.identity_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.usage_name_message_label)

        self.first_names_label = QLabel(self.identity_group)
        self.first_names_label.setObjectName(u"first_names_label")

        self.identity_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.first_names_label)

        self.first_names_edit = QLineEdit(self.identity_group)
        self.first_names_edit.setObjectName(u"first_names_edit")
        self.first_names_edit.setMaxLength(120)

        self.identity_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.first_names_edit)

        self.birth_name_label = QLabel(self.identity_group)
        self.birth_name_label.setObjectName(u"birth_name_label")

        self.identity_layout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.birth_name_label)

        self.birth_name_edit = QLineEdit(self.identity_group)
        self.birth_name_edit.setObjectName(u"birth_name_edit")
        self.birth_name_edit.setMaxLength(120)

        self.identity_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.birth_name_edit)

        self.birth_date_label = QLabel(self.identity_group)
        self.birth_date_label.setObjectName(u"birth_date_label")

        self.identity_layout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.birth_date_label)

        self.birth_date_edit = QLineEdit(self.identity_group)
        self.birth_date_edit.setObjectName(u"birth_date_edit")
        self.birth_date_edit.setMaxLength(10)

        self.identity_layout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.birth_date_edit)

        self.birth_date_message_label = QLabel(self.identity_group)
        self.birth_date_message_label.setObjectName(u"birth_date_message_label")
        self.birth_date_message_label.setWordWrap(True)

        self.identity_layout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.birth_date_message_label)

        self.sex_label = QLabel(self.identity_group)
        self.sex_label.setObjectName(u"sex_label")

        self.identity_layout.setWidget(6, QFormLayout.ItemRole.LabelRole, self.sex_label)

        self.sex_combo = QComboBox(self.identity_group)
        self.sex_combo.setObjectName(u"sex_combo")

        self.identity_layout.setWidget(6, QFormLayout.ItemRole.FieldRole, self.sex_combo)

        self.nir_label = QLabel(self.identity_group)
        self.nir_label.setObjectName(u"nir_label")

        self.identity_layout.setWidget(7, QFormLayout.ItemRole.LabelRole, self.nir_label)

        self.nir_edit = QLineEdit(self.identity_group)
        self.nir_edit.setObjectName(u"nir_edit")
        self.nir_edit.setMaxLength(21)

        self.identity_layout.setWidget(7, QFormLayout.ItemRole.FieldRole, self.nir_edit)

        self.nir_message_label = QLabel(self.identity_group)
        self.nir_message_label.setObjectName(u"nir_message_label")
        self.nir_message_label.setWordWrap(True)

        self.identity_layout.setWidget(8, QFormLayout.ItemRole.FieldRole, self.nir_message_label)

        self.family_label = QLabel(self.identity_group)
        self.family_label.setObjectName(u"family_label")

        self.identity_layout.setWidget(9, QFormLayout.ItemRole.LabelRole, self.family_label)

        self.family_combo = QComboBox(self.identity_group)
        self.family_combo.setObjectName(u"family_combo")

        self.identity_layout.setWidget(9, QFormLayout.ItemRole.FieldRole, self.family_combo)

        self.family_text_edit = QLineEdit(self.identity_group)
        self.family_text_edit.setObjectName(u"family_text_edit")
        self.family_text_edit.setMaxLength(200)

        self.identity_layout.setWidget(10, QFormLayout.ItemRole.FieldRole, self.family_text_edit)


        self.columns_layout.addWidget(self.identity_group)

        self.right_layout = QVBoxLayout()
        self.right_layout.setSpacing(10)
        self.right_layout.setObjectName(u"right_layout")
        self.contact_group = QGroupBox(PersonFormWidget)
        self.contact_group.setObjectName(u"contact_group")
        self.contact_layout = QFormLayout(self.contact_group)
        self.contact_layout.setObjectName(u"contact_layout")
        self.contact_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.contact_layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.contact_layout.setVerticalSpacing(6)
        self.address_label = QLabel(self.contact_group)
        self.address_label.setObjectName(u"address_label")

        self.contact_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.address_label)

        self.address_edit = QLineEdit(self.contact_group)
        self.address_edit.setObjectName(u"address_edit")
        self.address_edit.setMaxLength(250)

        self.contact_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.address_edit)

        self.postal_code_label = QLabel(self.contact_group)
        self.postal_code_label.setObjectName(u"postal_code_label")

        self.contact_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.postal_code_label)

        self.city_layout = QHBoxLayout()
        self.city_layout.setObjectName(u"city_layout")
        self.postal_code_edit = QLineEdit(self.contact_group)
        self.postal_code_edit.setObjectName(u"postal_code_edit")
        self.postal_code_edit.setMaximumSize(QSize(80, 16777215))
        self.postal_code_edit.setMaxLength(10)

        self.city_layout.addWidget(self.postal_code_edit)

        self.city_edit = QLineEdit(self.contact_group)
        self.city_edit.setObjectName(u"city_edit")
        self.city_edit.setMaxLength(120)

        self.city_layout.addWidget(self.city_edit)


        self.contact_layout.setLayout(1, QFormLayout.ItemRole.FieldRole, self.city_layout)

        self.phone_label = QLabel(self.contact_group)
        self.phone_label.setObjectName(u"phone_label")

        self.contact_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.phone_label)

        self.phone_edit = QLineEdit(self.contact_group)
        self.phone_edit.setObjectName(u"phone_edit")
        self.phone_edit.setMaxLength(40)

        self.contact_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.phone_edit)

        self.email_label = QLabel(self.contact_group)
        self.email_label.setObjectName(u"email_label")

        self.contact_layout.setWidget(3, QFormLayout.ItemRole.LabelRole, self.email_label)

        self.email_edit = QLineEdit(self.contact_group)
        self.email_edit.setObjectName(u"email_edit")
        self.email_edit.setMaxLength(200)

        self.contact_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.email_edit)


        self.right_layout.addWidget(self.contact_group)

        self.household_group = QGroupBox(PersonFormWidget)
        self.household_group.setObjectName(u"household_group")
        self.household_layout = QVBoxLayout(self.household_group)
        self.household_layout.setObjectName(u"household_layout")
        self.household_table = QTableWidget(self.household_group)
        if (self.household_table.columnCount() < 3):
            self.household_table.setColumnCount(3)
        __qtablewidgetitem = QTableWidgetItem()
        self.household_table.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.household_table.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.household_table.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        self.household_table.setObjectName(u"household_table")
        self.household_table.setAlternatingRowColors(True)
        self.household_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.household_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.household_table.setShowGrid(False)
        self.household_table.setTabKeyNavigation(False)
        self.household_table.horizontalHeader().setHighlightSections(False)
        self.household_table.horizontalHeader().setStretchLastSection(True)
        self.household_table.verticalHeader().setVisible(False)

        self.household_layout.addWidget(self.household_table)

        self.household_buttons_layout = QHBoxLayout()
        self.household_buttons_layout.setObjectName(u"household_buttons_layout")
        self.add_member_button = QPushButton(self.household_group)
        self.add_member_button.setObjectName(u"add_member_button")
        self.add_member_button.setAutoDefault(False)

        self.household_buttons_layout.addWidget(self.add_member_button)

        self.remove_member_button = QPushButton(self.household_group)
        self.remove_member_button.setObjectName(u"remove_member_button")
        self.remove_member_button.setAutoDefault(False)

        self.household_buttons_layout.addWidget(self.remove_member_button)

        self.household_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.household_buttons_layout.addItem(self.household_spacer)


        self.household_layout.addLayout(self.household_buttons_layout)


        self.right_layout.addWidget(self.household_group)


        self.columns_layout.addLayout(self.right_layout)


        self.main_layout.addLayout(self.columns_layout)

        self.warnings_label = QLabel(PersonFormWidget)
        self.warnings_label.setObjectName(u"warnings_label")
        self.warnings_label.setWordWrap(True)
        self.warnings_label.setTextFormat(Qt.TextFormat.PlainText)

        self.main_layout.addWidget(self.warnings_label)

#if QT_CONFIG(shortcut)
        self.usage_name_label.setBuddy(self.usage_name_edit)
        self.first_names_label.setBuddy(self.first_names_edit)
        self.birth_name_label.setBuddy(self.birth_name_edit)
        self.birth_date_label.setBuddy(self.birth_date_edit)
        self.sex_label.setBuddy(self.sex_combo)
        self.nir_label.setBuddy(self.nir_edit)
        self.family_label.setBuddy(self.family_combo)
        self.address_label.setBuddy(self.address_edit)
        self.postal_code_label.setBuddy(self.postal_code_edit)
        self.phone_label.setBuddy(self.phone_edit)
        self.email_label.setBuddy(self.email_edit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.usage_name_edit, self.first_names_edit)
        QWidget.setTabOrder(self.first_names_edit, self.birth_name_edit)
        QWidget.setTabOrder(self.birth_name_edit, self.birth_date_edit)
        QWidget.setTabOrder(self.birth_date_edit, self.sex_combo)
        QWidget.setTabOrder(self.sex_combo, self.nir_edit)
        QWidget.setTabOrder(self.nir_edit, self.family_combo)
        QWidget.setTabOrder(self.family_combo, self.family_text_edit)
        QWidget.setTabOrder(self.family_text_edit, self.address_edit)
        QWidget.setTabOrder(self.address_edit, self.postal_code_edit)
        QWidget.setTabOrder(self.postal_code_edit, self.city_edit)
        QWidget.setTabOrder(self.city_edit, self.phone_edit)
        QWidget.setTabOrder(self.phone_edit, self.email_edit)
        QWidget.setTabOrder(self.email_edit, self.household_table)
        QWidget.setTabOrder(self.household_table, self.add_member_button)
        QWidget.setTabOrder(self.add_member_button, self.remove_member_button)

        self.retranslateUi(PersonFormWidget)

        QMetaObject.connectSlotsByName(PersonFormWidget)
    # setupUi

    def retranslateUi(self, PersonFormWidget):
        self.identity_group.setTitle(QCoreApplication.translate("PersonFormWidget", u"Identit\u00e9", None))
        self.usage_name_label.setText(QCoreApplication.translate("PersonFormWidget", u"Nom d'&usage * :", None))
        self.usage_name_edit.setPlaceholderText(QCoreApplication.translate("PersonFormWidget", u"seul champ obligatoire", None))
        self.first_names_label.setText(QCoreApplication.translate("PersonFormWidget", u"&Pr\u00e9nom(s) :", None))
        self.birth_name_label.setText(QCoreApplication.translate("PersonFormWidget", u"Nom de &naissance :", None))
        self.birth_name_edit.setPlaceholderText(QCoreApplication.translate("PersonFormWidget", u"si diff\u00e9rent du nom d'usage", None))
        self.birth_date_label.setText(QCoreApplication.translate("PersonFormWidget", u"&Date de naissance :", None))
        self.birth_date_edit.setPlaceholderText(QCoreApplication.translate("PersonFormWidget", u"JJ/MM/AAAA", None))
        self.sex_label.setText(QCoreApplication.translate("PersonFormWidget", u"&Sexe :", None))
        self.nir_label.setText(QCoreApplication.translate("PersonFormWidget", u"N\u00b0 de s\u00e9curit\u00e9 sociale (NI&R) :", None))
        self.nir_edit.setPlaceholderText(QCoreApplication.translate("PersonFormWidget", u"15 caract\u00e8res, espaces permis", None))
        self.family_label.setText(QCoreApplication.translate("PersonFormWidget", u"Situation &familiale :", None))
        self.family_text_edit.setPlaceholderText(QCoreApplication.translate("PersonFormWidget", u"Pr\u00e9cisez la situation", None))
        self.contact_group.setTitle(QCoreApplication.translate("PersonFormWidget", u"Coordonn\u00e9es", None))
        self.address_label.setText(QCoreApplication.translate("PersonFormWidget", u"&Adresse :", None))
        self.address_edit.setPlaceholderText(QCoreApplication.translate("PersonFormWidget", u"n\u00b0, voie, compl\u00e9ment", None))
        self.postal_code_label.setText(QCoreApplication.translate("PersonFormWidget", u"Code p&ostal, commune :", None))
        self.city_edit.setPlaceholderText(QCoreApplication.translate("PersonFormWidget", u"commune", None))
        self.phone_label.setText(QCoreApplication.translate("PersonFormWidget", u"&T\u00e9l\u00e9phone :", None))
        self.email_label.setText(QCoreApplication.translate("PersonFormWidget", u"Courri&el :", None))
        self.email_edit.setPlaceholderText(QCoreApplication.translate("PersonFormWidget", u"nom@domaine.fr", None))
        self.household_group.setTitle(QCoreApplication.translate("PersonFormWidget", u"Foyer (personnes vivant avec elle)", None))
        ___qtablewidgetitem = self.household_table.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("PersonFormWidget", u"Nom et pr\u00e9nom", None))
        ___qtablewidgetitem1 = self.household_table.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("PersonFormWidget", u"Lien", None))
        ___qtablewidgetitem2 = self.household_table.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("PersonFormWidget", u"N\u00e9(e) le", None))
        self.add_member_button.setText(QCoreApplication.translate("PersonFormWidget", u"A&jouter une personne", None))
        self.remove_member_button.setText(QCoreApplication.translate("PersonFormWidget", u"Retirer la &ligne", None))
        pass
    # retranslateUi
