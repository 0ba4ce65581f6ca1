ValueSet: TypeCreneauSASSOS
Id: sas-sos-valueset-typecreneau
Title: "Type créneaux SAS SOS"
Description: "Type de Créneaux SAS SOS"
* https://mos.esante.gouv.fr/NOS/TRE_R314-TypeCreneau/FHIR/TRE-R314-TypeCreneau#PUBLIC "Créneau accessible par le grand public"
* https://mos.esante.gouv.fr/NOS/TRE_R314-TypeCreneau/FHIR/TRE-R314-TypeCreneau#SNP "Créneau accessible par les Régulateurs et Organisateurs de Soins Non Programmés"

* ^experimental = false