# Generated from ui/dossiers_new_person.ui by ui/build_forms.py: do not edit by hand.
# -*- coding: utf-8 -*-


from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QCheckBox, QComboBox, QDialog,
    QFormLayout, QGroupBox, QHBoxLayout, QHeaderView,
    QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPushButton, QSizePolicy, QSpacerItem, QStackedWidget,
    QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget)

class Ui_NewPersonDialog(object):
    def setupUi(self, NewPersonDialog):
        if not NewPersonDialog.objectName():
            NewPersonDialog.setObjectName(u"NewPersonDialog")
        NewPersonDialog.resize(900, 600)
        self.main_layout = QVBoxLayout(NewPersonDialog)
        self.main_layout.setSpacing(10)
        self.main_layout.setObjectName(u"main_layout")
        self.main_layout.setContentsMargins(18, 14, 18, 14)
        self.title_label = QLabel(NewPersonDialog)
        self.title_label.setObjectName(u"title_label")

        self.main_layout.addWidget(self.title_label)

        self.intro_label = QLabel(NewPersonDialog)
        self.intro_label.setObjectName(u"intro_label")
        self.intro_label.setWordWrap(True)

        self.main_layout.addWidget(self.intro_label)

        self.pages = QStackedWidget(NewPersonDialog)
        self.pages.setObjectName(u"pages")
        self.person_page = QWidget()
        self.person_page.setObjectName(u"person_page")
        self.person_layout = QVBoxLayout(self.person_page)
        self.person_layout.setObjectName(u"person_layout")
        self.person_layout.setContentsMargins(0, 0, 0, 0)
        self.pages.addWidget(self.person_page)
        self.duplicates_page = QWidget()
        self.duplicates_page.setObjectName(u"duplicates_page")
        self.duplicates_layout = QVBoxLayout(self.duplicates_page)
        self.duplicates_layout.setObjectName(u"duplicates_layout")
        self.duplicates_layout.setContentsMargins(0, 0, 0, 0)
        self.duplicates_tree = QTreeWidget(self.duplicates_page)
        self.duplicates_tree.setObjectName(u"duplicates_tree")
        self.duplicates_tree.setRootIsDecorated(False)
        self.duplicates_tree.setAlternatingRowColors(True)
        self.duplicates_tree.setUniformRowHeights(True)
        self.duplicates_tree.header().setStretchLastSection(True)

        self.duplicates_layout.addWidget(self.duplicates_tree)

        self.reasons_label = QLabel(self.duplicates_page)
        self.reasons_label.setObjectName(u"reasons_label")
        self.reasons_label.setWordWrap(True)
        self.reasons_label.setTextFormat(Qt.TextFormat.PlainText)

        self.duplicates_layout.addWidget(self.reasons_label)

        self.duplicates_buttons_layout = QHBoxLayout()
        self.duplicates_buttons_layout.setObjectName(u"duplicates_buttons_layout")
        self.same_person_button = QPushButton(self.duplicates_page)
        self.same_person_button.setObjectName(u"same_person_button")
        self.same_person_button.setAutoDefault(False)

        self.duplicates_buttons_layout.addWidget(self.same_person_button)

        self.create_new_button = QPushButton(self.duplicates_page)
        self.create_new_button.setObjectName(u"create_new_button")
        self.create_new_button.setAutoDefault(False)

        self.duplicates_buttons_layout.addWidget(self.create_new_button)

        self.duplicates_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.duplicates_buttons_layout.addItem(self.duplicates_spacer)


        self.duplicates_layout.addLayout(self.duplicates_buttons_layout)

        self.pages.addWidget(self.duplicates_page)
        self.dossier_page = QWidget()
        self.dossier_page.setObjectName(u"dossier_page")
        self.dossier_layout = QHBoxLayout(self.dossier_page)
        self.dossier_layout.setSpacing(14)
        self.dossier_layout.setObjectName(u"dossier_layout")
        self.dossier_layout.setContentsMargins(0, 0, 0, 0)
        self.request_group = QGroupBox(self.dossier_page)
        self.request_group.setObjectName(u"request_group")
        self.request_layout = QFormLayout(self.request_group)
        self.request_layout.setObjectName(u"request_layout")
        self.request_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.request_layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.opened_on_label = QLabel(self.request_group)
        self.opened_on_label.setObjectName(u"opened_on_label")

        self.request_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.opened_on_label)

        self.opened_on_edit = QLineEdit(self.request_group)
        self.opened_on_edit.setObjectName(u"opened_on_edit")
        self.opened_on_edit.setMaxLength(10)

        self.request_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.opened_on_edit)

        self.opened_on_message_label = QLabel(self.request_group)
        self.opened_on_message_label.setObjectName(u"opened_on_message_label")
        self.opened_on_message_label.setWordWrap(True)

        self.request_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.opened_on_message_label)

        self.origin_label = QLabel(self.request_group)
        self.origin_label.setObjectName(u"origin_label")

        self.request_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.origin_label)

        self.origin_combo = QComboBox(self.request_group)
        self.origin_combo.setObjectName(u"origin_combo")

        self.request_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.origin_combo)

        self.origin_text_edit = QLineEdit(self.request_group)
        self.origin_text_edit.setObjectName(u"origin_text_edit")
        self.origin_text_edit.setMaxLength(200)

        self.request_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.origin_text_edit)

        self.motifs_label = QLabel(self.request_group)
        self.motifs_label.setObjectName(u"motifs_label")
        self.motifs_label.setAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTop)

        self.request_layout.setWidget(4, QFormLayout.ItemRole.LabelRole, self.motifs_label)

        self.motifs_list = QListWidget(self.request_group)
        self.motifs_list.setObjectName(u"motifs_list")
        self.motifs_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.motifs_list.setWordWrap(True)
        self.motifs_list.setSpacing(1)

        self.request_layout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.motifs_list)

        self.motif_text_edit = QLineEdit(self.request_group)
        self.motif_text_edit.setObjectName(u"motif_text_edit")
        self.motif_text_edit.setMaxLength(200)

        self.request_layout.setWidget(5, QFormLayout.ItemRole.FieldRole, self.motif_text_edit)


        self.dossier_layout.addWidget(self.request_group)

        self.consent_group = QGroupBox(self.dossier_page)
        self.consent_group.setObjectName(u"consent_group")
        self.consent_layout = QFormLayout(self.consent_group)
        self.consent_layout.setObjectName(u"consent_layout")
        self.consent_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.consent_layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignVCenter)
        self.consent_date_label = QLabel(self.consent_group)
        self.consent_date_label.setObjectName(u"consent_date_label")

        self.consent_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.consent_date_label)

        self.consent_date_edit = QLineEdit(self.consent_group)
        self.consent_date_edit.setObjectName(u"consent_date_edit")
        self.consent_date_edit.setMaxLength(10)

        self.consent_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.consent_date_edit)

        self.consent_date_message_label = QLabel(self.consent_group)
        self.consent_date_message_label.setObjectName(u"consent_date_message_label")
        self.consent_date_message_label.setWordWrap(True)

        self.consent_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.consent_date_message_label)

        self.consent_mode_label = QLabel(self.consent_group)
        self.consent_mode_label.setObjectName(u"consent_mode_label")

        self.consent_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.consent_mode_label)

        self.consent_mode_combo = QComboBox(self.consent_group)
        self.consent_mode_combo.setObjectName(u"consent_mode_combo")

        self.consent_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.consent_mode_combo)

        self.notice_check = QCheckBox(self.consent_group)
        self.notice_check.setObjectName(u"notice_check")

        self.consent_layout.setWidget(3, QFormLayout.ItemRole.FieldRole, self.notice_check)

        self.share_check = QCheckBox(self.consent_group)
        self.share_check.setObjectName(u"share_check")

        self.consent_layout.setWidget(4, QFormLayout.ItemRole.FieldRole, self.share_check)

        self.consent_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.consent_layout.setItem(5, QFormLayout.ItemRole.FieldRole, self.consent_spacer)


        self.dossier_layout.addWidget(self.consent_group)

        self.dossier_layout.setStretch(0, 3)
        self.dossier_layout.setStretch(1, 2)
        self.pages.addWidget(self.dossier_page)

        self.main_layout.addWidget(self.pages)

        self.message_label = QLabel(NewPersonDialog)
        self.message_label.setObjectName(u"message_label")
        self.message_label.setWordWrap(True)

        self.main_layout.addWidget(self.message_label)

        self.buttons_layout = QHBoxLayout()
        self.buttons_layout.setObjectName(u"buttons_layout")
        self.back_button = QPushButton(NewPersonDialog)
        self.back_button.setObjectName(u"back_button")
        self.back_button.setAutoDefault(False)

        self.buttons_layout.addWidget(self.back_button)

        self.buttons_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttons_layout.addItem(self.buttons_spacer)

        self.cancel_button = QPushButton(NewPersonDialog)
        self.cancel_button.setObjectName(u"cancel_button")
        self.cancel_button.setAutoDefault(False)

        self.buttons_layout.addWidget(self.cancel_button)

        self.continue_button = QPushButton(NewPersonDialog)
        self.continue_button.setObjectName(u"continue_button")

        self.buttons_layout.addWidget(self.continue_button)


        self.main_layout.addLayout(self.buttons_layout)

#if QT_CONFIG(shortcut)
        self.opened_on_label.setBuddy(self.opened_on_edit)
        self.origin_label.setBuddy(self.origin_combo)
        self.motifs_label.setBuddy(self.motifs_list)
        self.consent_date_label.setBuddy(self.consent_date_edit)
        self.consent_mode_label.setBuddy(self.consent_mode_combo)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.duplicates_tree, self.same_person_button)
        QWidget.setTabOrder(self.same_person_button, self.create_new_button)
        QWidget.setTabOrder(self.create_new_button, self.opened_on_edit)
        QWidget.setTabOrder(self.opened_on_edit, self.origin_combo)
        QWidget.setTabOrder(self.origin_combo, self.origin_text_edit)
        QWidget.setTabOrder(self.origin_text_edit, self.motifs_list)
        QWidget.setTabOrder(self.motifs_list, self.motif_text_edit)
        QWidget.setTabOrder(self.motif_text_edit, self.consent_date_edit)
        QWidget.setTabOrder(self.consent_date_edit, self.consent_mode_combo)
        QWidget.setTabOrder(self.consent_mode_combo, self.notice_check)
        QWidget.setTabOrder(self.notice_check, self.share_check)
        QWidget.setTabOrder(self.share_check, self.back_button)
        QWidget.setTabOrder(self.back_button, self.cancel_button)
        QWidget.setTabOrder(self.cancel_button, self.continue_button)

        self.retranslateUi(NewPersonDialog)

        self.continue_button.setDefault(True)


        QMetaObject.connectSlotsByName(NewPersonDialog)
    # setupUi

    def retranslateUi(self, NewPersonDialog):
        NewPersonDialog.setWindowTitle(QCoreApplication.translate("NewPersonDialog", u"Nouvelle personne", None))
        self.title_label.setText(QCoreApplication.translate("NewPersonDialog", u"Nouvelle personne", None))
        ___qtreewidgetitem = self.duplicates_tree.headerItem()
        ___qtreewidgetitem.setText(3, QCoreApplication.translate("NewPersonDialog", u"Ressemblance", None))
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("NewPersonDialog", u"Suivie par", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("NewPersonDialog", u"N\u00e9e / n\u00e9 le", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("NewPersonDialog", u"Personne", None))
        self.same_person_button.setText(QCoreApplication.translate("NewPersonDialog", u"C'est &cette personne", None))
        self.create_new_button.setText(QCoreApplication.translate("NewPersonDialog", u"Cr\u00e9er une &nouvelle personne", None))
        self.request_group.setTitle(QCoreApplication.translate("NewPersonDialog", u"La demande", None))
        self.opened_on_label.setText(QCoreApplication.translate("NewPersonDialog", u"Ou&vert le :", None))
        self.opened_on_edit.setPlaceholderText(QCoreApplication.translate("NewPersonDialog", u"JJ/MM/AAAA", None))
        self.origin_label.setText(QCoreApplication.translate("NewPersonDialog", u"&Origine de la demande :", None))
        self.origin_text_edit.setPlaceholderText(QCoreApplication.translate("NewPersonDialog", u"Pr\u00e9cisez l'origine", None))
        self.motifs_label.setText(QCoreApplication.translate("NewPersonDialog", u"&Motifs :", None))
#if QT_CONFIG(tooltip)
        self.motifs_list.setToolTip(QCoreApplication.translate("NewPersonDialog", u"Espace coche ou d\u00e9coche le motif choisi", None))
#endif // QT_CONFIG(tooltip)
        self.motif_text_edit.setPlaceholderText(QCoreApplication.translate("NewPersonDialog", u"Pr\u00e9cisez le motif \u00ab Autre \u00bb", None))
        self.consent_group.setTitle(QCoreApplication.translate("NewPersonDialog", u"Information de la personne", None))
        self.consent_date_label.setText(QCoreApplication.translate("NewPersonDialog", u"&Inform\u00e9e le :", None))
        self.consent_date_edit.setPlaceholderText(QCoreApplication.translate("NewPersonDialog", u"JJ/MM/AAAA", None))
        self.consent_mode_label.setText(QCoreApplication.translate("NewPersonDialog", u"Mo&de :", None))
        self.notice_check.setText(QCoreApplication.translate("NewPersonDialog", u"Notice d'information &remise", None))
        self.share_check.setText(QCoreApplication.translate("NewPersonDialog", u"Accepte le &partage d'informations avec les partenaires", None))
        self.back_button.setText(QCoreApplication.translate("NewPersonDialog", u"\u2190 Retour", None))
        self.cancel_button.setText(QCoreApplication.translate("NewPersonDialog", u"Fermer", None))
        self.continue_button.setText(QCoreApplication.translate("NewPersonDialog", u"&Continuer", None))
    # retranslateUi
