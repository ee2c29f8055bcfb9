# Generated from ui/admin_policy.ui by ui/build_forms.py: do not edit by hand.
# -*- coding: utf-8 -*-


from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QApplication, QFormLayout, QFrame, QGroupBox,
    QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
    QPushButton, QScrollArea, QSizePolicy, QSpacerItem,
    QSpinBox, QStackedWidget, QVBoxLayout, QWidget)

class Ui_PolicySettingsWidget(object):
    def setupUi(self, PolicySettingsWidget):
        if not PolicySettingsWidget.objectName():
            PolicySettingsWidget.setObjectName(u"PolicySettingsWidget")
        PolicySettingsWidget.resize(860, 480)
        self.main_layout = QVBoxLayout(PolicySettingsWidget)
        self.main_layout.setObjectName(u"main_layout")
        self.main_layout.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget(PolicySettingsWidget)
        self.pages.setObjectName(u"pages")
        self.settings_page = QWidget()
        self.settings_page.setObjectName(u"settings_page")
        self.settings_layout = QVBoxLayout(self.settings_page)
        self.settings_layout.setObjectName(u"settings_layout")
        self.settings_scroll = QScrollArea(self.settings_page)
        self.settings_scroll.setObjectName(u"settings_scroll")
        self.settings_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.settings_scroll.setWidgetResizable(True)
        self.settings_content = QWidget()
        self.settings_content.setObjectName(u"settings_content")
        self.content_layout = QVBoxLayout(self.settings_content)
        self.content_layout.setObjectName(u"content_layout")
        self.content_layout.setContentsMargins(0, 0, 0, 0)
        self.service_group = QGroupBox(self.settings_content)
        self.service_group.setObjectName(u"service_group")
        self.service_layout = QFormLayout(self.service_group)
        self.service_layout.setObjectName(u"service_layout")
        self.service_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.service_name_label = QLabel(self.service_group)
        self.service_name_label.setObjectName(u"service_name_label")

        self.service_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.service_name_label)

        self.service_name_edit = QLineEdit(self.service_group)
        self.service_name_edit.setObjectName(u"service_name_edit")

        self.service_layout.setWidget(0, QFormLayout.ItemRole.FieldRole, self.service_name_edit)

        self.service_address_label = QLabel(self.service_group)
        self.service_address_label.setObjectName(u"service_address_label")

        self.service_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.service_address_label)

        self.service_address_edit = QPlainTextEdit(self.service_group)
        self.service_address_edit.setObjectName(u"service_address_edit")
        self.service_address_edit.setTabChangesFocus(True)
        self.service_address_edit.setMaximumSize(QSize(16777215, 72))

        self.service_layout.setWidget(1, QFormLayout.ItemRole.FieldRole, self.service_address_edit)

        self.service_phone_label = QLabel(self.service_group)
        self.service_phone_label.setObjectName(u"service_phone_label")

        self.service_layout.setWidget(2, QFormLayout.ItemRole.LabelRole, self.service_phone_label)

        self.service_phone_edit = QLineEdit(self.service_group)
        self.service_phone_edit.setObjectName(u"service_phone_edit")

        self.service_layout.setWidget(2, QFormLayout.ItemRole.FieldRole, self.service_phone_edit)


        self.content_layout.addWidget(self.service_group)

        self.security_group = QGroupBox(self.settings_content)
        self.security_group.setObjectName(u"security_group")
        self.security_layout = QFormLayout(self.security_group)
        self.security_layout.setObjectName(u"security_layout")
        self.security_layout.setVerticalSpacing(12)
        self.security_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.password_age_label = QLabel(self.security_group)
        self.password_age_label.setObjectName(u"password_age_label")

        self.security_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.password_age_label)

        self.password_age_layout = QVBoxLayout()
        self.password_age_layout.setSpacing(4)
        self.password_age_layout.setObjectName(u"password_age_layout")
        self.password_age_spin = QSpinBox(self.security_group)
        self.password_age_spin.setObjectName(u"password_age_spin")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.password_age_spin.sizePolicy().hasHeightForWidth())
        self.password_age_spin.setSizePolicy(sizePolicy)
        self.password_age_spin.setMinimumSize(QSize(120, 0))
        self.password_age_spin.setMinimum(30)
        self.password_age_spin.setMaximum(730)
        self.password_age_spin.setSingleStep(30)
        self.password_age_spin.setValue(365)

        self.password_age_layout.addWidget(self.password_age_spin)

        self.password_age_help_label = QLabel(self.security_group)
        self.password_age_help_label.setObjectName(u"password_age_help_label")
        self.password_age_help_label.setWordWrap(True)

        self.password_age_layout.addWidget(self.password_age_help_label)


        self.security_layout.setLayout(0, QFormLayout.ItemRole.FieldRole, self.password_age_layout)

        self.idle_lock_label = QLabel(self.security_group)
        self.idle_lock_label.setObjectName(u"idle_lock_label")

        self.security_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.idle_lock_label)

        self.idle_lock_layout = QVBoxLayout()
        self.idle_lock_layout.setSpacing(4)
        self.idle_lock_layout.setObjectName(u"idle_lock_layout")
        self.idle_lock_spin = QSpinBox(self.security_group)
        self.idle_lock_spin.setObjectName(u"idle_lock_spin")
        sizePolicy.setHeightForWidth(self.idle_lock_spin.sizePolicy().hasHeightForWidth())
        self.idle_lock_spin.setSizePolicy(sizePolicy)
        self.idle_lock_spin.setMinimumSize(QSize(120, 0))
        self.idle_lock_spin.setMinimum(1)
        self.idle_lock_spin.setMaximum(120)
        self.idle_lock_spin.setValue(10)

        self.idle_lock_layout.addWidget(self.idle_lock_spin)

        self.idle_lock_help_label = QLabel(self.security_group)
        self.idle_lock_help_label.setObjectName(u"idle_lock_help_label")
        self.idle_lock_help_label.setWordWrap(True)

        self.idle_lock_layout.addWidget(self.idle_lock_help_label)


        self.security_layout.setLayout(1, QFormLayout.ItemRole.FieldRole, self.idle_lock_layout)


        self.content_layout.addWidget(self.security_group)

        self.stats_group = QGroupBox(self.settings_content)
        self.stats_group.setObjectName(u"stats_group")
        self.stats_layout = QFormLayout(self.stats_group)
        self.stats_layout.setObjectName(u"stats_layout")
        self.stats_layout.setVerticalSpacing(12)
        self.stats_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.station_code_label = QLabel(self.stats_group)
        self.station_code_label.setObjectName(u"station_code_label")

        self.stats_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.station_code_label)

        self.station_code_layout = QVBoxLayout()
        self.station_code_layout.setSpacing(4)
        self.station_code_layout.setObjectName(u"station_code_layout")
        self.station_code_edit = QLineEdit(self.stats_group)
        self.station_code_edit.setObjectName(u"station_code_edit")
        self.station_code_edit.setMaxLength(20)

        self.station_code_layout.addWidget(self.station_code_edit)

        self.station_code_help_label = QLabel(self.stats_group)
        self.station_code_help_label.setObjectName(u"station_code_help_label")
        self.station_code_help_label.setWordWrap(True)

        self.station_code_layout.addWidget(self.station_code_help_label)


        self.stats_layout.setLayout(0, QFormLayout.ItemRole.FieldRole, self.station_code_layout)

        self.threshold_label = QLabel(self.stats_group)
        self.threshold_label.setObjectName(u"threshold_label")

        self.stats_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.threshold_label)

        self.threshold_layout = QVBoxLayout()
        self.threshold_layout.setSpacing(4)
        self.threshold_layout.setObjectName(u"threshold_layout")
        self.threshold_spin = QSpinBox(self.stats_group)
        self.threshold_spin.setObjectName(u"threshold_spin")
        sizePolicy.setHeightForWidth(self.threshold_spin.sizePolicy().hasHeightForWidth())
        self.threshold_spin.setSizePolicy(sizePolicy)
        self.threshold_spin.setMinimumSize(QSize(120, 0))
        self.threshold_spin.setMinimum(3)
        self.threshold_spin.setMaximum(50)
        self.threshold_spin.setValue(5)

        self.threshold_layout.addWidget(self.threshold_spin)

        self.threshold_help_label = QLabel(self.stats_group)
        self.threshold_help_label.setObjectName(u"threshold_help_label")
        self.threshold_help_label.setWordWrap(True)

        self.threshold_layout.addWidget(self.threshold_help_label)


        self.stats_layout.setLayout(1, QFormLayout.ItemRole.FieldRole, self.threshold_layout)


        self.content_layout.addWidget(self.stats_group)

        self.keeping_group = QGroupBox(self.settings_content)
        self.keeping_group.setObjectName(u"keeping_group")
        self.keeping_layout = QFormLayout(self.keeping_group)
        self.keeping_layout.setObjectName(u"keeping_layout")
        self.keeping_layout.setVerticalSpacing(12)
        self.keeping_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.retention_label = QLabel(self.keeping_group)
        self.retention_label.setObjectName(u"retention_label")

        self.keeping_layout.setWidget(0, QFormLayout.ItemRole.LabelRole, self.retention_label)

        self.retention_layout = QVBoxLayout()
        self.retention_layout.setSpacing(4)
        self.retention_layout.setObjectName(u"retention_layout")
        self.retention_spin = QSpinBox(self.keeping_group)
        self.retention_spin.setObjectName(u"retention_spin")
        sizePolicy.setHeightForWidth(self.retention_spin.sizePolicy().hasHeightForWidth())
        self.retention_spin.setSizePolicy(sizePolicy)
        self.retention_spin.setMinimumSize(QSize(120, 0))
        self.retention_spin.setMinimum(6)
        self.retention_spin.setMaximum(120)
        self.retention_spin.setValue(24)

        self.retention_layout.addWidget(self.retention_spin)

        self.retention_help_label = QLabel(self.keeping_group)
        self.retention_help_label.setObjectName(u"retention_help_label")
        self.retention_help_label.setWordWrap(True)

        self.retention_layout.addWidget(self.retention_help_label)


        self.keeping_layout.setLayout(0, QFormLayout.ItemRole.FieldRole, self.retention_layout)

        self.backup_reminder_label = QLabel(self.keeping_group)
        self.backup_reminder_label.setObjectName(u"backup_reminder_label")

        self.keeping_layout.setWidget(1, QFormLayout.ItemRole.LabelRole, self.backup_reminder_label)

        self.backup_reminder_layout = QVBoxLayout()
        self.backup_reminder_layout.setSpacing(4)
        self.backup_reminder_layout.setObjectName(u"backup_reminder_layout")
        self.backup_reminder_spin = QSpinBox(self.keeping_group)
        self.backup_reminder_spin.setObjectName(u"backup_reminder_spin")
        sizePolicy.setHeightForWidth(self.backup_reminder_spin.sizePolicy().hasHeightForWidth())
        self.backup_reminder_spin.setSizePolicy(sizePolicy)
        self.backup_reminder_spin.setMinimumSize(QSize(120, 0))
        self.backup_reminder_spin.setMinimum(1)
        self.backup_reminder_spin.setMaximum(90)
        self.backup_reminder_spin.setValue(7)

        self.backup_reminder_layout.addWidget(self.backup_reminder_spin)

        self.backup_reminder_help_label = QLabel(self.keeping_group)
        self.backup_reminder_help_label.setObjectName(u"backup_reminder_help_label")
        self.backup_reminder_help_label.setWordWrap(True)

        self.backup_reminder_layout.addWidget(self.backup_reminder_help_label)


        self.keeping_layout.setLayout(1, QFormLayout.ItemRole.FieldRole, self.backup_reminder_layout)


        self.content_layout.addWidget(self.keeping_group)

        self.bottom_spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.content_layout.addItem(self.bottom_spacer)

        self.settings_scroll.setWidget(self.settings_content)

        self.settings_layout.addWidget(self.settings_scroll)

        self.save_layout = QHBoxLayout()
        self.save_layout.setObjectName(u"save_layout")
        self.status_label = QLabel(self.settings_page)
        self.status_label.setObjectName(u"status_label")
        self.status_label.setWordWrap(True)

        self.save_layout.addWidget(self.status_label)

        self.save_button = QPushButton(self.settings_page)
        self.save_button.setObjectName(u"save_button")

        self.save_layout.addWidget(self.save_button)

        self.save_layout.setStretch(0, 1)

        self.settings_layout.addLayout(self.save_layout)

        self.pages.addWidget(self.settings_page)
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

#if QT_CONFIG(shortcut)
        self.service_name_label.setBuddy(self.service_name_edit)
        self.service_address_label.setBuddy(self.service_address_edit)
        self.service_phone_label.setBuddy(self.service_phone_edit)
        self.password_age_label.setBuddy(self.password_age_spin)
        self.idle_lock_label.setBuddy(self.idle_lock_spin)
        self.station_code_label.setBuddy(self.station_code_edit)
        self.threshold_label.setBuddy(self.threshold_spin)
        self.retention_label.setBuddy(self.retention_spin)
        self.backup_reminder_label.setBuddy(self.backup_reminder_spin)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.service_name_edit, self.service_address_edit)
        QWidget.setTabOrder(self.service_address_edit, self.service_phone_edit)
        QWidget.setTabOrder(self.service_phone_edit, self.password_age_spin)
        QWidget.setTabOrder(self.password_age_spin, self.idle_lock_spin)
        QWidget.setTabOrder(self.idle_lock_spin, self.station_code_edit)
        QWidget.setTabOrder(self.station_code_edit, self.threshold_spin)
        QWidget.setTabOrder(self.threshold_spin, self.retention_spin)
        QWidget.setTabOrder(self.retention_spin, self.backup_reminder_spin)
        QWidget.setTabOrder(self.backup_reminder_spin, self.save_button)

        self.retranslateUi(PolicySettingsWidget)

        QMetaObject.connectSlotsByName(PolicySettingsWidget)
    # setupUi

    def retranslateUi(self, PolicySettingsWidget):
        self.service_group.setTitle(QCoreApplication.translate("PolicySettingsWidget", u"Service (en-t\u00eate des courriers)", None))
        self.service_name_label.setText(QCoreApplication.translate("PolicySettingsWidget", u"&Nom du service :", None))
        self.service_address_label.setText(QCoreApplication.translate("PolicySettingsWidget", u"&Adresse :", None))
        self.service_phone_label.setText(QCoreApplication.translate("PolicySettingsWidget", u"&T\u00e9l\u00e9phone :", None))
        self.security_group.setTitle(QCoreApplication.translate("PolicySettingsWidget", u"Politique de s\u00e9curit\u00e9", None))
        self.password_age_label.setText(QCoreApplication.translate("PolicySettingsWidget", u"Dur\u00e9e de &validit\u00e9 des mots de passe :", None))
        self.password_age_spin.setSuffix(QCoreApplication.translate("PolicySettingsWidget", u" jours", None))
        self.password_age_help_label.setText(QCoreApplication.translate("PolicySettingsWidget", u"De 30 \u00e0 730 jours ; 365 par d\u00e9faut : un renouvellement r\u00e9gulier, comme le demande le cahier des charges, dans la fourchette de 1 \u00e0 3 ans de l'ANSSI. La CNIL et l'ANSSI d\u00e9conseillent les changements forc\u00e9s fr\u00e9quents, qui poussent \u00e0 des mots de passe plus faibles.", None))
        self.idle_lock_label.setText(QCoreApplication.translate("PolicySettingsWidget", u"Verrouillage apr\u00e8s &inactivit\u00e9 :", None))
        self.idle_lock_spin.setSuffix(QCoreApplication.translate("PolicySettingsWidget", u" min", None))
        self.idle_lock_help_label.setText(QCoreApplication.translate("PolicySettingsWidget", u"De 1 \u00e0 120 minutes ; 10 par d\u00e9faut. Pass\u00e9 ce d\u00e9lai sans activit\u00e9, les brouillons sont enregistr\u00e9s, l'\u00e9cran est masqu\u00e9 et il faut se reconnecter.", None))
        self.stats_group.setTitle(QCoreApplication.translate("PolicySettingsWidget", u"Statistiques anonymis\u00e9es", None))
        self.station_code_label.setText(QCoreApplication.translate("PolicySettingsWidget", u"&Code de la station :", None))
        self.station_code_edit.setPlaceholderText(QCoreApplication.translate("PolicySettingsWidget", u"par exemple NORD-03", None))
        self.station_code_help_label.setText(QCoreApplication.translate("PolicySettingsWidget", u"Le pseudonyme qui d\u00e9signe la station dans les fichiers export\u00e9s, convenu avec la r\u00e9gion : 2 \u00e0 20 lettres sans accent, chiffres ou tirets. Jamais le nom du service.", None))
        self.threshold_label.setText(QCoreApplication.translate("PolicySettingsWidget", u"&Seuil du secret statistique :", None))
        self.threshold_help_label.setText(QCoreApplication.translate("PolicySettingsWidget", u"De 3 \u00e0 50 ; 5 par d\u00e9faut. Un effectif de 1 jusqu'au seuil moins un n'est jamais diffus\u00e9, ni ce qui permettrait de le recalculer.", None))
        self.keeping_group.setTitle(QCoreApplication.translate("PolicySettingsWidget", u"Conservation et sauvegarde", None))
        self.retention_label.setText(QCoreApplication.translate("PolicySettingsWidget", u"Dur\u00e9e de &conservation :", None))
        self.retention_spin.setSuffix(QCoreApplication.translate("PolicySettingsWidget", u" mois", None))
        self.retention_help_label.setText(QCoreApplication.translate("PolicySettingsWidget", u"Apr\u00e8s le dernier contact avec la personne ; 24 mois par d\u00e9faut, comme le r\u00e9f\u00e9rentiel de la CNIL pour l'action sociale. Les dossiers qui d\u00e9passent cette dur\u00e9e sont list\u00e9s dans l'onglet Conservation.", None))
        self.backup_reminder_label.setText(QCoreApplication.translate("PolicySettingsWidget", u"Rappel de &sauvegarde apr\u00e8s :", None))
        self.backup_reminder_spin.setSuffix(QCoreApplication.translate("PolicySettingsWidget", u" jours", None))
        self.backup_reminder_help_label.setText(QCoreApplication.translate("PolicySettingsWidget", u"L'\u00e9cran d'accueil du ou de la responsable rappelle de sauvegarder quand la derni\u00e8re sauvegarde est plus ancienne.", None))
        self.save_button.setText(QCoreApplication.translate("PolicySettingsWidget", u"&Enregistrer", None))
        pass
    # retranslateUi
