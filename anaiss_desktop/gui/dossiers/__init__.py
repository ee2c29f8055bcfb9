"""The social worker's screens: home ("Mon activité"), search, person and dossier, interviews."""
