# Generated from ui/dossier_window.ui by ui/build_forms.py: do not edit by hand.
# -*- coding: utf-8 -*-


from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QFormLayout, QFrame, QHBoxLayout,
    QHeaderView, QLabel, QPushButton, QSizePolicy,
    QSpacerItem, QStackedWidget, QTabWidget, QTableView,
    QVBoxLayout, QWidget)

from anaiss_desktop.gui.dossiers.echeances import EcheancesWidget
from anaiss_desktop.gui.dossiers.timeline import TimelineWidget

class Ui_DossierWindow(object):
    def setupUi(self, DossierWindow):
        if not DossierWindow.objectName():
            DossierWindow.setObjectName(u"DossierWindow")
        DossierWindow.resize(1000, 680)
        self.main_layout = QVBoxLayout(DossierWindow)
        self.main_layout.setObjectName(u"main_layout")
        self.main_layout.setContentsMargins(16, 12, 16, 12)
        self.pages = QStackedWidget(DossierWindow)
        self.pages.setObjectName(u"pages")
        self.content_page = QWidget()
        self.content_page.setObjectName(u"content_page")
        self.content_layout = QVBoxLayout(self.content_page)
        self.content_layout.setSpacing(10)
        self.content_layout.setObjectName(u"content_layout")
        self.content_layout.setContentsMargins(0, 0, 0, 0)
        self.header_frame = QFrame(self.content_page)
        self.header_frame.setObjectName(u"header_frame")
        self.header_layout = QVBoxLayout(self.header_frame)
        self.header_layout.setSpacing(6)
        self.header_layout.setObjectName(u"header_layout")
        self.header_layout.setContentsMargins(14, 10, 14, 10)
        self.title_layout = QHBoxLayout()
        self.title_layout.setSpacing(12)
        self.title_layout.setObjectName(u"title_layout")
        self.name_label = QLabel(self.header_frame)
        self.name_label.setObjectName(u"name_label")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.title_layout.addWidget(self.name_label)

        self.age_label = QLabel(self.header_frame)
        self.age_label.setObjectName(u"age_label")

        self.title_layout.addWidget(self.age_label)

        self.title_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.title_layout.addItem(self.title_spacer)

        self.new_intervention_button = QPushButton(self.header_frame)
        self.new_intervention_button.setObjectName(u"new_intervention_button")

        self.title_layout.addWidget(self.new_intervention_button)


        self.header_layout.addLayout(self.title_layout)

        self.facts_label = QLabel(self.header_frame)
        self.facts_label.setObjectName(u"facts_label")
        self.facts_label.setWordWrap(True)
        self.facts_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.header_layout.addWidget(self.facts_label)

        self.badges_layout = QHBoxLayout()
        self.badges_layout.setSpacing(8)
        self.badges_layout.setObjectName(u"badges_layout")
        self.status_badge = QLabel(self.header_frame)
        self.status_badge.setObjectName(u"status_badge")

        self.badges_layout.addWidget(self.status_badge)

        self.consent_badge = QLabel(self.header_frame)
        self.consent_badge.setObjectName(u"consent_badge")

        self.badges_layout.addWidget(self.consent_badge)

        self.notice_badge = QLabel(self.header_frame)
        self.notice_badge.setObjectName(u"notice_badge")

        self.badges_layout.addWidget(self.notice_badge)

        self.badges_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.badges_layout.addItem(self.badges_spacer)


        self.header_layout.addLayout(self.badges_layout)


        self.content_layout.addWidget(self.header_frame)

        self.tabs = QTabWidget(self.content_page)
        self.tabs.setObjectName(u"tabs")
        self.timeline_tab = QWidget()
        self.timeline_tab.setObjectName(u"timeline_tab")
        self.timeline_layout = QVBoxLayout(self.timeline_tab)
        self.timeline_layout.setObjectName(u"timeline_layout")
        self.timeline_widget = TimelineWidget(self.timeline_tab)
        self.timeline_widget.setObjectName(u"timeline_widget")

        self.timeline_layout.addWidget(self.timeline_widget)

        self.tabs.addTab(self.timeline_tab, "")
        self.interventions_tab = QWidget()
        self.interventions_tab.setObjectName(u"interventions_tab")
        self.interventions_layout = QVBoxLayout(self.interventions_tab)
        self.interventions_layout.setObjectName(u"interventions_layout")
        self.interventions_table = QTableView(self.interventions_tab)
        self.interventions_table.setObjectName(u"interventions_table")

        self.interventions_layout.addWidget(self.interventions_table)

        self.no_intervention_label = QLabel(self.interventions_tab)
        self.no_intervention_label.setObjectName(u"no_intervention_label")

        self.interventions_layout.addWidget(self.no_intervention_label)

        self.interventions_buttons_layout = QHBoxLayout()
        self.interventions_buttons_layout.setObjectName(u"interventions_buttons_layout")
        self.add_intervention_button = QPushButton(self.interventions_tab)
        self.add_intervention_button.setObjectName(u"add_intervention_button")

        self.interventions_buttons_layout.addWidget(self.add_intervention_button)

        self.edit_intervention_button = QPushButton(self.interventions_tab)
        self.edit_intervention_button.setObjectName(u"edit_intervention_button")

        self.interventions_buttons_layout.addWidget(self.edit_intervention_button)

        self.delete_intervention_button = QPushButton(self.interventions_tab)
        self.delete_intervention_button.setObjectName(u"delete_intervention_button")

        self.interventions_buttons_layout.addWidget(self.delete_intervention_button)

        self.interventions_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.interventions_buttons_layout.addItem(self.interventions_spacer)


        self.interventions_layout.addLayout(self.interventions_buttons_layout)

        self.tabs.addTab(self.interventions_tab, "")
        self.echeances_tab = QWidget()
        self.echeances_tab.setObjectName(u"echeances_tab")
        self.echeances_layout = QVBoxLayout(self.echeances_tab)
        self.echeances_layout.setObjectName(u"echeances_layout")
        self.echeances_widget = EcheancesWidget(self.echeances_tab)
        self.echeances_widget.setObjectName(u"echeances_widget")

        self.echeances_layout.addWidget(self.echeances_widget)

        self.tabs.addTab(self.echeances_tab, "")
        self.aids_tab = QWidget()
        self.aids_tab.setObjectName(u"aids_tab")
        self.aids_layout = QVBoxLayout(self.aids_tab)
        self.aids_layout.setObjectName(u"aids_layout")
        self.aids_table = QTableView(self.aids_tab)
        self.aids_table.setObjectName(u"aids_table")

        self.aids_layout.addWidget(self.aids_table)

        self.aids_hint_label = QLabel(self.aids_tab)
        self.aids_hint_label.setObjectName(u"aids_hint_label")
        self.aids_hint_label.setWordWrap(True)

        self.aids_layout.addWidget(self.aids_hint_label)

        self.tabs.addTab(self.aids_tab, "")
        self.person_tab = QWidget()
        self.person_tab.setObjectName(u"person_tab")
        self.person_layout = QVBoxLayout(self.person_tab)
        self.person_layout.setObjectName(u"person_layout")
        self.person_form_layout = QFormLayout()
        self.person_form_layout.setObjectName(u"person_form_layout")
        self.person_form_layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTop)
        self.person_form_layout.setHorizontalSpacing(14)
        self.person_form_layout.setVerticalSpacing(6)

        self.person_layout.addLayout(self.person_form_layout)

        self.other_dossiers_label = QLabel(self.person_tab)
        self.other_dossiers_label.setObjectName(u"other_dossiers_label")
        self.other_dossiers_label.setWordWrap(True)
        self.other_dossiers_label.setTextFormat(Qt.TextFormat.RichText)
        self.other_dossiers_label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByKeyboard|Qt.TextInteractionFlag.LinksAccessibleByMouse)

        self.person_layout.addWidget(self.other_dossiers_label)

        self.person_buttons_layout = QHBoxLayout()
        self.person_buttons_layout.setObjectName(u"person_buttons_layout")
        self.person_buttons_layout.setContentsMargins(-1, 10, -1, -1)
        self.edit_person_button = QPushButton(self.person_tab)
        self.edit_person_button.setObjectName(u"edit_person_button")

        self.person_buttons_layout.addWidget(self.edit_person_button)

        self.person_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.person_buttons_layout.addItem(self.person_spacer)


        self.person_layout.addLayout(self.person_buttons_layout)

        self.person_bottom_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.person_layout.addItem(self.person_bottom_spacer)

        self.tabs.addTab(self.person_tab, "")
        self.dossier_tab = QWidget()
        self.dossier_tab.setObjectName(u"dossier_tab")
        self.dossier_layout = QVBoxLayout(self.dossier_tab)
        self.dossier_layout.setObjectName(u"dossier_layout")
        self.dossier_form_layout = QFormLayout()
        self.dossier_form_layout.setObjectName(u"dossier_form_layout")
        self.dossier_form_layout.setLabelAlignment(Qt.AlignmentFlag.AlignRight|Qt.AlignmentFlag.AlignTop)
        self.dossier_form_layout.setHorizontalSpacing(14)
        self.dossier_form_layout.setVerticalSpacing(6)

        self.dossier_layout.addLayout(self.dossier_form_layout)

        self.dossier_buttons_layout = QHBoxLayout()
        self.dossier_buttons_layout.setObjectName(u"dossier_buttons_layout")
        self.dossier_buttons_layout.setContentsMargins(-1, 10, -1, -1)
        self.edit_dossier_button = QPushButton(self.dossier_tab)
        self.edit_dossier_button.setObjectName(u"edit_dossier_button")

        self.dossier_buttons_layout.addWidget(self.edit_dossier_button)

        self.status_button = QPushButton(self.dossier_tab)
        self.status_button.setObjectName(u"status_button")

        self.dossier_buttons_layout.addWidget(self.status_button)

        self.dossier_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.dossier_buttons_layout.addItem(self.dossier_spacer)


        self.dossier_layout.addLayout(self.dossier_buttons_layout)

        self.dossier_bottom_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.dossier_layout.addItem(self.dossier_bottom_spacer)

        self.tabs.addTab(self.dossier_tab, "")

        self.content_layout.addWidget(self.tabs)

        self.pages.addWidget(self.content_page)
        self.message_page = QWidget()
        self.message_page.setObjectName(u"message_page")
        self.message_layout = QVBoxLayout(self.message_page)
        self.message_layout.setObjectName(u"message_layout")
        self.message_label = QLabel(self.message_page)
        self.message_label.setObjectName(u"message_label")
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setWordWrap(True)

        self.message_layout.addWidget(self.message_label)

        self.pages.addWidget(self.message_page)

        self.main_layout.addWidget(self.pages)


        self.retranslateUi(DossierWindow)

        self.tabs.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(DossierWindow)
    # setupUi

    def retranslateUi(self, DossierWindow):
        DossierWindow.setWindowTitle(QCoreApplication.translate("DossierWindow", u"Dossier", None))
        self.new_intervention_button.setText(QCoreApplication.translate("DossierWindow", u"Nouvelle &intervention (Ctrl+E)", None))
#if QT_CONFIG(tooltip)
        self.new_intervention_button.setToolTip(QCoreApplication.translate("DossierWindow", u"Saisir un entretien, un appel, une visite\u2026 (Ctrl+E)", None))
#endif // QT_CONFIG(tooltip)
        self.tabs.setTabText(self.tabs.indexOf(self.timeline_tab), QCoreApplication.translate("DossierWindow", u"&Chronologie", None))
        self.no_intervention_label.setText(QCoreApplication.translate("DossierWindow", u"Aucune intervention pour l'instant : Ctrl+E pour saisir la premi\u00e8re.", None))
        self.add_intervention_button.setText(QCoreApplication.translate("DossierWindow", u"&Nouvelle\u2026", None))
        self.edit_intervention_button.setText(QCoreApplication.translate("DossierWindow", u"&Modifier\u2026", None))
        self.delete_intervention_button.setText(QCoreApplication.translate("DossierWindow", u"Supprimer\u2026", None))
        self.tabs.setTabText(self.tabs.indexOf(self.interventions_tab), QCoreApplication.translate("DossierWindow", u"Intervention&s", None))
        self.tabs.setTabText(self.tabs.indexOf(self.echeances_tab), QCoreApplication.translate("DossierWindow", u"&Rendez-vous et \u00e9ch\u00e9ances", None))
        self.aids_hint_label.setText(QCoreApplication.translate("DossierWindow", u"Les aides se saisissent avec l'intervention qui les a demand\u00e9es ; Entr\u00e9e ou double-clic ouvre cette intervention.", None))
        self.tabs.setTabText(self.tabs.indexOf(self.aids_tab), QCoreApplication.translate("DossierWindow", u"&Aides", None))
        self.edit_person_button.setText(QCoreApplication.translate("DossierWindow", u"Modifier\u2026", None))
        self.tabs.setTabText(self.tabs.indexOf(self.person_tab), QCoreApplication.translate("DossierWindow", u"&Personne", None))
        self.edit_dossier_button.setText(QCoreApplication.translate("DossierWindow", u"Modifier\u2026", None))
        self.status_button.setText(QCoreApplication.translate("DossierWindow", u"Changer le statut\u2026", None))
        self.tabs.setTabText(self.tabs.indexOf(self.dossier_tab), QCoreApplication.translate("DossierWindow", u"&Dossier", None))
    # retranslateUi
