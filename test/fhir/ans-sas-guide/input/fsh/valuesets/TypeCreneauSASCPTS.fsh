ValueSet: TypeCreneauSASCPTS
Id: sas-cpts-valueset-typecreneau
Title: "Type créneaux SAS CPTS"
Description: "Type de Créneaux SAS CPTS"
* https://mos.esante.gouv.fr/NOS/TRE_R314-TypeCreneau/FHIR/TRE-R314-TypeCreneau#PUBLIC "Créneau accessible par le grand public"
* https://mos.esante.gouv.fr/NOS/TRE_R314-TypeCreneau/FHIR/TRE-R314-TypeCreneau#SNP "Créneau accessible par les Régulateurs et Organisateurs de Soins Non Programmés"
* https://mos.esante.gouv.fr/NOS/TRE_R314-TypeCreneau/FHIR/TRE-R314-TypeCreneau#PRO "Créneau accessible par les professionnels de santé"
* https://mos.esante.gouv.fr/NOS/TRE_R314-TypeCreneau/FHIR/TRE-R314-TypeCreneau#CPTS "Créneau accessible par les CPTS"

* ^experimental = false