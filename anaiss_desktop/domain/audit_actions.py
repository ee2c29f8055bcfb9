"""The audit log's action codes and how a person reads them.

Codes are stable (they are hashed into the chain); labels may improve. An unknown code is shown
as it is, so a new kind of entry is never hidden.
"""

from __future__ import annotations

ACTION_LABELS = {
    "station.creation": "Création de la station",
    "connexion": "Connexion",
    "connexion.echec": "Échec de connexion",
    "cle_secours.echec": "Clé de secours incorrecte",
    "compte.creation": "Création de compte",
    "compte.modification": "Modification de compte",
    "compte.verrouillage": "Verrouillage du compte (trois échecs)",
    "compte.deverrouillage": "Déverrouillage du compte",
    "compte.desactivation": "Désactivation de compte",
    "compte.reactivation": "Réactivation de compte",
    "mot_de_passe.changement": "Changement de mot de passe",
    "mot_de_passe.reinitialisation": "Nouveau mot de passe temporaire",
    "parametres.politique": "Politique de sécurité modifiée",
    "parametres.service": "Coordonnées du service modifiées",
    "parametres.statistiques": "Paramètres des statistiques modifiés",
    "verification": "Vérification d'intégrité",
    "usager.creation": "Création d'une fiche personne",
    "usager.modification": "Modification d'une fiche personne",
    "usager.fusion": "Fusion de deux fiches personne",
    "usager.suppression": "Suppression définitive d'une personne",
    "dossier.creation": "Ouverture d'un dossier",
    "dossier.ouverture": "Consultation d'un dossier",
    "dossier.modification": "Modification d'un dossier",
    "dossier.statut": "Changement de statut d'un dossier",
    "dossier.changement_referent": "Changement de référent(e) d'un dossier",
    "suppleance.designation": "Suppléance confiée",
    "suppleance.retrait": "Suppléance retirée",
    "note.partage": "Partage d'une note personnelle modifié",
    "note.transmission": "Notes personnelles transmises",
    "note.lecture_partagee": "Lecture des notes partagées avec soi",
    "absence.compte_rendu_lu": "Compte rendu d'absence lu",
    "intervention.ajout": "Intervention enregistrée",
    "intervention.modification": "Intervention modifiée",
    "intervention.suppression": "Intervention supprimée",
    "echeance.ajout": "Rendez-vous ou échéance ajouté",
    "echeance.fait": "Échéance faite",
    "echeance.a_faire": "Échéance remise à faire",
    "recherche.texte": "Recherche dans les écrits",
    "courrier.creation": "Courrier produit et classé au dossier",
    "courrier.consultation": "Courrier relu",
    "courrier.impression": "Courrier imprimé",
    "courrier.export": "Courrier enregistré hors de la station (copie non chiffrée)",
    "courrier_type.ajout": "Courrier type ajouté",
    "courrier_type.modification": "Courrier type modifié",
    "courrier_type.retrait": "Courrier type retiré",
    "courrier_type.retour": "Courrier type remis en service",
    "code.ajout": "Code ajouté à une liste",
    "code.libelle": "Libellé de code modifié",
    "code.retrait": "Code retiré",
    "code.retour": "Code remis en service",
    "import.csv": "Import de personnes et dossiers (CSV)",
    "demo.generation": "Données de démonstration générées",
    "statistiques.export": "Statistiques anonymisées exportées",
    "usager.export_donnees": "Données d'une personne exportées (droit d'accès)",
    "historique.consultation": "Historique des modifications consulté",
    "parametres.conservation": "Durée de conservation ou rappel de sauvegarde modifié",
    "conservation.purge": "Dossiers supprimés au terme de la durée de conservation",
    "sauvegarde": "Sauvegarde de la station",
    "restauration": "Station restaurée depuis une sauvegarde",
}


def action_label(code: str) -> str:
    """The French wording of an action code; the code itself when it is not known yet."""
    return ACTION_LABELS.get(code, code)
